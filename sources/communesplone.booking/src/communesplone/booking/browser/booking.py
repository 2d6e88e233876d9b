"""A booking's page (requester and managers), the manager's decision, the add form."""

from communesplone.core.translating import Translates
from communesplone.booking import _
from communesplone.booking.content.booking import MANAGE_BOOKINGS
from communesplone.booking.dates import amount_text
from communesplone.core.dates import day_text
from communesplone.core.dates import period_text
from communesplone.core.dates import time_text
from communesplone.booking.rules import time_choices
from communesplone.core.payment import transfer_instructions
from communesplone.booking.events import AUTO_CONFIRM_COMMENT
from communesplone.booking.events import reason_missing
from communesplone.booking.events import reason_required
from communesplone.booking.content.resource import site_timezone
from communesplone.booking.occupancy import BookingError
from communesplone.booking.browser.move import MoveForm
from communesplone.booking.browser.move import new_period
from communesplone.booking.moving import may_move
from communesplone.booking.series import cancel_occurrences
from communesplone.booking.series import move_occurrences
from communesplone.core.languages import translated_title
from communesplone.core.workflow_titles import state_title
from communesplone.core.workflow_titles import transition_title
from plone import api
from Products.CMFPlone.browser.navigation import PhysicalNavigationBreadcrumbs
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


def booking_heading(booking, language=None):
    """What and when, in the reader's language: "Gemeentezaal, donderdag 10 december,
    8 uur – 10 uur" (the stored title is in the site's language)."""
    periods = booking.periods(site_timezone())
    title = translated_title(booking.resource(), language)
    return f"{title}, {period_text(*periods[0], language)}" if periods else title


class BookingBreadcrumbs(PhysicalNavigationBreadcrumbs):
    """``breadcrumbs_view`` of a booking: its period in the reader's language, as its
    heading, not the title stored in the site's language."""

    def customize_entry(self, entry, context=None):
        if context is not None:
            periods = context.periods(site_timezone())
            if periods:
                entry["Title"] = period_text(*periods[0])


class BookingView(Translates, BrowserView):
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

    def heading(self):
        """ "Salle communale, mardi 15 décembre, 18 h – 20 h": what and when, not an id."""
        return booking_heading(self.context)

    def resource_title(self):
        """The resource in the reader's language ("Gemeentezaal")."""
        return translated_title(self.context.resource())

    def css_url(self):
        return f"{api.portal.get().absolute_url()}/++resource++communesplone.booking/booking.css"

    def periods(self):
        tz = site_timezone()
        return [period_text(start, end) for start, end in self.context.periods(tz)]

    def is_manager(self):
        """Whether the reader manages this booking: only they see the reason box."""
        return api.user.has_permission(MANAGE_BOOKINGS, obj=self.context)

    def requester_actions(self):
        """The requester's own buttons (cancel): no staff field, no reason asked."""
        return [item for item in self.transitions() if item["id"] == "cancel"]

    def payment(self):
        """What the requester pays, and how, for a booking of a paid resource.

        Once the booking is confirmed: the amount, the commune's IBAN, the
        structured communication and the EPC QR code a banking app reads. While
        it waits for the managers: the amount and when the instructions come.
        """
        context = self.context
        amount = getattr(context, "payment_amount", None)
        communication = getattr(context, "payment_communication", None)
        state = api.content.get_state(context)
        if not amount or not communication or state not in ("pending", "confirmed"):
            return None
        info = transfer_instructions(amount, communication)
        info["amount_text"] = amount_text(amount)
        info["confirmed"] = state == "confirmed"
        info["qr_alt"] = self.t(_(
            "booking_qr_alt",
            default="QR code of the transfer of ${amount} to ${iban}, communication "
            "${communication}",
            mapping={"amount": info["amount_text"], "iban": info["iban_display"],
                     "communication": communication}))
        return info

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
        tz = site_timezone()
        history = []
        for entry in entries:
            action = entry.get("action")
            if not action:
                continue
            moment = entry["time"].asdatetime().astimezone(tz)
            history.append({
                "action": transition_title(action, "Booking", self.request),
                "actor": self._actor(entry.get("actor")),
                "time": f"{day_text(moment)}, {time_text(moment)}",
                "comments": self._comment(entry.get("comments") or ""),
            })
        return history

    def _comment(self, comment):
        if comment == AUTO_CONFIRM_COMMENT:
            return self.t(_("booking_history_auto_confirmed",
                            default="confirmed at once, no approval needed"))
        return comment

    def _actor(self, user_id):
        """Who did it, by name (a user id is not what people read)."""
        user = api.user.get(userid=user_id) if user_id else None
        if user is None:
            return ""
        return user.getProperty("fullname") or ""


    def series(self):
        """The occurrences of a recurring booking and what the reader may do with them."""
        context = self.context
        if getattr(context, "repeat", "none") in (None, "none"):
            return None
        if api.content.get_state(context) not in ("pending", "confirmed"):
            return None
        tz = site_timezone()
        return {
            "occurrences": [{"value": start.isoformat(), "label": period_text(start, end)}
                            for _index, start, end in context.occurrences(tz)],
            "may_move": api.user.has_permission("Modify portal content", obj=context),
            "time_options": sorted({value for value, _label in sum(
                time_choices(context.resource().rules()), [])}),
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
