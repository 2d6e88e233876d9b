"""A booking's page (requester and managers), the manager's decision, the add form."""

from communesplone.booking import _
from communesplone.booking.mails import format_period
from communesplone.booking.occupancy import BookingError
from plone import api
from plone.dexterity.browser.add import DefaultAddForm
from plone.dexterity.browser.add import DefaultAddView
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from z3c.form.interfaces import ActionExecutionError
from zExceptions import BadRequest
from zope.i18n import translate
from zope.interface import Invalid

import transaction

REASON_REQUIRED = ("refuse",)


class BookingView(BrowserView):
    """Details of a booking and the transitions the reader may trigger."""

    index = ViewPageTemplateFile("templates/booking.pt")

    def __call__(self):
        return self.index()

    def t(self, message):
        return translate(message, context=self.request)

    def periods(self):
        return [format_period(start, end) for start, end in self.context.periods()]

    def state_title(self):
        workflow = api.portal.get_tool("portal_workflow")
        state = api.content.get_state(self.context)
        return translate(workflow.getTitleForStateOnType(state, "Booking"), domain="plone",
                         context=self.request)

    def transitions(self):
        workflow = api.portal.get_tool("portal_workflow")
        return [{"id": item["id"], "title": translate(item["title"], domain="plone",
                                                      context=self.request)}
                for item in workflow.getTransitionsFor(self.context)]

    def history(self):
        workflow = api.portal.get_tool("portal_workflow")
        entries = workflow.getInfoFor(self.context, "review_history", [])
        return [{"action": entry.get("action") or "", "actor": entry.get("actor") or "",
                 "time": entry["time"].strftime("%d/%m/%Y %H:%M"),
                 "comments": entry.get("comments") or ""}
                for entry in entries if entry.get("action")]


class BookingTransitionView(BrowserView):
    """POST ``transition`` and ``comment``: confirm, refuse (reason required), cancel."""

    def __call__(self):
        if self.request.method != "POST":
            raise BadRequest("POST only")
        CheckAuthenticator(self.request)
        transition = self.request.form.get("transition", "")
        comment = (self.request.form.get("comment") or "").strip()
        workflow = api.portal.get_tool("portal_workflow")
        allowed = [item["id"] for item in workflow.getTransitionsFor(self.context)]
        target = self.request.form.get("came_from") or self.context.absolute_url()
        if not api.portal.get_tool("portal_url").isURLInPortal(target):
            target = self.context.absolute_url()
        if transition not in allowed:
            api.portal.show_message(_("booking_transition_not_allowed",
                                      default="This action is not possible now."),
                                    request=self.request, type="error")
        elif transition in REASON_REQUIRED and not comment:
            api.portal.show_message(_("booking_reason_required",
                                      default="Give the reason: it is sent to the requester."),
                                    request=self.request, type="error")
        else:
            workflow.doActionFor(self.context, transition, comment=comment)
            api.portal.show_message(_("booking_transition_done", default="Done."),
                                    request=self.request)
        self.request.response.redirect(target)
        return ""


class BookingAddForm(DefaultAddForm):
    """``++add++Booking``: a refused booking becomes a form error, nothing is kept."""

    portal_type = "Booking"

    def createAndAdd(self, data):
        savepoint = transaction.savepoint()
        try:
            return super().createAndAdd(data)
        except BookingError as error:
            savepoint.rollback()
            messages = [translate(error.message, context=self.request)]
            messages += [translate(message, context=self.request)
                         for _field, message in getattr(error, "errors", ())]
            raise ActionExecutionError(Invalid(" ".join(messages))) from None


class BookingAddView(DefaultAddView):
    form = BookingAddForm
