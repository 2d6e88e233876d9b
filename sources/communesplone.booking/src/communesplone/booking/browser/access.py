"""``<resource>/@@booking-access?booking=<id>&token=<secret>``: the requester's own link.

The link in the received/confirmed mails lets a requester who has no account
(or is not logged in) see their booking, move it and cancel it before the
resource's cancellation deadline. The token is the booking's own random secret (32 bytes
from :mod:`secrets`), compared in constant time with that booking's only: a
token never opens another booking, and a wrong or missing token reveals
nothing (404, the same answer as for a booking that does not exist).
"""

from communesplone.booking import _
from communesplone.core.notifications import can_send_mail
from communesplone.booking.access import as_requester
from communesplone.booking.access import booking_for_token
from communesplone.booking.browser.booking import error_text
from communesplone.core.dates import period_text
from communesplone.booking.content.resource import site_timezone
from communesplone.booking.events import HOLDING_STATES
from communesplone.booking.occupancy import BookingError
from communesplone.booking.browser.move import MoveForm
from communesplone.booking.browser.move import new_period
from communesplone.booking.moving import may_move
from communesplone.booking.series import cancel_occurrences
from communesplone.booking.series import move_occurrences
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zope.i18n import translate

import transaction



class BookingAccessView(BrowserView):
    """See and cancel one's own booking with the secret link of the mails."""

    index = ViewPageTemplateFile("templates/booking-access.pt")
    move_form = None

    def __call__(self):
        form = self.request.form
        self.booking = booking_for_token(self.context, form.get("booking"), form.get("token"))
        if self.booking is None:
            self.request.response.setStatus(404)
            return self.invalid()
        if self.request.method == "POST" and form.get("move"):
            CheckAuthenticator(self.request)
            if self.move_booking():
                self.request.response.redirect(self.own_url())
                return ""
            return self.index()
        if self.request.method == "POST" and form.get("cancel"):
            CheckAuthenticator(self.request)
            if form.get("occurrence"):
                self.cancel_occurrence(form["occurrence"], form.get("scope", "one"),
                                       (form.get("comment") or "").strip())
            else:
                self.cancel((form.get("comment") or "").strip())
            self.request.response.redirect(self.own_url())
            return ""
        return self.index()

    def invalid(self):
        title = translate(_("booking_access_invalid", default="This link is not valid."),
                          context=self.request)
        return f"<!DOCTYPE html><html><head><title>{title}</title></head>" \
               f"<body><main><h1>{title}</h1></main></body></html>"

    def own_url(self):
        form = self.request.form
        return (f"{self.context.absolute_url()}/@@booking-access?booking={self.booking.UID()}"
                f"&token={form.get('token')}")

    def _as_requester(self):
        return as_requester()

    def _move_form(self):
        if self.move_form is None:
            form = self.request.form
            self.move_form = MoveForm(
                self.booking, self.request, f"{self.context.absolute_url()}/@@booking-access",
                hidden=(("booking", form.get("booking")), ("token", form.get("token"))))
        return self.move_form

    def move(self):
        """The move form while the requester may still move the booking, or with the
        reasons of a refused move (else None)."""
        with self._as_requester():
            allowed = self.move_form is not None or may_move(self.booking)
        # rendered as the visitor: the form's CSRF token is theirs
        return self._move_form().render() if allowed else None

    def move_booking(self):
        """Move as the requester; False (the form keeps what was typed) when refused."""
        form = self.request.form
        occurrence = form.get("occurrence") or ""
        savepoint = transaction.savepoint()
        try:
            start, end = new_period(form, occurrence, site_timezone())
            with self._as_requester():
                move_occurrences(self.booking, occurrence, start, end,
                                 form.get("scope") or "one", requester=True)
        except BookingError as error:
            savepoint.rollback()
            self._move_form().show(error)
            self.request.response.setStatus(getattr(error, "status", 400))
            return False
        api.portal.show_message(
            _("booking_moved_done", default="Your booking is moved; a confirmation is on its "
              "way by e-mail.") if can_send_mail() else
            _("booking_moved_done_no_mail", default="Your booking is moved."),
            request=self.request)
        return True

    def may_cancel(self):
        if api.content.get_state(self.booking) not in HOLDING_STATES:
            return False
        with self._as_requester():
            return self.booking.may_cancel()

    def cancel(self, comment):
        if not self.may_cancel():
            api.portal.show_message(
                _("booking_cancel_too_late",
                  default="This booking can no longer be cancelled online; please contact "
                  "the commune."), request=self.request, type="error")
            return
        savepoint = transaction.savepoint()
        try:
            with self._as_requester():
                api.portal.get_tool("portal_workflow").doActionFor(
                    self.booking, "cancel", comment=comment)
        except BookingError as error:
            savepoint.rollback()
            api.portal.show_message(error_text(error, self.request), request=self.request,
                                    type="error")
            return
        api.portal.show_message(_("booking_cancelled_done", default="Your booking is cancelled."),
                                request=self.request)

    def cancel_occurrence(self, occurrence, scope, comment):
        """One occurrence of a series, or it and the following ones (before the deadline)."""
        savepoint = transaction.savepoint()
        try:
            with self._as_requester():
                cancel_occurrences(self.booking, occurrence, scope, comment, requester=True)
        except BookingError as error:
            savepoint.rollback()
            api.portal.show_message(error_text(error, self.request), request=self.request,
                                    type="error")
            return
        api.portal.show_message(_("booking_transition_done", default="Done."),
                                request=self.request)

    def occurrences(self):
        """The occurrences of a series still held, for the form (None for a single booking)."""
        booking = self.booking
        if getattr(booking, "repeat", "none") in (None, "none") or api.content.get_state(
                booking) not in HOLDING_STATES:
            return None
        return [{"value": start.isoformat(), "label": period_text(start, end)}
                for _index, start, end in booking.occurrences(site_timezone())]

    def details(self):
        booking = self.booking
        workflow = api.portal.get_tool("portal_workflow")
        state = api.content.get_state(booking)
        return {
            "resource": self.context.Title(),
            "periods": [period_text(start, end) for start, end in booking.periods()],
            "state": translate(workflow.getTitleForStateOnType(state, "Booking"),
                               domain="plone", context=self.request),
            "requester_name": booking.requester_name,
            "purpose": booking.purpose,
            "attendees": booking.attendees,
        }
