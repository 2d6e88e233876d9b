"""The rules of a resource, as pure functions: opening hours, durations, horizon, recurrence.

Nothing here touches the database: :class:`Rules` is built from a Resource
(:func:`rules_for`) or by hand in tests, and :func:`check_booking` returns the
list of ``(field id, translatable message)`` that a booking breaks (empty when
it is acceptable). Times are compared in the resource's timezone (the site's).
"""

from communesplone.booking import _
from communesplone.core.dates import DEFAULT_TIMEZONE
from communesplone.core.dates import time_text
from dataclasses import dataclass
from dataclasses import field
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from communesplone.core.calendar import belgian_holidays
from dateutil.relativedelta import relativedelta

import pytz
import re

MAX_OCCURRENCES = 104
#: Attribute of a Booking holding the changes made to single occurrences or to
#: the rest of a series (see :func:`apply_changes`).
CHANGES_ATTR = "_occurrence_changes"
_RANGE = re.compile(r"^\s*(\d{1,2})[:hH.](\d{2})\s*[-–]\s*(\d{1,2})[:hH.](\d{2})\s*$")
_DAY = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})\s*(?:(?:/|\.\.|–)\s*(\d{4}-\d{2}-\d{2}))?\s*$")


def parse_hours(text):
    """``"08:00-12:00, 13:00-22:00"`` -> ``((480, 720), (780, 1320))`` (minutes); ValueError."""
    ranges = []
    for part in (text or "").replace(";", ",").split(","):
        if not part.strip():
            continue
        match = _RANGE.match(part)
        if not match:
            raise ValueError(part)
        h1, m1, h2, m2 = (int(group) for group in match.groups())
        start, end = h1 * 60 + m1, h2 * 60 + m2
        if not (0 <= start < end <= 24 * 60) or m1 >= 60 or m2 >= 60:
            raise ValueError(part)
        ranges.append((start, end))
    return tuple(sorted(ranges))


def parse_closure(text):
    """``"2026-12-24"`` or ``"2026-12-24/2026-12-31"`` -> ``(first, last)`` dates; ValueError."""
    match = _DAY.match(text or "")
    if not match:
        raise ValueError(text)
    first = date.fromisoformat(match.group(1))
    last = date.fromisoformat(match.group(2)) if match.group(2) else first
    if last < first:
        raise ValueError(text)
    return first, last


@dataclass(frozen=True)
class Rules:
    """What a resource accepts. Durations in minutes, ``hours`` per weekday (0 = Monday)."""

    hours: dict = field(default_factory=lambda: dict.fromkeys(range(7), ((0, 24 * 60),)))
    closures: tuple = ()
    closed_on_holidays: bool = False
    slot_minutes: int = 30
    min_minutes: int = 30
    max_minutes: int = 24 * 60
    horizon_days: int = 365
    capacity: int | None = None
    tz: object = pytz.timezone(DEFAULT_TIMEZONE)

    def is_closed_on(self, day):
        if self.closed_on_holidays and day in belgian_holidays(day.year):
            return True
        return any(first <= day <= last for first, last in self.closures)

    def opening_ranges(self, day):
        """The opening ranges of ``day`` as aware datetimes (empty when closed)."""
        if self.is_closed_on(day):
            return []
        midnight = datetime(day.year, day.month, day.day)
        return [
            (attach(midnight + timedelta(minutes=start), self.tz),
             attach(midnight + timedelta(minutes=end), self.tz))
            for start, end in self.hours.get(day.weekday(), ())
        ]


def attach(naive, tz):
    """The aware datetime of the wall time ``naive`` in ``tz`` (pytz or zoneinfo)."""
    if hasattr(tz, "localize"):
        return tz.localize(naive)
    return naive.replace(tzinfo=tz)


def zone_of(moment):
    """The timezone (with its daylight-saving rules) of an aware datetime."""
    zone = getattr(moment.tzinfo, "zone", None)
    return pytz.timezone(zone) if zone else moment.tzinfo


def localize(moment, tz):
    """An aware datetime in ``tz``: a naive one is taken as wall time in ``tz``."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        return attach(moment, tz)
    moment = moment.astimezone(tz)
    return tz.normalize(moment) if hasattr(tz, "normalize") else moment


def occurrences(start, end, recurrence=None, until=None, count=None):
    """The periods of a booking: one, or weekly/monthly repeats in wall time.

    ``until`` (a date, inclusive) or ``count`` (total number of occurrences)
    ends a recurrence; without either only the first period is returned.
    Wall-clock times are kept across daylight-saving changes.
    """
    periods = [(start, end)]
    if recurrence not in ("weekly", "monthly") or (until is None and not count):
        return periods
    tz = zone_of(start)
    naive_start, naive_end = start.replace(tzinfo=None), end.replace(tzinfo=None)
    index = 1
    while True:
        if count and index >= count:
            break
        step = relativedelta(weeks=index) if recurrence == "weekly" else relativedelta(months=index)
        next_start = naive_start + step
        if until is not None and next_start.date() > until:
            break
        periods.append((attach(next_start, tz), attach(naive_end + step, tz)))
        index += 1
        if index > MAX_OCCURRENCES:
            break
    return periods


def apply_changes(periods, changes, tz):
    """``[(index, start, end)]`` of a series after its occurrence changes.

    ``changes`` is a dict (or None) with ``cancelled`` (indexes), ``cut`` (every
    occurrence from this index on is cancelled), ``shifts`` (``(from_index,
    shift_seconds, duration_seconds)``: from that occurrence on, every start moves
    by ``shift`` in wall time and lasts ``duration``; the last one that applies
    wins) and ``moved`` (index -> ``(start_iso, end_iso)`` of one occurrence).
    """
    changes = changes or {}
    cancelled = set(changes.get("cancelled", ()))
    cut = changes.get("cut")
    moved = changes.get("moved", {})
    shifts = sorted(changes.get("shifts", ()))
    result = []
    for index, (start, end) in enumerate(periods):
        if (cut is not None and index >= cut) or index in cancelled:
            continue
        if index in moved:
            first, last = moved[index]
            result.append((index, localize(datetime.fromisoformat(first), tz),
                           localize(datetime.fromisoformat(last), tz)))
            continue
        applying = [shift for shift in shifts if shift[0] <= index]
        if applying:
            _from, shift, duration = applying[-1]
            naive = localize(start, tz).replace(tzinfo=None) + timedelta(seconds=shift)
            start = attach(naive, tz)
            end = attach(naive + timedelta(seconds=duration), tz)
        result.append((index, start, end))
    return result


def _minutes(moment):
    return moment.hour * 60 + moment.minute


def check_period(rules, start, end, now):
    """The rules one period ``[start, end)`` breaks: ``[(field, message), ...]``."""
    errors = []
    start, end = localize(start, rules.tz), localize(end, rules.tz)
    if end <= start:
        return [("end", _("error_end_before_start", default="The end must be after the start."))]
    if start < now:
        errors.append(("start", _("error_booking_in_past", default="This period is in the past.")))
    elif start > now + timedelta(days=rules.horizon_days):
        errors.append(("start", _(
            "error_booking_beyond_horizon",
            default="Bookings open at most ${days} days ahead.",
            mapping={"days": rules.horizon_days},
        )))
    minutes = (end - start).total_seconds() / 60
    if minutes < rules.min_minutes:
        errors.append(("end", _(
            "error_booking_too_short",
            default="A booking lasts at least ${minutes} minutes.",
            mapping={"minutes": rules.min_minutes},
        )))
    elif minutes > rules.max_minutes:
        errors.append(("end", _(
            "error_booking_too_long",
            default="A booking lasts at most ${minutes} minutes.",
            mapping={"minutes": rules.max_minutes},
        )))
    slot = rules.slot_minutes or 1
    if start.second or end.second or _minutes(start) % slot or _minutes(end) % slot:
        errors.append(("start", _(
            "error_booking_not_aligned",
            default="Bookings start and end on a multiple of ${minutes} minutes.",
            mapping={"minutes": slot},
        )))
    if not _within_opening(rules, start, end):
        errors.append(("start", _(
            "error_booking_closed",
            default="The resource is closed during part of this period.",
        )))
    return errors


def _within_opening(rules, start, end):
    """Whether ``[start, end)`` lies within opening ranges (consecutive days may chain)."""
    cursor = start
    day = start.date()
    while cursor < end:
        ranges = rules.opening_ranges(day)
        for range_start, range_end in ranges:
            if range_start <= cursor < range_end:
                cursor = range_end
                break
        else:
            return False
        day = cursor.date()
    return True


def check_booking(rules, periods, attendees, now):
    """All the rules a booking (its periods, its number of people) breaks, without repeats."""
    errors = []
    if not periods:
        return [("start", _("error_booking_no_period", default="Choose a period."))]
    if len(periods) > MAX_OCCURRENCES:
        errors.append(("repeat", _(
            "error_booking_too_many_occurrences",
            default="A recurring booking has at most ${count} occurrences.",
            mapping={"count": MAX_OCCURRENCES},
        )))
    for start, end in periods:
        for error in check_period(rules, start, end, now):
            if error not in errors:
                errors.append(error)
    if rules.capacity and attendees and attendees > rules.capacity:
        errors.append(("attendees", _(
            "error_booking_over_capacity",
            default="This resource holds at most ${capacity} people.",
            mapping={"capacity": rules.capacity},
        )))
    return errors


def free_intervals(rules, start, end, taken):
    """Opening ranges within ``[start, end)`` minus the ``taken`` periods (sorted)."""
    start, end = localize(start, rules.tz), localize(end, rules.tz)
    free = []
    day = start.date()
    while attach(datetime.combine(day, datetime.min.time()), rules.tz) < end:
        for range_start, range_end in rules.opening_ranges(day):
            piece_start, piece_end = max(range_start, start), min(range_end, end)
            if piece_start < piece_end:
                free.append([piece_start, piece_end])
        day += timedelta(days=1)
    # merge ranges that touch (e.g. across midnight)
    merged = []
    for piece in free:
        if merged and merged[-1][1] >= piece[0]:
            merged[-1][1] = max(merged[-1][1], piece[1])
        else:
            merged.append(piece)
    result = []
    for piece_start, piece_end in merged:
        cursor = piece_start
        for busy_start, busy_end in taken:
            if busy_end <= cursor or busy_start >= piece_end:
                continue
            if busy_start > cursor:
                result.append((cursor, busy_start))
            cursor = max(cursor, busy_end)
        if cursor < piece_end:
            result.append((cursor, piece_end))
    return result


def opening_span(rules):
    """``(first, last)`` minutes of the day: the earliest opening and the latest closing
    over the week (08:00-18:00 when the resource has no hours at all)."""
    minutes = [m for day in range(7) for r in rules.hours.get(day, ()) for m in r]
    if not minutes:
        return 8 * 60, 18 * 60
    return min(minutes), max(minutes)


def time_choices(rules):
    """The start and end times a person may pick: within the opening hours, a slot apart.

    Two lists of ``(value "HH:MM", label)``; the label is the value written as
    people write it (:func:`communesplone.core.dates.time_text`). An end at
    midnight is ``00:00`` (the booking form reads an end before the start as
    the next day).
    """
    step = rules.slot_minutes or 30
    first, last = opening_span(rules)

    def option(minute):
        minute %= 24 * 60
        moment = time(minute // 60, minute % 60)
        return f"{moment:%H:%M}", time_text(moment)

    starts = [option(m) for m in range(first, last - step + 1, step)]
    ends = [option(m) for m in range(first + step, last + 1, step)]
    return starts, ends
