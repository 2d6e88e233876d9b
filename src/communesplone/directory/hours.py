"""Opening hours of a business: structured data, "open now", words and schema.org.

Plain Python (no Plone import), so the REST service, the catalog indexer, the
exports and the pages all share one reading of the data.

The stored form (the ``opening_hours`` field, JSON) is::

    {"weekly": {"monday": [["09:00", "12:00"], ["13:30", "18:00"]],
                "saturday": [["09:00", "12:30"]]},
     "closures": [{"start": "2026-12-24", "end": "2026-12-26", "reason": "Fêtes"},
                  {"start": "2026-08-15"}]}

A day that is missing or has an empty list is closed. ``"24:00"`` may end a
range (open until midnight); a night opening is written as two ranges, one on
each day. Exceptional closures are one date (``start``) or a period
(``start`` and ``end``, both included).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from datetime import datetime
from datetime import timedelta
from zoneinfo import ZoneInfo

import re

TIMEZONE = ZoneInfo("Europe/Brussels")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
SCHEMA_DAYS = tuple(f"https://schema.org/{day.title()}" for day in WEEKDAYS)
#: Granularity of the catalog index of opening slots (minutes); see :func:`open_slots`.
SLOT_MINUTES = 15
_TIME = re.compile(r"^([01][0-9]|2[0-3]):([0-5][0-9])$|^24:00$")
_MAX_RANGES = 6
_MAX_CLOSURES = 200


class HoursError(ValueError):
    """Opening hours that cannot be read; ``code`` names the problem, ``detail`` where."""

    def __init__(self, code, detail=""):
        self.code = code
        self.detail = detail
        super().__init__(f"{code}: {detail}")


@dataclass(frozen=True)
class OpeningHours:
    """Parsed opening hours: ranges in minutes from midnight per weekday (0 = Monday)."""

    weekly: tuple  # 7 tuples of (start_minute, end_minute), sorted
    closures: tuple  # (first date, last date, reason)

    def is_empty(self):
        return not any(self.weekly) and not self.closures


EMPTY = OpeningHours(weekly=((),) * 7, closures=())


def _minutes(text, where):
    if not isinstance(text, str) or not _TIME.match(text):
        raise HoursError("time", where)
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def _date(text, where):
    if not isinstance(text, str):
        raise HoursError("date", where)
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise HoursError("date", where) from None


def _day_ranges(day, ranges):
    if ranges is None:
        return ()
    if not isinstance(ranges, list) or len(ranges) > _MAX_RANGES:
        raise HoursError("ranges", day)
    parsed = []
    for item in ranges:
        if not isinstance(item, (list, tuple)) or len(item) != 2:
            raise HoursError("ranges", day)
        start, end = _minutes(item[0], day), _minutes(item[1], day)
        if start == 24 * 60:
            raise HoursError("time", day)
        if end <= start:
            raise HoursError("end_before_start", day)
        parsed.append((start, end))
    parsed.sort()
    for (_s1, end1), (start2, _e2) in zip(parsed, parsed[1:], strict=False):
        if start2 < end1:
            raise HoursError("overlap", day)
    return tuple(parsed)


def _closures(items):
    if items is None:
        return ()
    if not isinstance(items, list) or len(items) > _MAX_CLOSURES:
        raise HoursError("closures")
    parsed = []
    for index, item in enumerate(items):
        where = f"closures[{index}]"
        if not isinstance(item, dict) or "start" not in item:
            raise HoursError("closures", where)
        first = _date(item["start"], where)
        last = _date(item["end"], where) if item.get("end") else first
        if last < first:
            raise HoursError("closure_end_before_start", where)
        reason = item.get("reason") or ""
        if not isinstance(reason, str):
            raise HoursError("closures", where)
        parsed.append((first, last, reason.strip()[:200]))
    parsed.sort()
    return tuple(parsed)


def parse_hours(value):
    """Read the stored form (a dict, or its JSON text); :class:`HoursError` when wrong."""
    if value in (None, "", {}):
        return EMPTY
    if isinstance(value, str):
        import json

        try:
            value = json.loads(value)
        except ValueError:
            raise HoursError("json") from None
    if not isinstance(value, dict):
        raise HoursError("json")
    unknown = set(value) - {"weekly", "closures"}
    if unknown:
        raise HoursError("keys", ", ".join(sorted(unknown)))
    weekly = value.get("weekly") or {}
    if not isinstance(weekly, dict):
        raise HoursError("weekly")
    unknown_days = set(weekly) - set(WEEKDAYS)
    if unknown_days:
        raise HoursError("weekday", ", ".join(sorted(unknown_days)))
    return OpeningHours(
        weekly=tuple(_day_ranges(day, weekly.get(day)) for day in WEEKDAYS),
        closures=_closures(value.get("closures")),
    )


def safe_hours(value):
    """:func:`parse_hours`, or :data:`EMPTY` for data that cannot be read (old or imported)."""
    try:
        return parse_hours(value)
    except HoursError:
        return EMPTY


def _format(minutes):
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def to_data(hours):
    """The stored form of parsed hours (normalised: sorted, closed days left out)."""
    data = {"weekly": {WEEKDAYS[index]: [[_format(s), _format(e)] for s, e in ranges]
                       for index, ranges in enumerate(hours.weekly) if ranges}}
    if hours.closures:
        data["closures"] = []
        for first, last, reason in hours.closures:
            item = {"start": first.isoformat()}
            if last != first:
                item["end"] = last.isoformat()
            if reason:
                item["reason"] = reason
            data["closures"].append(item)
    return data


def closure_on(hours, day):
    """The closure ``(first, last, reason)`` covering ``day``, or None."""
    for first, last, reason in hours.closures:
        if first <= day <= last:
            return (first, last, reason)
    return None


def local(moment, tz=TIMEZONE):
    """``moment`` in the commune's wall time (naive datetimes are taken as wall time)."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=tz)
    return moment.astimezone(tz)


def is_open(hours, moment, tz=TIMEZONE):
    """Whether the business is open at ``moment`` (ranges include their start, not their end)."""
    moment = local(moment, tz)
    if closure_on(hours, moment.date()) is not None:
        return False
    minute = moment.hour * 60 + moment.minute
    return any(start <= minute < end for start, end in hours.weekly[moment.weekday()])


def next_change(hours, moment, tz=TIMEZONE, horizon_days=14):
    """The next moment the business opens or closes after ``moment`` (None if never)."""
    moment = local(moment, tz)
    now_open = is_open(hours, moment, tz)
    for offset in range(horizon_days + 1):
        day = moment.date() + timedelta(days=offset)
        closed_day = closure_on(hours, day) is not None
        edges = sorted({m for r in (() if closed_day else hours.weekly[day.weekday()])
                        for m in r} | {0})
        for minute in edges:
            candidate = datetime(day.year, day.month, day.day, tzinfo=tz) + \
                timedelta(minutes=minute)
            if candidate <= moment:
                continue
            if is_open(hours, candidate, tz) != now_open:
                return candidate
    return None


def open_slots(hours):
    """Keys of the 15-minute slots of the week touched by an opening, for the catalog.

    ``"f<weekday>-<slot>"`` when the business is open during the whole slot,
    ``"p<weekday>-<slot>"`` when only during part of it. ``open_now`` then asks
    the catalog for the current slot: the ``f`` entries are open (but for an
    exceptional closure, indexed apart), only the few ``p`` entries need their
    hours checked at the exact minute.
    """
    keys = set()
    for day, ranges in enumerate(hours.weekly):
        for start, end in ranges:
            for slot in range(start // SLOT_MINUTES, (end - 1) // SLOT_MINUTES + 1):
                full = start <= slot * SLOT_MINUTES and (slot + 1) * SLOT_MINUTES <= end
                keys.add(f"{'f' if full else 'p'}{day}-{slot}")
    return sorted(keys)


def closed_days(hours, limit=1000):
    """ISO dates of the exceptional closures (at most ``limit`` days), for the catalog."""
    days = []
    for first, last, _reason in hours.closures:
        day = first
        while day <= last and len(days) < limit:
            days.append(day.isoformat())
            day += timedelta(days=1)
    return sorted(set(days))


def slot_key(moment, tz=TIMEZONE):
    """The key of :func:`open_slots` for the slot containing ``moment``."""
    moment = local(moment, tz)
    return f"{moment.weekday()}-{(moment.hour * 60 + moment.minute) // SLOT_MINUTES}"


# --- words -----------------------------------------------------------------

DAY_NAMES = {
    "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
    "nl": ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "de": ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"),
}
WORDS = {
    "fr": {"range": "de {start} à {end}", "and": " et ", "closed": "fermé",
           "colon": " : ", "closure_day": "Fermeture exceptionnelle le {first}",
           "closure_period": "Fermeture exceptionnelle du {first} au {last}",
           "time": lambda m: f"{m // 60} h" + (f" {m % 60:02d}" if m % 60 else "")},
    "nl": {"range": "van {start} tot {end}", "and": " en ", "closed": "gesloten",
           "colon": ": ", "closure_day": "Uitzonderlijk gesloten op {first}",
           "closure_period": "Uitzonderlijk gesloten van {first} tot {last}",
           "time": lambda m: f"{m // 60}.{m % 60:02d} u"},
    "en": {"range": "from {start} to {end}", "and": " and ", "closed": "closed",
           "colon": ": ", "closure_day": "Exceptionally closed on {first}",
           "closure_period": "Exceptionally closed from {first} to {last}",
           "time": lambda m: f"{m // 60:02d}:{m % 60:02d}"},
    "de": {"range": "von {start} bis {end}", "and": " und ", "closed": "geschlossen",
           "colon": ": ", "closure_day": "Ausnahmsweise geschlossen am {first}",
           "closure_period": "Ausnahmsweise geschlossen vom {first} bis {last}",
           "time": lambda m: f"{m // 60}:{m % 60:02d} Uhr"},
}


def _language(language):
    language = (language or "fr").split("-")[0].lower()
    return language if language in WORDS else "en"


def describe_day(hours, weekday, language="fr"):
    """One weekday in words, e.g. ``"lundi : de 9 h à 12 h et de 13 h 30 à 18 h"``."""
    lang = _language(language)
    words = WORDS[lang]
    ranges = hours.weekly[weekday]
    if ranges:
        text = words["and"].join(
            words["range"].format(start=words["time"](start), end=words["time"](end))
            for start, end in ranges)
    else:
        text = words["closed"]
    return f"{DAY_NAMES[lang][weekday]}{words['colon']}{text}"


def describe(hours, language="fr", today=None):
    """Every weekday in words, then the closures still to come (or all without ``today``)."""
    lang = _language(language)
    words = WORDS[lang]
    lines = [describe_day(hours, weekday, lang) for weekday in range(7)]
    for first, last, reason in hours.closures:
        if today is not None and last < today:
            continue
        key = "closure_day" if first == last else "closure_period"
        line = words[key].format(first=first.strftime("%d/%m/%Y"),
                                 last=last.strftime("%d/%m/%Y"))
        lines.append(f"{line} ({reason})" if reason else line)
    return lines


# --- schema.org ------------------------------------------------------------


def opening_hours_specification(hours):
    """schema.org ``openingHoursSpecification``: days with the same ranges grouped.

    Closures are specifications with ``validFrom``/``validThrough`` and
    ``opens`` = ``closes`` = ``00:00``, schema.org's way of saying "closed".
    """
    grouped = {}
    for weekday, ranges in enumerate(hours.weekly):
        for start, end in ranges:
            grouped.setdefault((start, end), []).append(SCHEMA_DAYS[weekday])
    specs = [
        {"@type": "OpeningHoursSpecification", "dayOfWeek": days,
         "opens": _format(start),
         "closes": "23:59" if end == 24 * 60 else _format(end)}
        for (start, end), days in sorted(grouped.items())
    ]
    for first, last, _reason in hours.closures:
        specs.append({"@type": "OpeningHoursSpecification", "opens": "00:00",
                      "closes": "00:00", "validFrom": first.isoformat(),
                      "validThrough": last.isoformat()})
    return specs
