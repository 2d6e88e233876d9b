"""The mark of an event handler that acts only where CommunesPlone is installed.

Apart from ``communesplone.core.installed`` (which needs core's interfaces) so
that modules core's interfaces depend on (languages, translations) can mark
their handlers without an import circle. ``tests/test_plain_site.py`` looks for
the mark.
"""

GUARDED = "__communesplone_guarded__"


def guarded_by_name(handler):
    """Mark a handler that acts only on CommunesPlone's own names (its registry
    records, its profiles), which exist only where an add-on is installed: it
    needs no other guard, and must not have one (it runs while the add-on is
    being installed, before its layer is registered)."""
    setattr(handler, GUARDED, True)
    return handler
