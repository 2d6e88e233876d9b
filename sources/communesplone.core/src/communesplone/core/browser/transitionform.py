"""``@@transition-form``: the form of a transition that needs a reason or a file.

Reached from the status menu (the workflow's action URL points here) and from
the buttons of the pages; the rules live in :mod:`communesplone.core.transitionforms`
and in the add-ons' workflow subscribers.
"""

from communesplone.core import _
from communesplone.core.transitionforms import asks_file
from communesplone.core.transitionforms import asks_reason
from communesplone.core.transitionforms import form_for
from communesplone.core.transitionforms import reason_is_required
from communesplone.core.transitionforms import run_transition
from communesplone.core.transitionforms import TransitionRefused
from communesplone.core.workflow_titles import state_title
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zope.i18n import translate


class TransitionFormView(BrowserView):
    """GET shows the form, POST runs the transition or shows what is missing beside its field."""

    index = ViewPageTemplateFile("templates/transition_form.pt")

    def __call__(self):
        form = self.request.form
        self.transition_id = form.get("workflow_action") or ""
        self.comment = form.get("comment") or ""
        self.errors = {}
        self.definition = form_for(self.context, self.transition_id)
        if self.transition() is None:
            api.portal.show_message(
                _("error_transition_not_possible",
                  default="This action is not possible now: the page may be out of date."),
                self.request, type="error")
            self.request.response.redirect(self.context.absolute_url())
            return ""
        if self.request.method == "POST" and "form.cancel" in form:
            self.request.response.redirect(self.context.absolute_url())
            return ""
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            try:
                run_transition(self.context, self.transition_id, self.comment,
                               form.get("file"))
            except TransitionRefused as refused:
                self.request.response.setStatus(400)
                for field, message in refused.errors:
                    field = self._field_of(field)
                    text = translate(message, context=self.request)
                    self.errors[field] = f"{self.errors[field]} {text}" \
                        if field in self.errors else text
            else:
                # the state it is in now, in words ("Refusée"), not the button's verb
                # in the infinitive ("C'est fait : rejeter.")
                state = state_title(api.content.get_state(self.context),
                                    self.context.portal_type, self.request)
                api.portal.show_message(
                    _("transition_done_state", default="Done: the state is now “${state}”.",
                      mapping={"state": state}), self.request)
                self.request.response.redirect(self.context.absolute_url())
                return ""
        return self.index()

    def _field_of(self, field):
        """Where a refusal is shown: beside the reason, the file, or above the form."""
        if field == "comment" and self.asks_reason():
            return "comment"
        if field and field != "comment" and self.asks_file():
            return "file"
        return ""

    def transition(self):
        workflow = api.portal.get_tool("portal_workflow")
        for item in workflow.getTransitionsFor(self.context):
            if item["id"] == self.transition_id:
                return item
        return None

    def transition_title(self):
        item = self.transition() or {}
        return translate(item.get("title") or self.transition_id, domain="plone",
                         context=self.request)

    def object_title(self):
        return self.context.Title()

    def heading(self):
        """"Rejeter : Garage du Centre" / "Weigeren: Garage du Centre"."""
        return translate(_("transition_form_heading", default="${action}: ${title}",
                           mapping={"action": self.transition_title(),
                                    "title": self.object_title()}), context=self.request)

    def asks_reason(self):
        return asks_reason(self.definition)

    def reason_required(self):
        return reason_is_required(self.definition, self.context)

    def asks_file(self):
        return asks_file(self.definition, self.context)

    def reason_label(self):
        label = getattr(self.definition, "reason_label", None) or _(
            "label_transition_reason", default="Reason")
        return translate(label, context=self.request)

    def file_label(self):
        label = getattr(self.definition, "file_label", None) or _(
            "label_transition_file", default="Document (PDF)")
        return translate(label, context=self.request)

    def consequence(self):
        text = getattr(self.definition, "consequence", None)
        return translate(text, context=self.request) if text else ""

    def action_url(self):
        return f"{self.context.absolute_url()}/@@transition-form"
