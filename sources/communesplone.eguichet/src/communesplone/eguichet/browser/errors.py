"""Exception view of the order errors: JSON for REST, a short page in the browser.

The request's transaction is aborted before it renders: a refused order
leaves nothing behind.
"""

from communesplone.eguichet import _
from communesplone.eguichet.errors import OrderInvalid
from communesplone.core.browser.errors import RefusalView
from communesplone.core.browser.errors import refusal_json


def error_json(error, request):
    """The JSON body of the conventions for ``error`` (a refused action is "Forbidden")."""
    data = refusal_json(error, request)
    if error.status == 403 and not isinstance(error, OrderInvalid):
        data["error"]["type"] = "Forbidden"
    return data


class OrderErrorView(RefusalView):
    """Renders an :class:`~communesplone.eguichet.errors.OrderError`."""

    title = _("eguichet_error_title", default="Your request could not be done")

    def error_json(self):
        return error_json(self.context, self.request)
