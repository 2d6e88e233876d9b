"""The directory's refusal of bad input, and its rendering (JSON for REST, a page otherwise)."""

from communesplone.directory import _
from html import escape
from plone.rest.interfaces import IAPIRequest
from Products.Five.browser import BrowserView
from zope.i18n import translate

import json


class BusinessInvalid(Exception):
    """Field errors of an entry (HTTP 400): ``[(field id or "", translatable message)]``."""

    status = 400

    def __init__(self, errors):
        self.errors = list(errors)
        super().__init__("; ".join(f"{field}: {message}" for field, message in self.errors))


def error_json(error, request):
    """The conventions' body: ``{"error": {"type": "ValidationError", "message", "errors"}}``."""
    errors = [{"field": field, "message": translate(text, context=request)}
              for field, text in error.errors]
    message = translate(_("directory_error_invalid", default="Some fields are not valid."),
                        context=request)
    details = "; ".join(item["message"] for item in errors)
    return {"error": {"type": "ValidationError", "message": f"{message} {details}".strip(),
                      "errors": errors}}


class BusinessInvalidView(BrowserView):
    """Exception view of :class:`BusinessInvalid` (the transaction is already aborted)."""

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
        title = escape(translate(_("directory_error_title", default="The entry was not saved"),
                                 context=self.request))
        items = "".join(f"<li>{escape(item['message'])}</li>" for item in data["error"]["errors"])
        return (f"<!DOCTYPE html><html lang='{escape(self.request.get('LANGUAGE', 'fr'))}'>"
                f"<head><meta charset='utf-8'><title>{title}</title></head><body><main>"
                f"<h1>{title}</h1><ul role='alert'>{items}</ul></main></body></html>")
