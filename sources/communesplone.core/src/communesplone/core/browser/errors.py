"""The one rendering of an add-on's refusal (bad input, conflict, forbidden action).

Each add-on raises its own exception class (with ``status``, ``message`` and
optionally ``errors``: ``[(field id, message)]``) and registers an exception
view that subclasses :class:`RefusalView`, giving its page title and, if it
has more to say, its own :meth:`RefusalView.error_json`. REST clients get the
JSON of CONVENTIONS.md; a browser gets a short accessible page. The request's
transaction is aborted before the view renders: a refusal leaves nothing.
"""

from communesplone.core import _
from html import escape
from plone.rest.interfaces import IAPIRequest
from Products.Five.browser import BrowserView
from zope.i18n import translate

import json


def refusal_json(error, request, message=None):
    """``{"error": {"type", "message"[, "errors"]}}`` for ``error``.

    With field errors the type is ``ValidationError`` and the message lists them.
    """
    text = translate(message if message is not None else error.message, context=request)
    body = {"type": type(error).__name__, "message": text}
    if getattr(error, "errors", None):
        body["type"] = "ValidationError"
        body["errors"] = [
            {"field": field, "message": translate(entry, context=request)}
            for field, entry in error.errors
        ]
        details = "; ".join(item["message"] for item in body["errors"])
        body["message"] = f"{text} {details}".strip()
    return {"error": body}


class RefusalView(BrowserView):
    """Exception view base: JSON for REST, otherwise a page with the reasons."""

    title = _("refusal_title", default="Your request could not be done")

    def error_json(self):
        return refusal_json(self.context, self.request)

    def __call__(self):
        response = self.request.response
        response.setStatus(self.context.status, lock=True)
        data = self.error_json()
        if IAPIRequest.providedBy(self.request):
            response.setHeader("Content-Type", "application/json")
            body = json.dumps(data)
            response.setBody(body, lock=True)
            return body
        response.setHeader("Content-Type", "text/html; charset=utf-8")
        return self.page(data["error"])

    def page(self, error):
        title = escape(translate(self.title, context=self.request))
        back = escape(translate(_("refusal_back", default="Back"), context=self.request))
        language = escape(self.request.get("LANGUAGE", "fr") or "fr")
        items = "".join(f"<li>{escape(item['message'])}</li>" for item in error.get("errors", []))
        referer = escape(self.request.get("HTTP_REFERER") or "javascript:history.back()")
        return (
            f"<!DOCTYPE html><html lang='{language}'><head><meta charset='utf-8'>"
            f"<title>{title}</title></head><body><main><h1>{title}</h1>"
            f"<p role=\"alert\">{escape(error['message'])}</p><ul>{items}</ul>"
            f"<p><a href='{referer}'>{back}</a></p></main></body></html>"
        )


class BadBodyView(RefusalView):
    """A REST body that is not a JSON object (:class:`communesplone.core.jsonbody.BadBody`)."""

    title = _("bad_body_title", default="Your request could not be read")


class LimitReachedView(RefusalView):
    """Too many requests (:class:`communesplone.core.limits.LimitReached`): 429 and
    ``Retry-After``, the message in the site's language."""

    title = _("limit_reached_title", default="Please wait before trying again")

    def __call__(self):
        self.request.response.setHeader("Retry-After", str(self.context.retry_after))
        return super().__call__()
