"""Errors that refuse an order (nothing is saved) and their rendering.

The publisher aborts the request's transaction before the exception view
renders, so a refused order leaves nothing behind; REST gets the
``ValidationError`` JSON of the conventions, the browser a short page.
"""

from communesplone.core.refusals import Refusal
from communesplone.eguichet import _


class OrderError(Refusal):
    """Base of the errors that refuse an order or a step of it."""

    status = 400


class OrderInvalid(OrderError):
    """The order breaks a rule of its document type (HTTP 400, per field)."""

    status = 400

    def __init__(self, errors, message=None):
        if self.copy_of(errors):  # re-raised as ``type(e)(e)`` (CMFCore)
            return
        #: ``[(field id or "", translatable message), ...]``
        self.errors = list(errors)
        self._message = message
        super().__init__("; ".join(f"{field}: {text}" for field, text in self.errors))

    @property
    def message(self):
        return self._message or _("eguichet_error_invalid",
                                  default="The order cannot be made as asked.")


class OrderNotAllowed(OrderError):
    """The person may not do this (HTTP 403)."""

    status = 403

    def __init__(self, message):
        if self.copy_of(message):  # re-raised as ``type(e)(e)`` (CMFCore)
            return
        self.reason = message
        super().__init__(str(message))

    @property
    def message(self):
        return self.reason
