"""POST @send-to {"assembly": UID}: send an accepted item on to another assembly's pool."""

from communesplone.deliberations import _
from communesplone.deliberations.content.assembly import IAssembly
from communesplone.deliberations.lifecycle import send_to
from communesplone.deliberations.services.errors import validation_error
from communesplone.deliberations.services.errors import workflow_error
from communesplone.core.jsonbody import Identifier
from communesplone.core.jsonbody import read_fields
from communesplone.core.jsonbody import read_json_body
from plone import api
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from Products.CMFCore.WorkflowCore import WorkflowException
from zope.interface import alsoProvides


FIELDS = {"assembly": Identifier(_("label_send_to_assembly", default="Assembly"))}


class SendToPost(Service):
    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        data = read_fields(read_json_body(self.request), FIELDS, self.request)
        target = api.content.get(UID=data.get("assembly") or "")
        if target is None or not IAssembly.providedBy(target) or not api.user.has_permission(
                "communesplone.deliberations: Add MeetingItem", obj=target):
            return validation_error(self.request, _("error_send_to_assembly",
                                                    default="Choose an assembly."), "assembly")
        try:
            copy = send_to(self.context, target)
        except WorkflowException as error:
            return workflow_error(self.request, error)
        self.request.response.setStatus(201)
        return {"@id": copy.absolute_url(), "UID": copy.UID(), "origin": copy.origin}
