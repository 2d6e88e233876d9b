"""REST deserialization of assemblies, meetings and items: the conventions' error format.

plone.restapi answers schema errors as a ``BadRequest`` whose message is a
list; here they become :class:`DeliberationInvalid`, which the exception view
below renders as ``{"error": {"type": "ValidationError", "errors": [...]}}``.
"""

from communesplone.core.deserializer import FieldErrorsDeserializer
from communesplone.deliberations import _
from plone.rest.interfaces import IAPIRequest
from plone.restapi.interfaces import IDeserializeFromJson
from Products.Five.browser import BrowserView
from zExceptions import BadRequest
from zope.i18n import translate
from zope.interface import implementer

import json


class DeliberationInvalid(BadRequest):
    """Field errors of a deliberation content (HTTP 400)."""

    def __init__(self, errors):
        if isinstance(errors, DeliberationInvalid):
            errors = errors.errors
        self.errors = list(errors)
        super().__init__("; ".join(f"{field}: {message}" for field, message in self.errors))


@implementer(IDeserializeFromJson)
class DeliberationDeserializer(FieldErrorsDeserializer):
    invalid = DeliberationInvalid


class DeliberationInvalidView(BrowserView):
    """JSON for REST requests (the conventions' ValidationError), a short text otherwise."""

    def __call__(self):
        request = self.request
        message = translate(_("error_delib_invalid", default="Some fields are not valid."),
                            context=request)
        errors = [{"field": field, "message": translate(text, context=request)}
                  for field, text in self.context.errors]
        request.response.setStatus(400, lock=True)
        if IAPIRequest.providedBy(request):
            body = json.dumps({"error": {"type": "ValidationError", "message": message,
                                         "errors": errors}})
            request.response.setHeader("Content-Type", "application/json")
            request.response.setBody(body, lock=True)
            return body
        request.response.setHeader("Content-Type", "text/plain; charset=utf-8")
        return message + "\n" + "\n".join(f"{e['field']}: {e['message']}" for e in errors)
