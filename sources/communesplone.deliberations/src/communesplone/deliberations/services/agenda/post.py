"""POST @agenda: one action of the agenda builder.

``{"action": "add" | "remove" | "up" | "down", "item": "<UID>"}`` or
``{"action": "order", "order": ["<UID>", ...]}`` (one category's items in their new
order). Answers the builder as ``GET @agenda`` does; 400 with the reason when the
rules refuse (frozen agenda, item not waiting, late item not urgent).
"""

from communesplone.deliberations.agenda_builder import run
from communesplone.deliberations.services.agenda.get import serialize
from communesplone.deliberations.services.errors import validation_error
from plone.protect.interfaces import IDisableCSRFProtection
from communesplone.core.jsonbody import Choice
from communesplone.core.jsonbody import Identifier
from communesplone.core.jsonbody import Identifiers
from communesplone.core.jsonbody import read_fields
from communesplone.core.jsonbody import read_json_body
from communesplone.deliberations import _
from plone.restapi.services import Service
from Products.CMFCore.WorkflowCore import WorkflowException
from zope.interface import alsoProvides


FIELDS = {
    "action": Choice(_("label_agenda_action", default="Action"),
                     ("add", "remove", "up", "down", "order"), required=True),
    "item": Identifier(_("label_agenda_item", default="Item")),
    "order": Identifiers(_("label_agenda_order", default="New order")),
}


class AgendaPost(Service):
    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        data = read_fields(read_json_body(self.request), FIELDS, self.request)
        try:
            run(self.context, data["action"], uid=data["item"], order=data["order"])
        except WorkflowException as error:
            return validation_error(self.request, str(error),
                                    "order" if data.get("action") == "order" else "item")
        return serialize(self.context)
