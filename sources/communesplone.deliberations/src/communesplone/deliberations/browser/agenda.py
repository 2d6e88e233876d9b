"""The agenda builder's form target: one action (add, remove, up, down, order), then back.

The buttons of the meeting page post here without JavaScript; the drag and
drop of ``delib-agenda.js`` posts the new order of a category the same way.
The rules are in :mod:`communesplone.deliberations.agenda_builder`.
"""

from communesplone.deliberations import _
from communesplone.deliberations.agenda_builder import run
from plone.protect import CheckAuthenticator
from Products.CMFCore.WorkflowCore import WorkflowException
from Products.Five import BrowserView
from Products.statusmessages.interfaces import IStatusMessage
from zope.i18n import translate

DONE = {
    "add": _("delib_builder_added", default="The item is on the agenda."),
    "remove": _("delib_builder_removed", default="The item is back among the waiting items."),
    "up": _("delib_builder_moved", default="The order of the agenda is changed."),
    "down": _("delib_builder_moved", default="The order of the agenda is changed."),
    "order": _("delib_builder_moved", default="The order of the agenda is changed."),
}


class AgendaActionView(BrowserView):
    def __call__(self):
        url = self.context.absolute_url()
        if self.request.method != "POST":
            self.request.response.redirect(url)
            return ""
        CheckAuthenticator(self.request)
        form = self.request.form
        action = form.get("action", "")
        uid = form.get("item", "")
        order = form.get("order", "")
        order = order.split(",") if isinstance(order, str) else list(order)
        messages = IStatusMessage(self.request)
        try:
            run(self.context, action, uid=uid, order=order)
        except WorkflowException as error:
            messages.add(str(error), type="error")
        else:
            messages.add(translate(DONE[action], context=self.request), type="info")
        anchor = f"#delib-row-{uid}" if action in ("up", "down") and uid else "#delib-builder"
        self.request.response.redirect(url + anchor)
        return ""
