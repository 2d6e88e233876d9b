"""The requester's (and the managers') form to move a booking, shared by two pages.

The booking page (``@@booking-occurrences``, logged in) and the secret link
(``@@booking-access``, no account) show the same form: which occurrence (for a
series), this one only or the following ones, the new date and times. A
refused move shows the reasons next to their fields and keeps what was typed;
the check itself is :func:`communesplone.booking.series.move_occurrences`.
"""

from communesplone.core.translating import Translates
from communesplone.booking import _
from communesplone.booking.content.resource import site_timezone
from communesplone.core.dates import period_text
from communesplone.booking.occupancy import BookingConflict
from communesplone.booking.occupancy import BookingInvalid
from communesplone.booking.rules import attach
from communesplone.booking.rules import time_choices
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile

#: the form's own fields, and where the errors of ``move_occurrences`` go
FIELDS = ("occurrence", "scope", "new_date", "new_start", "new_end")
LABELS = {
    "occurrence": _("label_booking_occurrence", default="Occurrence"),
    "scope": _("label_booking_scope", default="Which occurrences"),
    "new_date": _("label_booking_new_date", default="New date"),
    "new_start": _("label_booking_start_time", default="From"),
    "new_end": _("label_booking_end_time", default="To"),
}
ERROR_FIELDS = {"start": "new_start", "end": "new_end", "occurrence": "occurrence",
                "scope": "scope", "attendees": None, "repeat": None}


def new_period(form, occurrence, tz):
    """``(start, end)`` from the form's date and times; BookingInvalid names the bad fields.

    The day defaults to the occurrence's; an end at or before the start is on
    the next day (a booking that runs past midnight).
    """
    errors = []
    day = first = last = None
    try:
        day = date.fromisoformat((form.get("new_date") or occurrence[:10]).strip())
    except (ValueError, TypeError):
        errors.append(("new_date", _("error_booking_date", default="Choose a date.")))
    for name in ("new_start", "new_end"):
        try:
            value = time.fromisoformat((form.get(name) or "").strip())
        except ValueError:
            errors.append((name, _("error_booking_time", default="Choose a time.")))
            continue
        if name == "new_start":
            first = value
        else:
            last = value
    if errors:
        raise BookingInvalid(errors)
    end_day = day + timedelta(days=1) if last <= first else day
    return (attach(datetime.combine(day, first), tz),
            attach(datetime.combine(end_day, last), tz))


def place_refusal(form, error, field_map, fields, conflict_field):
    """Put a refusal's messages on ``form``: next to their fields when the form shows
    them (``form.errors``), above the form otherwise (``form.general_errors``); an
    overlap goes next to ``conflict_field`` only. ``form.t`` translates.

    Each message is shown once: the summary above the form links to the
    fields in error by their labels, it does not repeat their messages."""
    if isinstance(error, BookingInvalid):
        for field, message in error.errors:
            name = field_map.get(field, field)
            text = form.t(message)
            if name in fields:
                form.errors[name] = f"{form.errors[name]} {text}" if name in form.errors \
                    else text
            else:
                form.general_errors.append(text)
    elif isinstance(error, BookingConflict):
        form.errors.setdefault(conflict_field, form.t(error.message))
    else:
        form.general_errors.append(form.t(error.message))


class MoveForm(Translates):
    """What the move form shows: choices, the typed values, the errors of a refusal."""

    template = ViewPageTemplateFile("templates/booking-move.pt")

    def __init__(self, booking, request, action, hidden=()):
        self.booking = self.context = booking
        self.request = request
        self.action = action
        self.hidden = [{"name": name, "value": value} for name, value in hidden]
        self.errors = {}
        self.general_errors = []
        self.values = {name: (request.form.get(name) or "") for name in FIELDS}

    def show(self, error):
        """Put a refusal's messages next to their fields (the rest above the form)."""
        place_refusal(self, error, ERROR_FIELDS, FIELDS, conflict_field="new_start")

    def occurrences(self):
        """The occurrences still held, the one typed (or the first) selected."""
        chosen = self.values["occurrence"]
        items = [{"value": start.isoformat(), "label": period_text(start, end)}
                 for _index, start, end in self.booking.occurrences(site_timezone())]
        if not any(item["value"] == chosen for item in items) and items:
            chosen = items[0]["value"]
        for number, item in enumerate(items):
            item["id"] = f"move-occurrence-{number}"
            item["checked"] = "checked" if item["value"] == chosen else None
        return items

    def single(self):
        return getattr(self.booking, "repeat", None) in (None, "none")

    def first_occurrence(self):
        periods = self.booking.periods(site_timezone())
        return periods[0][0].isoformat() if periods else ""

    def scope_following(self):
        return self.values["scope"] == "following"

    def time_options(self):
        """The starts of the slots within the resource's opening hours."""
        starts, ends = time_choices(self.booking.resource().rules())
        return sorted({value for value, _label in starts + ends})

    def selected(self, name, option):
        return "selected" if self.values[name] == option else None

    def error_links(self):
        """The summary's links to the fields in error, named by their labels."""
        return [{"href": f"#move-{name}", "label": self.t(LABELS[name])}
                for name in FIELDS if name in self.errors]

    def error_id(self, name):
        return f"move-error-{name}" if name in self.errors else None

    def invalid(self, name):
        return "true" if name in self.errors else None

    def render(self):
        return self.template()
