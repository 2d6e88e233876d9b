"""The directory's refusal of bad input, and its rendering (JSON for REST, a page otherwise)."""

from communesplone.core.refusals import Refusal
from communesplone.directory import _
from communesplone.core.browser.errors import RefusalView
from communesplone.core.browser.errors import refusal_json


class BusinessInvalid(Refusal):
    """Field errors of an entry (HTTP 400): ``[(field id or "", translatable message)]``."""

    status = 400

    def __init__(self, errors):
        if self.copy_of(errors):  # re-raised as ``type(e)(e)`` (CMFCore)
            return
        self.errors = list(errors)
        super().__init__("; ".join(f"{field}: {message}" for field, message in self.errors))


def error_json(error, request):
    """The conventions' body: ``{"error": {"type": "ValidationError", "message", "errors"}}``."""
    return refusal_json(error, request, message=_(
        "directory_error_invalid", default="Some fields are not valid."))


class BusinessInvalidView(RefusalView):
    """Exception view of :class:`BusinessInvalid` (the transaction is already aborted)."""

    title = _("directory_error_title", default="The entry was not saved")

    def error_json(self):
        return error_json(self.context, self.request)
