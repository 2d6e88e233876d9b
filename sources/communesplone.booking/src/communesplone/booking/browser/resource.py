"""The resource's page: a week calendar of free and taken slots, and a booking form.

The form is plain HTML (it works without JavaScript) and posts to ``@@book``;
a refused booking shows the errors next to their fields and keeps what the
person typed. It creates the Booking the way every other client does, so the
same data-layer check applies (:mod:`communesplone.booking.events`).
"""

from communesplone.core.translating import Translates
from communesplone.core.languages import translated_description
from communesplone.core.languages import translated_title
from communesplone.booking import _
from communesplone.core.notifications import can_send_mail
from communesplone.booking.availability import may_see_details
from communesplone.booking.availability import taken_entries
from communesplone.booking.content.resource import site_timezone
from communesplone.booking.dates import amount_text
from communesplone.core.dates import current_language
from communesplone.core.dates import day_text
from communesplone.core.dates import month_text
from communesplone.core.dates import period_text
from communesplone.core.dates import short_day_text
from communesplone.core.dates import time_text
from communesplone.booking.events import booking_refusal
from communesplone.booking.browser.move import place_refusal
from communesplone.booking.occupancy import BookingError
from communesplone.core import limits
from communesplone.core.limits import LimitReached
from communesplone.booking.occupancy import taken
from communesplone.booking.rules import attach
from communesplone.booking.rules import free_intervals
from communesplone.booking.rules import opening_span
from communesplone.booking.rules import time_choices
from communesplone.booking.vocabularies import AUDIENCES
from communesplone.booking.vocabularies import KINDS
from communesplone.booking.vocabularies import PRICE_UNITS
from communesplone.booking.vocabularies import RECURRENCES
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from plone import api
from communesplone.booking.making import make_booking
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from urllib.parse import urlencode

import transaction

FORM_FIELDS = (
    "date", "start_time", "end_time", "requester_name", "requester_email", "requester_phone",
    "organisation", "purpose", "attendees", "notes", "repeat", "repeat_until", "repeat_count",
)
DAY_NAMES = (
    _("weekday_monday", default="Monday"), _("weekday_tuesday", default="Tuesday"),
    _("weekday_wednesday", default="Wednesday"), _("weekday_thursday", default="Thursday"),
    _("weekday_friday", default="Friday"), _("weekday_saturday", default="Saturday"),
    _("weekday_sunday", default="Sunday"),
)


def _parse_date(value):
    try:
        return date.fromisoformat((value or "").strip())
    except ValueError:
        return None


def _parse_time(value):
    try:
        return time.fromisoformat((value or "").strip())
    except ValueError:
        return None


class ResourceView(Translates, BrowserView):
    """``view`` (GET) and ``@@book`` (POST) of a Resource."""

    index = ViewPageTemplateFile("templates/resource.pt")
    #: What the form refuses to leave empty: marked so beside the label.
    required_fields = ("date", "start_time", "end_time", "requester_name",
                       "requester_email", "purpose")

    def heading(self):
        """The room's name in the reader's language (its Translations tab)."""
        return translated_title(self.context)

    def description(self):
        """What the room is, in the reader's language."""
        return translated_description(self.context)
    labels = {
        "date": _("label_booking_date", default="Date"),
        "start_time": _("label_booking_start_time", default="From"),
        "end_time": _("label_booking_end_time", default="To"),
        "requester_name": _("label_booking_requester_name", default="Your name"),
        "requester_email": _("label_booking_requester_email", default="Your e-mail"),
        "requester_phone": _("label_booking_requester_phone", default="Your phone"),
        "organisation": _("label_booking_organisation", default="Organisation"),
        "purpose": _("label_booking_purpose", default="Purpose"),
        "attendees": _("label_booking_attendees", default="Number of people"),
        "notes": _("label_booking_notes", default="Notes for the manager"),
        "repeat": _("label_booking_repeat", default="Repeat"),
        "repeat_until": _("label_booking_repeat_until", default="Repeat until"),
        "repeat_count": _("label_booking_repeat_count", default="Number of occurrences"),
    }
    text_fields = (
        ("requester_name", "text"), ("requester_email", "email"), ("requester_phone", "tel"),
        ("organisation", "text"), ("purpose", "text"), ("attendees", "number"),
    )

    def __call__(self):
        self.errors = {}
        self.general_errors = []
        self.values = self._defaults()
        if self.request.method == "POST" and self.request.form.get("form.submitted"):
            result = self.submit()
            if result is not None:
                return result
        self.update()
        return self.index()

    # --- the form ---------------------------------------------------------

    def _defaults(self):
        values = dict.fromkeys(FORM_FIELDS, "")
        values.update({"attendees": "1", "repeat": "none"})
        if not api.user.is_anonymous():
            user = api.user.get_current()
            values["requester_name"] = user.getProperty("fullname") or user.getId()
            values["requester_email"] = user.getProperty("email") or ""
        for name in FORM_FIELDS:
            if name in self.request.form:
                values[name] = str(self.request.form.get(name) or "")
        return values

    def submit(self):
        """Create the booking; on refusal, fill the errors and render the form again."""
        CheckAuthenticator(self.request)
        values = self.values
        tz = site_timezone()
        day = _parse_date(values["date"])
        start_time, end_time = _parse_time(values["start_time"]), _parse_time(values["end_time"])
        if day is None:
            self.errors["date"] = self.t(_("error_booking_date", default="Choose a date."))
        if start_time is None:
            self.errors["start_time"] = self.t(_("error_booking_time",
                                                 default="Choose a time."))
        if end_time is None:
            self.errors["end_time"] = self.t(_("error_booking_time", default="Choose a time."))
        try:
            attendees = int(values["attendees"] or 1)
        except ValueError:
            attendees = None
            self.errors["attendees"] = self.t(_("error_booking_number",
                                                default="Give a whole number."))
        repeat_count = None
        if values["repeat_count"]:
            try:
                repeat_count = int(values["repeat_count"])
            except ValueError:
                self.errors["repeat_count"] = self.t(_("error_booking_number",
                                                       default="Give a whole number."))
        repeat_until = _parse_date(values["repeat_until"]) if values["repeat_until"] else None
        for name in self.required_fields[3:]:
            if not values[name].strip():
                self.errors[name] = self.t(_("error_required", default="Required."))
        if self.errors:
            return None
        start = attach(datetime.combine(day, start_time), tz)
        end_day = day + timedelta(days=1) if end_time <= start_time else day
        end = attach(datetime.combine(end_day, end_time), tz)
        savepoint = transaction.savepoint()
        try:
            booking = make_booking(
                self.context,
                start=start, end=end,
                requester_name=values["requester_name"].strip(),
                requester_email=values["requester_email"].strip(),
                requester_phone=values["requester_phone"].strip(),
                organisation=values["organisation"].strip(),
                purpose=values["purpose"].strip(),
                attendees=attendees,
                notes=values["notes"],
                repeat=values["repeat"] if values["repeat"] in ("weekly", "monthly") else "none",
                repeat_until=repeat_until,
                repeat_count=repeat_count,
            )
        except BookingError as error:
            savepoint.rollback()
            self._show(error)
            return None
        except LimitReached as error:
            savepoint.rollback()
            limits.answer(self.request, error)
            self.general_errors.append(self.t(error.message))
            return None
        api.portal.show_message(
            _("booking_received", default="Your booking was recorded; a confirmation is "
              "on its way by e-mail.") if can_send_mail() else
            _("booking_received_no_mail", default="Your booking was recorded."),
            request=self.request)
        if api.user.has_permission("View", obj=booking):
            target = booking.absolute_url()
        else:
            target = self.context.absolute_url()
        self.request.response.redirect(target)
        return ""

    def _show(self, error):
        place_refusal(self, error, {"start": "start_time", "end": "end_time", "repeat": "repeat"},
                      FORM_FIELDS, conflict_field="start_time")

    # --- the calendar -----------------------------------------------------

    def chosen_week(self, today):
        """The Monday of the week to show: the one asked for, kept through the POST.

        ``week`` (the navigation links and the form's hidden field), else the
        day typed in the form, else the month asked for, else this week.
        """
        day = _parse_date(self.request.form.get("week")) or _parse_date(self.values["date"])
        if day is None:
            asked = (self.request.form.get("month") or "").strip()
            day = _parse_date(f"{asked}-01") if asked else None
            if day is not None and day.year == today.year and day.month == today.month:
                day = today
        day = day or today
        return day - timedelta(days=day.weekday())

    def update(self):
        tz = site_timezone()
        rules = self.context.rules()
        self.tz = tz
        self.language = current_language()
        today = datetime.now(tz).date()
        self.monday = self.chosen_week(today)
        self.days = [self.monday + timedelta(days=offset) for offset in range(7)]
        start = attach(datetime.combine(self.monday, time()), tz)
        end = attach(datetime.combine(self.monday + timedelta(days=7), time()), tz)
        self.details = may_see_details(self.context)
        self.taken = taken_entries(self.context, start, end, self.details)
        self.refusal = booking_refusal(self.context, self.request)
        self.refusal_text = self.t(self.refusal) if self.refusal is not None else ""
        busy = [(datetime.fromisoformat(item["start"]), datetime.fromisoformat(item["end"]),
                 item) for item in self.taken]
        step = rules.slot_minutes or 30
        self.length = max(step, rules.min_minutes or step)
        first, last = opening_span(rules)
        first = (first // step) * step
        now = datetime.now(tz)
        self.rows = []
        for minute in range(first, last, step):
            cells = []
            for day in self.days:
                cell_start = attach(datetime.combine(day, time()) + timedelta(minutes=minute), tz)
                cell_end = cell_start + timedelta(minutes=step)
                cell = self._cell(rules, day, cell_start, cell_end, busy, now)
                cell["css"] = ("slot slot-free slot-chosen" if cell["state"] == "chosen"
                               else f"slot slot-{cell['state']}")
                cells.append(cell)
            label = time_text(time(minute // 60, minute % 60), self.language)
            self.rows.append({"label": label, "cells": cells})
        self.previous_week = (self.monday - timedelta(days=7)).isoformat()
        self.next_week = (self.monday + timedelta(days=7)).isoformat()
        self.this_week = None if self.monday <= today <= self.days[-1] else today.isoformat()
        self.week_label = (f"{day_text(self.days[0], self.language, today)} – "
                           f"{day_text(self.days[-1], self.language, today)}")
        self.start_options, self.end_options = time_choices(rules)
        self.update_month(rules, tz, today)

    def _slot_url(self, day, cell_start, rules):
        """The link of a free slot: the page with the form filled in (works without JS).

        The end proposed is the shortest booking the resource accepts, cut at
        the end of the opening range; the person can change it in the form.
        """
        end = cell_start + timedelta(minutes=self.length)
        for range_start, range_end in rules.opening_ranges(day):
            if range_start <= cell_start < range_end:
                end = min(end, range_end)
        values = {"week": self.monday.isoformat(), "date": day.isoformat(),
                  "start_time": f"{cell_start:%H:%M}", "end_time": f"{end:%H:%M}"}
        url = f"{self.context.absolute_url()}?{urlencode(values)}#booking-form-title"
        if self.refusal is not None:
            if not api.user.is_anonymous():
                return None, values, end
            url = self.login_url(url)
        return url, values, end

    def _cell(self, rules, day, cell_start, cell_end, busy, now):
        for busy_start, busy_end, item in busy:
            if busy_start < cell_end and cell_start < busy_end:
                label = self.t(_("slot_taken", default="Taken"))
                if item.get("own"):
                    label = self.t(_("slot_yours", default="Your booking"))
                elif self.details and item.get("requester_name"):
                    label = f"{label}: {item['requester_name']}"
                return {"state": "taken", "label": label, "url": item.get("booking"),
                        "hint": "", "symbol": "✕"}
        open_ = any(r_start <= cell_start and cell_end <= r_end
                    for r_start, r_end in rules.opening_ranges(day))
        if not open_:
            return {"state": "closed", "label": self.t(_("slot_closed", default="Closed")),
                    "url": None, "hint": "", "symbol": "–"}
        if cell_start < now:
            return {"state": "past", "label": self.t(_("slot_past", default="Past")),
                    "url": None, "hint": "", "symbol": "·"}
        url, values, end = self._slot_url(day, cell_start, rules)
        hint = period_text(cell_start, end, self.language, now.date())
        chosen = (values["date"] == self.values["date"]
                  and values["start_time"] == self.values["start_time"])
        return {"state": "chosen" if chosen else "free", "free": True,
                "label": self.t(_("slot_free", default="Free")), "url": url,
                "hint": hint, "date": values["date"], "start": values["start_time"],
                "end": values["end_time"], "symbol": "✓"}

    def choice_template(self):
        """The sentence of :meth:`choice` with ``${period}`` left for the page's script."""
        return self.t(_("booking_chosen_slot", default="Chosen: ${period}. Complete the form "
                        "below to send your request.", mapping={"period": "${period}"}))

    def choice(self):
        """ "Chosen: Tuesday 15 December, 18 h – 20 h", once a slot is in the form."""
        day = _parse_date(self.values["date"])
        first, last = _parse_time(self.values["start_time"]), _parse_time(self.values["end_time"])
        if day is None or first is None or last is None:
            return ""
        start = datetime.combine(day, first)
        end = datetime.combine(day + timedelta(days=1) if last <= first else day, last)
        return self.t(_("booking_chosen_slot", default="Chosen: ${period}. Complete the form "
                        "below to send your request.",
                        mapping={"period": period_text(start, end, self.language)}))

    def login_url(self, came_from=None):
        """The login form, back to this resource (with the chosen slot) afterwards."""
        came_from = came_from or self.context.absolute_url()
        portal = api.portal.get().absolute_url()
        return f"{portal}/login?{urlencode({'came_from': came_from})}"

    def register_url(self):
        """The registration form when the commune lets people create an account."""
        if not api.portal.get_registry_record("plone.enable_self_reg", default=False):
            return None
        came_from = urlencode({"came_from": self.context.absolute_url()})
        return f"{api.portal.get().absolute_url()}/@@register?{came_from}"

    def must_log_in(self):
        return self.refusal is not None and api.user.is_anonymous()

    # --- the month ----------------------------------------------------------

    def update_month(self, rules, tz, today):
        """A month of days, each free / partly booked / fully booked / closed / past.

        One occupancy lookup for the whole month; no personal data at all.
        The month is the one asked for, else the one of the week shown.
        """
        asked = (self.request.form.get("month") or "").strip()
        try:
            first = date.fromisoformat(f"{asked}-01") if asked else None
        except ValueError:
            first = None
        if first is None:
            first = (self.monday + timedelta(days=3)).replace(day=1)
        following = date(first.year + (first.month == 12), first.month % 12 + 1, 1)
        start = attach(datetime.combine(first, time()), tz)
        end = attach(datetime.combine(following, time()), tz)
        busy = [(entry["start"], entry["end"]) for entry in taken(self.context, start, end, tz)]
        free = free_intervals(rules, start, end, busy)
        self.month_label = month_text(first, self.language)
        self.previous_month = (first - timedelta(days=1)).strftime("%Y-%m")
        self.next_month = following.strftime("%Y-%m")
        grid_start = first - timedelta(days=first.weekday())
        self.month_weeks = []
        day = grid_start
        while day < following:
            week = []
            for _offset in range(7):
                week.append(self._month_day(rules, tz, day, first, following, free, today))
                day += timedelta(days=1)
            self.month_weeks.append(week)

    def _month_day(self, rules, tz, day, first, following, free, today):
        if not first <= day < following:
            return {"day": "", "state": "outside", "label": "", "url": None, "hint": ""}
        opening = rules.opening_ranges(day)
        day_start = attach(datetime.combine(day, time()), tz)
        day_end = day_start + timedelta(days=1)
        open_minutes = sum((end - start).total_seconds() for start, end in opening) / 60
        free_minutes = sum(
            (min(end, day_end) - max(start, day_start)).total_seconds() / 60
            for start, end in free if start < day_end and end > day_start)
        if not opening:
            state, label = "closed", _("slot_closed", default="Closed")
        elif day < today:
            state, label = "past", _("slot_past", default="Past")
        elif free_minutes <= 0:
            state, label = "full", _("day_full", default="Fully booked")
        elif free_minutes < open_minutes:
            state, label = "partly", _("day_partly", default="Partly booked")
        else:
            state, label = "free", _("slot_free", default="Free")
        url = None
        if state in ("free", "partly", "full"):
            url = (f"{self.context.absolute_url()}?week={day.isoformat()}"
                   f"&month={first:%Y-%m}#booking-calendar-title")
        return {"day": f"{day.day}", "date": day.isoformat(), "state": state,
                "label": self.t(label), "url": url,
                "hint": day_text(day, self.language, today),
                "current": "date" if day in self.days else None}

    def day_names(self):
        return [self.t(name) for name in DAY_NAMES]

    def day_label(self, day):
        return short_day_text(day, self.language)

    def day_title(self, day):
        return day_text(day, self.language)

    def facts(self):
        """Label/value pairs describing the resource."""
        context = self.context
        items = [
            (_("label_resource_kind", default="Kind"), self.t(KINDS.getTerm(context.kind).title)
             if context.kind in KINDS else context.kind),
        ]
        if context.capacity:
            items.append((_("label_resource_capacity", default="Capacity (people)"),
                          str(context.capacity)))
        if context.location:
            items.append((_("label_resource_location", default="Address"), context.location))
        items.append((_("label_resource_audience", default="Who may book"),
                      self.t(AUDIENCES.getTerm(context.audience).title)
                      if context.audience in AUDIENCES else ""))
        if context.price:
            price = amount_text(context.price)
            unit = getattr(context, "price_unit", None)
            if unit in PRICE_UNITS:
                price = f"{price} {self.t(PRICE_UNITS.getTerm(unit).title)}"
            items.append((_("label_resource_price_public", default="Price"), price))
        return [(self.t(label), value) for label, value in items]

    def repeat_options(self):
        return [{"value": term.value, "title": self.t(term.title),
                 "selected": term.value == self.values["repeat"]} for term in RECURRENCES]

    def ical_private_url(self):
        if not self.details:
            return None
        return f"{self.context.absolute_url()}/@@ical?token={self.context.ical_token}"

    def error_ids(self, name):
        return f"error-{name}" if name in self.errors else None

    def error_links(self):
        """The summary above the form: one link per field in error, named by its label.

        The message itself is shown once, next to its field.
        """
        return [{"href": f"#booking-{name}", "label": self.t(self.labels[name])}
                for name in FORM_FIELDS if name in self.errors]

    def time_select(self, name):
        """The options of a time list (the opening hours only), the typed one selected."""
        options = self.start_options if name == "start_time" else self.end_options
        chosen = self.values[name]
        values = [value for value, _label in options]
        if chosen and chosen not in values and _parse_time(chosen) is not None:
            parsed = _parse_time(chosen)
            options = sorted(options + [(chosen, time_text(parsed, self.language))])
        return [{"value": value, "label": label, "selected": value == chosen or None}
                for value, label in options]

    def css_url(self):
        return f"{api.portal.get().absolute_url()}/++resource++communesplone.booking/booking.css"

    def js_url(self):
        return f"{api.portal.get().absolute_url()}/++resource++communesplone.booking/booking.js"
