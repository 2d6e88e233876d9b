"""A booking's page (requester and managers), the manager's decision, the add form."""

from communesplone.booking import _
from communesplone.booking.mails import format_period
from communesplone.booking.events import reason_missing
from communesplone.booking.events import reason_required
from communesplone.booking.content.resource import site_timezone
from communesplone.booking.occupancy import BookingError
from communesplone.booking.browser.move import MoveForm
from communesplone.booking.browser.move import may_move
from communesplone.booking.browser.move import new_period
from communesplone.booking.series import cancel_occurrences
from communesplone.booking.series import move_occurrences
from communesplone.core.workflow_titles import state_title
from communesplone.core.workflow_titles import transition_title
from plone import api
from plone.dexterity.browser.add import DefaultAddForm
from plone.dexterity.browser.add import DefaultAddView
from plone.dexterity.browser.edit import DefaultEditForm
from plone.z3cform import layout
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from z3c.form.interfaces import ActionExecutionError
from zExceptions import BadRequest
from zope.i18n import translate
from zope.interface import Invalid

import transaction



def error_text(error, request):
    """A booking error as one translated sentence (with its per-field messages)."""
    messages = [translate(error.message, context=request)]
    messages += [translate(message, context=request)
                 for _field, message in getattr(error, "errors", ())]
    return " ".join(messages)


class BookingView(BrowserView):
    """Details of a booking and the transitions the reader may trigger."""

    index = ViewPageTemplateFile("templates/booking.pt")
    #: the move form of a refused move (its errors and typed values), else a fresh one
    move_form = None

    def __call__(self):
        return self.index()

    def move(self):
        """The move form (the requester's, and a manager's for a single booking), or None.

        A manager moves the occurrences of a series with the series form.
        """
        context = self.context
        manager = api.user.has_permission("Modify portal content", obj=context)
        if self.move_form is not None:  # a refused move: its reasons and what was typed
            return self.move_form.render()
        if (manager and getattr(context, "repeat", "none") not in (None, "none")) \
                or not may_move(context):
            return None
        if self.move_form is None:
            self.move_form = MoveForm(context, self.request,
                                      f"{context.absolute_url()}/@@booking-occurrences")
        return self.move_form.render()

    def t(self, message):
        return translate(message, context=self.request)

    def periods(self):
        return [format_period(start, end) for start, end in self.context.periods()]

    def state_title(self):
        return state_title(api.content.get_state(self.context), "Booking", self.request)

    def transitions(self):
        workflow = api.portal.get_tool("portal_workflow")
        return [{"id": item["id"], "title": translate(item["title"], domain="plone",
                                                      context=self.request)}
                for item in workflow.getTransitionsFor(self.context)
                if item["id"] != "resubmit"]  # only the requester's move runs it

    def history(self):
        workflow = api.portal.get_tool("portal_workflow")
        entries = workflow.getInfoFor(self.context, "review_history", [])
        return [{"action": transition_title(entry["action"], "Booking", self.request),
                 "actor": entry.get("actor") or "",
                 "time": entry["time"].strftime("%d/%m/%Y %H:%M"),
                 "comments": entry.get("comments") or ""}
                for entry in entries if entry.get("action")]


    def series(self):
        """The occurrences of a recurring booking and what the reader may do with them."""
        context = self.context
        if getattr(context, "repeat", "none") in (None, "none"):
            return None
        if api.content.get_state(context) not in ("pending", "confirmed"):
            return None
        tz = site_timezone()
        return {
            "occurrences": [{"value": start.isoformat(), "label": format_period(start, end)}
                            for _index, start, end in context.occurrences(tz)],
            "may_move": api.user.has_permission("Modify portal content", obj=context),
            "time_options": [f"{m // 60:02d}:{m % 60:02d}" for m in range(
                0, 24 * 60, context.resource().slot_minutes or 30)],
        }


class BookingOccurrencesView(BrowserView):
    """POST from the booking page: cancel or move an occurrence (``series``), or a booking.

    A refused move renders the booking page again with the reasons next to the
    fields and what was typed; everything else redirects to the booking page.
    """

    def __call__(self):
        if self.request.method != "POST":
            raise BadRequest("POST only")
        CheckAuthenticator(self.request)
        form = self.request.form
        occurrence = form.get("occurrence", "")
        scope = form.get("scope", "one")
        comment = (form.get("comment") or "").strip()
        savepoint = transaction.savepoint()
        try:
            if form.get("move"):
                start, end = new_period(form, occurrence, site_timezone())
                move_occurrences(self.context, occurrence, start, end, scope, comment)
            else:
                cancel_occurrences(self.context, occurrence, scope, comment)
        except BookingError as error:
            savepoint.rollback()
            if form.get("move_form"):  # the move form: keep what was typed
                return self._refused_move(error)
            api.portal.show_message(error_text(error, self.request), request=self.request,
                                    type="error")
        else:
            api.portal.show_message(_("booking_transition_done", default="Done."),
                                    request=self.request)
        self.request.response.redirect(self.context.absolute_url())
        return ""

    def _refused_move(self, error):
        page = BookingView(self.context, self.request)
        page.move_form = MoveForm(self.context, self.request,
                                  f"{self.context.absolute_url()}/@@booking-occurrences")
        page.move_form.show(error)
        self.request.response.setStatus(getattr(error, "status", 400))
        return page()


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
        elif reason_required(self.context, transition) and not comment:
            api.portal.show_message(reason_missing().errors[0][1], request=self.request,
                                    type="error")
        else:
            savepoint = transaction.savepoint()
            try:
                workflow.doActionFor(self.context, transition, comment=comment)
            except BookingError as error:
                savepoint.rollback()
                api.portal.show_message(error_text(error, self.request), request=self.request,
                                        type="error")
            else:
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
            raise ActionExecutionError(Invalid(error_text(error, self.request))) from None


class BookingAddView(DefaultAddView):
    form = BookingAddForm


class BookingEditForm(DefaultEditForm):
    """``@@edit``: a change that breaks a rule becomes a form error, nothing is kept.

    The check itself is the data layer's (``events.booking_modified``); the
    form only rolls back to before the change and shows the reasons.
    """

    def applyChanges(self, data):
        savepoint = transaction.savepoint()
        try:
            return super().applyChanges(data)
        except BookingError as error:
            savepoint.rollback()
            raise ActionExecutionError(Invalid(error_text(error, self.request))) from None


BookingEditView = layout.wrap_form(BookingEditForm)
