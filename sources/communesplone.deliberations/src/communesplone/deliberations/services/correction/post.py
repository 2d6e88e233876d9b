"""POST @correction: change a decided item's text (``field``, ``value``, ``reason``)."""

from communesplone.deliberations.corrections import correct
from communesplone.deliberations.corrections import CorrectionError
from communesplone.deliberations.services.errors import validation_error
from communesplone.core.jsonbody import Choice
from communesplone.core.jsonbody import read_fields
from communesplone.core.jsonbody import read_json_body
from communesplone.core.jsonbody import Text
from communesplone.deliberations import _
from communesplone.deliberations.corrections import CORRECTABLE
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from zope.interface import alsoProvides


FIELDS = {
    "field": Choice(_("label_correction_field", default="Field corrected"), CORRECTABLE),
    "value": Text(_("label_correction_value", default="Corrected text"), limit=100_000),
    "reason": Text(_("label_correction_reason", default="Reason")),
}


class CorrectionPost(Service):
    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        data = read_fields(read_json_body(self.request), FIELDS, self.request)
        try:
            entry = correct(self.context, data.get("field"), data.get("value"),
                            data.get("reason") or "")
        except CorrectionError as error:
            return validation_error(self.request, error.message, error.field)
        return entry
