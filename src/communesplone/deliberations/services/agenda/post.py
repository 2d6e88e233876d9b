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
from plone.restapi.deserializer import json_body
from plone.restapi.services import Service
from Products.CMFCore.WorkflowCore import WorkflowException
from zope.interface import alsoProvides


class AgendaPost(Service):
    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        data = json_body(self.request)
        if not isinstance(data, dict):
            data = {}
        order = data.get("order")
        if not isinstance(order, list):
            order = None
        try:
            run(self.context, data.get("action"), uid=data.get("item"),
                order=[str(uid) for uid in order] if order else None)
        except WorkflowException as error:
            return validation_error(self.request, str(error),
                                    "order" if data.get("action") == "order" else "item")
        return serialize(self.context)
