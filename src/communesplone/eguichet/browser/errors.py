"""Exception view of the order errors: JSON for REST, a short page in the browser.

The request's transaction is aborted before it renders: a refused order
leaves nothing behind.
"""

from communesplone.eguichet import _
from communesplone.eguichet.errors import OrderInvalid
from html import escape
from plone.rest.interfaces import IAPIRequest
from Products.Five.browser import BrowserView
from zope.i18n import translate

import json


def error_json(error, request):
    """The JSON body of the conventions for ``error``."""
    message = translate(error.message, context=request)
    body = {"type": "Forbidden" if error.status == 403 else type(error).__name__,
            "message": message}
    if isinstance(error, OrderInvalid):
        body["type"] = "ValidationError"
        body["errors"] = [
            {"field": field, "message": translate(text, context=request)}
            for field, text in error.errors
        ]
        details = "; ".join(item["message"] for item in body["errors"])
        body["message"] = f"{message} {details}".strip()
    return {"error": body}


class OrderErrorView(BrowserView):
    """Renders an :class:`~communesplone.eguichet.errors.OrderError`."""

    def __call__(self):
        error = self.context
        response = self.request.response
        response.setStatus(error.status, lock=True)
        data = error_json(error, self.request)
        if IAPIRequest.providedBy(self.request):
            response.setHeader("Content-Type", "application/json")
            body = json.dumps(data)
            response.setBody(body, lock=True)
            return body
        response.setHeader("Content-Type", "text/html; charset=utf-8")
        title = translate(_("eguichet_error_title", default="Your request could not be done"),
                          context=self.request)
        back = translate(_("eguichet_error_back", default="Back"), context=self.request)
        items = "".join(
            f"<li>{escape(item['message'])}</li>" for item in data["error"].get("errors", [])
        )
        return (
            f"<!DOCTYPE html><html lang='{escape(self.request.get('LANGUAGE', 'fr'))}'><head>"
            f"<meta charset='utf-8'><title>{escape(title)}</title></head><body><main>"
            f"<h1>{escape(title)}</h1><p role='alert'>{escape(data['error']['message'])}</p>"
            f"<ul>{items}</ul><p><a href='javascript:history.back()'>{escape(back)}</a></p>"
            f"</main></body></html>"
        )
