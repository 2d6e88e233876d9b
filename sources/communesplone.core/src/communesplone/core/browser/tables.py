"""Dashboards as tables (``communesplone.core.tables``): the faceted results and the
batch action with its reason form; thin views over the module."""

from communesplone.core.translating import Translates
from communesplone.core import _
from communesplone.core.tables import result_messages
from communesplone.core.tables import rows
from communesplone.core.tables import row_namer
from communesplone.core.tables import run_batch
from communesplone.core.tables import table_of
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zExceptions import BadRequest


class DashboardTableView(Translates, BrowserView):
    """``@@dashboard-table``: the data of the faceted results template."""

    def data(self, batch):
        table = table_of(self.context)
        if table is None:
            return None
        t = self.t
        return {
            "headers": [t(column.title) for column in table.columns],
            "actions": [{"id": action.transition, "title": t(action.title)}
                        for action in table.actions],
            "rows": rows(table, batch, self.request, self.context),
            "action_url": f"{self.context.absolute_url()}/@@dashboard-batch",
        }


class DashboardBatchView(Translates, BrowserView):
    """``@@dashboard-batch`` (POST): run an action on the selected rows, asking for a
    reason first when the action needs one; then back to the dashboard, saying what
    was done and what was left as it was."""

    reason_form = ViewPageTemplateFile("templates/dashboard-reason.pt")
    choice_form = ViewPageTemplateFile("templates/dashboard-choice.pt")

    def __call__(self):
        if self.request.method != "POST":
            return self.request.response.redirect(self.context.absolute_url())
        CheckAuthenticator(self.request)
        self.table = table_of(self.context)
        form = self.request.form
        self.transition = form.get("transition", "")
        self.action = self.table.action(self.transition) if self.table else None
        if self.action is None:
            raise BadRequest("unknown action")
        uids = form.get("uids", [])
        self.uids = [uids] if isinstance(uids, str) else list(uids)
        comment = (form.get("comment") or "").strip()
        self.error = ""
        choice = None
        if self.action.choices is not None and self.uids:
            self.options = list(self.action.choices(self.context, self.request))
            choice = form.get("choice") or ""
            if choice not in {value for value, _title in self.options}:
                if form.get("form.choice"):
                    self.error = self.t(_("table_choice_required",
                                          default="Choose one of the options."))
                return self.show_choice_form()
        if self.action.needs_reason and not comment and self.uids:
            if form.get("form.reason"):
                self.error = self.t(_("table_reason_required",
                                      default="Give the reason: the requester reads it."))
            return self.show_reason_form()
        result = run_batch(self.table, self.transition, self.uids, comment, self.request,
                           choice=choice)
        for text, kind in result_messages(self.table, self.transition, result, self.request):
            api.portal.show_message(text, request=self.request, type=kind)
        return self.request.response.redirect(self.context.absolute_url())

    def show_reason_form(self):
        brains = api.content.find(UID=self.uids, portal_type=list(self.table.portal_types))
        name = row_namer(self.table, self.request)
        self.selected = [{"uid": brain.UID, "title": name(brain)} for brain in brains]
        self.action_title = self.t(self.action.title)
        # "Refuser…" opens this form; its own button does it: "Refuser"
        self.button_title = self.action_title.rstrip("….").strip() or self.action_title
        return self.reason_form()

    def show_choice_form(self):
        """The selected rows and the options (a meeting...): one to pick, then the action
        runs; no option means nothing can be done now, and the form says so."""
        brains = api.content.find(UID=self.uids, portal_type=list(self.table.portal_types))
        self.selected = [{"uid": brain.UID, "title": brain.Title} for brain in brains]
        self.action_title = self.t(self.action.title).rstrip(" …")
        self.choice_label = self.t(self.action.choice_label)
        self.no_choice = self.t(self.action.no_choice) if self.action.no_choice else ""
        return self.choice_form()
