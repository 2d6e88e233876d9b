"""POST @advice: the secretariat asks a service (``{"request": "<group id>"}``: due in the
regime's working days), or a service answers (``service``, ``answer``: favourable /
unfavourable / remarks, ``comment``); only a member of that service can answer."""

from communesplone.deliberations.advice import AdviceError
from communesplone.deliberations.advice import give_advice
from communesplone.deliberations.services.errors import validation_error
from communesplone.core.jsonbody import Choice
from communesplone.core.jsonbody import Identifier
from communesplone.core.jsonbody import read_fields
from communesplone.core.jsonbody import read_json_body
from communesplone.core.jsonbody import Text
from communesplone.deliberations import _
from communesplone.deliberations.vocabularies import ADVICE_ANSWERS
from communesplone.deliberations.advice import request_advice
from communesplone.deliberations.roles import is_secretariat
from communesplone.deliberations.vocabularies import services_vocabulary
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from zope.interface import alsoProvides


FIELDS = {
    "request": Identifier(_("label_advice_request", default="Service asked")),
    "service": Identifier(_("label_advice_service", default="Service")),
    "answer": Choice(_("label_advice_answer", default="Advice"), ADVICE_ANSWERS),
    "comment": Text(_("label_advice_comment", default="Comment")),
}


class AdvicePost(Service):
    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        data = read_fields(read_json_body(self.request), FIELDS, self.request)
        if data.get("request"):
            return self.ask(data["request"])
        try:
            advice = give_advice(self.context, data.get("service"), data.get("answer"),
                                 data.get("comment") or "")
        except AdviceError as error:
            return validation_error(self.request, error.message, error.field)
        return advice

    def ask(self, service):
        from zExceptions import Unauthorized

        if not is_secretariat(self.context):
            raise Unauthorized("advice request")
        if service not in services_vocabulary(self.context):
            return validation_error(self.request, _("error_advice_service",
                                                    default="Unknown service."), "request")
        self.request.response.setStatus(201)
        return request_advice(self.context, service)
