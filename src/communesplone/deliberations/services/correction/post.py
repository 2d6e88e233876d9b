"""POST @correction: change a decided item's text (``field``, ``value``, ``reason``)."""

from communesplone.deliberations.corrections import correct
from communesplone.deliberations.corrections import CorrectionError
from communesplone.deliberations.services.errors import validation_error
from communesplone.core.jsonbody import read_json_body
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from zope.interface import alsoProvides


class CorrectionPost(Service):
    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        data = read_json_body(self.request)
        data = data if isinstance(data, dict) else {}
        try:
            entry = correct(self.context, data.get("field"), data.get("value"),
                            data.get("reason") or "")
        except CorrectionError as error:
            return validation_error(self.request, error.message, error.field)
        return entry
