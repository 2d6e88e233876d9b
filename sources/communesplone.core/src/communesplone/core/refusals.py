"""The one base of the exceptions that refuse what a person asked (nothing is saved).

Each add-on raises its own subclass (a booking that overlaps, an order that
breaks a rule, an entry with a bad field, too many requests); core's
:class:`communesplone.core.browser.errors.RefusalView` renders any of them:
``status`` (the HTTP status), ``message`` (translatable) and ``errors``
(``[(field id or "", translatable message)]``, empty when the whole request
is refused).

And one answer to the same trap, which four classes worked around each in
its own words: CMFCore's ``WorkflowTool`` re-raises an error of a workflow
subscriber as ``type(error)(error)``, so a refusal is built again from
itself; :meth:`Refusal.copy_of` makes it a copy of the original.
"""


class Refusal(Exception):
    """What was asked is refused; says why (see the module)."""

    status = 400
    errors = ()

    def copy_of(self, original):
        """True, after becoming a copy of ``original``, when built as ``type(e)(e)``."""
        if original is self or not isinstance(original, type(self)):
            return False
        self.__dict__.update(original.__dict__)
        Exception.__init__(self, *original.args)
        return True
