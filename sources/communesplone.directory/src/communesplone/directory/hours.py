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

from communesplone.core.calendar import WEEKDAYS
from communesplone.core.dates import site_zone
from dataclasses import dataclass
from communesplone.core.dates import day_text
from datetime import date
from datetime import datetime
from datetime import timedelta

import re

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


def local(moment, tz=None):
    """``moment`` in the commune's wall time (naive datetimes are taken as wall time).

    ``tz`` defaults to the site's timezone (core's :func:`site_zone`, read at
    each call: a commune's setting, not a Brussels written here).
    """
    tz = tz or site_zone()
    if moment.tzinfo is None:
        return moment.replace(tzinfo=tz)
    return moment.astimezone(tz)


def is_open(hours, moment, tz=None):
    """Whether the business is open at ``moment`` (ranges include their start, not their end)."""
    moment = local(moment, tz)
    if closure_on(hours, moment.date()) is not None:
        return False
    minute = moment.hour * 60 + moment.minute
    return any(start <= minute < end for start, end in hours.weekly[moment.weekday()])


def next_change(hours, moment, tz=None, horizon_days=14):
    """The next moment the business opens or closes after ``moment`` (None if never)."""
    tz = tz or site_zone()
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


def slot_key(moment, tz=None):
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


def day_hours(hours, weekday, language="fr"):
    """One weekday's hours in words, e.g. ``"de 9 h à 12 h et de 13 h 30 à 18 h"``, ``"fermé"``."""
    words = WORDS[_language(language)]
    ranges = hours.weekly[weekday]
    if not ranges:
        return words["closed"]
    return words["and"].join(
        words["range"].format(start=words["time"](start), end=words["time"](end))
        for start, end in ranges)


def when_words(moment, now, language="fr"):
    """``(day, time)`` of a coming change in words: ``("mercredi", "7 h")`` within the
    week, ``("jeudi 24 décembre", "7 h")`` beyond it (core's dates)."""
    lang = _language(language)
    moment, now = local(moment), local(now)
    days = (moment.date() - now.date()).days
    day = DAY_NAMES[lang][moment.weekday()] if 0 <= days < 7 else day_text(
        moment.date(), lang, today=now.date())
    return day, WORDS[lang]["time"](moment.hour * 60 + moment.minute)


def week_table(hours, language="fr"):
    """``[(day name, hours in words)]`` from Monday to Sunday, for a table."""
    lang = _language(language)
    return [(DAY_NAMES[lang][weekday], day_hours(hours, weekday, lang)) for weekday in range(7)]


def describe_day(hours, weekday, language="fr"):
    """One weekday in words, e.g. ``"lundi : de 9 h à 12 h et de 13 h 30 à 18 h"``."""
    lang = _language(language)
    words = WORDS[lang]
    return f"{DAY_NAMES[lang][weekday]}{words['colon']}{day_hours(hours, weekday, lang)}"


def describe(hours, language="fr", today=None):
    """Every weekday in words, then the closures still to come (or all without ``today``)."""
    lang = _language(language)
    return [describe_day(hours, weekday, lang) for weekday in range(7)] + \
        describe_closures(hours, lang, today)


def describe_closures(hours, language="fr", today=None):
    """The exceptional closures in words (those still to come when ``today`` is given)."""
    lang = _language(language)
    words = WORDS[lang]
    lines = []
    for first, last, reason in hours.closures:
        if today is not None and last < today:
            continue
        key = "closure_day" if first == last else "closure_period"
        # in words, as every page writes dates ("jeudi 24 décembre"): the short
        # numeric form is only for the text people type (to_text, parse_text)
        line = words[key].format(first=day_text(first, lang, today=today),
                                 last=day_text(last, lang, today=today))
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
        # DayOfWeek members as IRI references (not text that merely looks like one)
        {"@type": "OpeningHoursSpecification", "dayOfWeek": [{"@id": day} for day in days],
         "opens": _format(start),
         "closes": "23:59" if end == 24 * 60 else _format(end)}
        for (start, end), days in sorted(grouped.items())
    ]
    for first, last, _reason in hours.closures:
        specs.append({"@type": "OpeningHoursSpecification", "opens": "00:00",
                      "closes": "00:00", "validFrom": first.isoformat(),
                      "validThrough": last.isoformat()})
    return specs


# --- hours as people write them ------------------------------------------------
# "9h-18h", "9h30-12h, 13h-17h30", "fermé le lundi", "09:00-18:00",
# "lundi-vendredi 9h-18h", "9u-18u", "gesloten op maandag"... read into the stored
# form. The text is read as a row of tokens (days, time ranges, "closed" words,
# small linking words); anything else is refused by name, so the form can say
# which part it did not understand.

_DAY_WORDS = {
    0: ("lundi", "lun", "maandag", "ma", "monday", "mon", "montag", "mo"),
    1: ("mardi", "mar", "dinsdag", "di", "tuesday", "tue", "tues", "dienstag"),
    2: ("mercredi", "mer", "woensdag", "wo", "wednesday", "wed", "mittwoch", "mi"),
    3: ("jeudi", "jeu", "donderdag", "do", "thursday", "thu", "thurs", "donnerstag"),
    4: ("vendredi", "ven", "vrijdag", "vr", "friday", "fri", "freitag", "fr"),
    5: ("samedi", "sam", "zaterdag", "za", "saturday", "sat", "samstag", "sa"),
    6: ("dimanche", "dim", "zondag", "zo", "sunday", "sun", "sonntag", "so"),
}
_DAY_OF = {word: day for day, words in _DAY_WORDS.items() for word in words}
#: words that stand for several days
_DAY_SETS = {
    "week-end": (5, 6), "weekend": (5, 6), "semaine": (0, 1, 2, 3, 4),
    "weekdagen": (0, 1, 2, 3, 4), "werkdagen": (0, 1, 2, 3, 4), "weekdays": (0, 1, 2, 3, 4),
    "jours": tuple(range(7)), "dagelijks": tuple(range(7)), "daily": tuple(range(7)),
    "dag": tuple(range(7)), "7j/7": tuple(range(7)), "7/7": tuple(range(7)),
    "werktags": (0, 1, 2, 3, 4), "taglich": tuple(range(7)),
}
_CLOSED_WORDS = ("fermes", "fermees", "fermee", "ferme", "gesloten", "closed",
                 "geschlossen", "ruhetag", "sluitingsdag", "dicht")
#: "sauf le dimanche": the days that follow are closed
_EXCEPT_WORDS = ("sauf", "behalve", "uitgezonderd", "except", "ausser")
#: small words that link the others and say nothing by themselves
_FILLERS = frozenset((
    "de", "du", "des", "le", "les", "la", "l", "et", "au", "aux", "a", "en", "ouvert", "ouverte",
    "tous", "tout", "chaque", "horaires", "horaire", "van", "tot", "op", "s", "elke",
    "iedere", "alle", "open", "uur", "on", "and", "from", "to", "every", "all", "am", "von",
    "bis", "und", "jeden", "ab", "the", "h", "u", "uhr", "t/m", "tem", "vom"))
_TIME_PART = r"(\d{1,2})(?:\s*(?:uur|uhr|h|u|:|\.)\s*(\d{2})?)?"
_RANGE_LINK = r"\s*(?:-|–|—|>|à|a|au|tot|to|till|until|bis)\s*"
_DAY_NAME = "|".join(sorted((re.escape(w) for w in _DAY_OF), key=len, reverse=True))
_DATE = r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})"
_TOKEN = re.compile(
    rf"(?P<closure>(?:du\s+|van\s+|from\s+|vom\s+)?{_DATE}"
    rf"(?:\s*(?:-|–|au|tot|to|bis)\s*{_DATE})?)(?:\s*\((?P<reason>[^)]*)\))?"
    rf"|(?P<range>(?:de\s+|van\s+|from\s+|von\s+)?{_TIME_PART}{_RANGE_LINK}{_TIME_PART}(?:\s*(?:h|u|uur|uhr)\b)?)"
    rf"|(?P<days>(?:du\s+|van\s+|from\s+|von\s+)?(?P<first>{_DAY_NAME})\.?"
    rf"(?:\s*(?:-|–|au|à|a|tot|t/m|tem|to|bis)\s*(?P<last>{_DAY_NAME})\.?)?)(?![a-z])"
    rf"|(?P<set>7j/7|7/7|week-end|[a-z]+)"
    rf"|(?P<sep>[\s,;:/+&.()\-–]+)"
    rf"|(?P<other>\S+?)(?=[\s,;]|$)")


def _fold(text):
    """Lower case without accents ("Fermé" -> "ferme"), so each word is spelt once."""
    import unicodedata

    text = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in text if not unicodedata.combining(char))


def _time(hours, minutes, where):
    hours, minutes = int(hours), int(minutes or 0)
    if hours > 24 or minutes > 59 or (hours == 24 and minutes):
        raise HoursError("time", where)
    return hours * 60 + minutes


class _Segment:
    """Some days (None: every day not named elsewhere), their ranges or "closed"."""

    def __init__(self, days=None, closed=False):
        self.days = set(days) if days is not None else None
        self.ranges = []
        self.closed = closed
        self.closed_first = closed  # "fermé le lundi": the days come after the word
        self.words = []  # the days as typed


def _day_span(first, last):
    if last is None or last == first:
        return (first,)
    if last > first:
        return tuple(range(first, last + 1))
    return tuple(range(first, 7)) + tuple(range(0, last + 1))  # "samedi-mardi"


def parse_text(text):
    """Hours as people write them -> :class:`OpeningHours`; :class:`HoursError` when not read.

    A part without a day ("9h-18h") sets every day; a part with days
    ("lundi-vendredi 9h-18h", "fermé le lundi") sets those days and wins over
    the first kind; "closed" wins over hours for the same day. A day never
    named is closed. Errors, ``detail`` being the words as typed: ``"text"``
    (not understood), ``"days_without_hours"``, ``"time"`` (no such time),
    ``"end_before_start"``; ``"overlap"`` (``detail``: the weekday id).
    """
    original = (text or "").strip()
    folded = _fold(original)
    if not folded:
        return EMPTY
    segments = []
    unknown = []
    closures = []
    for match in _TOKEN.finditer(folded):
        current = segments[-1] if segments else None
        typed = _original_word(original, match)
        if match.group("closure"):
            # "fermé du 24/12/2026 au 26/12/2026 (Fêtes)": only after a "closed" word
            if current is None or not (current.closed and current.closed_first and
                                       not current.ranges):
                unknown.append(typed)
                continue
            if current.days is None:
                segments.pop()  # the "fermé" said only this
            closures.append(_closure(match, original, typed))
            continue
        if match.group("range"):
            start_h, start_m, end_h, end_m = match.group(10, 11, 12, 13)
            item = (_time(start_h, start_m, typed), _time(end_h, end_m, typed))
            if item[1] <= item[0]:
                raise HoursError("end_before_start", typed)
            if current is None or current.closed:
                current = _Segment()
                segments.append(current)
            current.ranges.append(item)
            continue
        if match.group("days"):
            days = _day_span(_DAY_OF[match.group("first")],
                             _DAY_OF[match.group("last")] if match.group("last") else None)
        elif match.group("set"):
            word = match.group("set")
            if word in _FILLERS:
                continue
            if word in _CLOSED_WORDS or word in _EXCEPT_WORDS:
                if word in _CLOSED_WORDS and current is not None and current.days is not None \
                        and not current.ranges and not current.closed:
                    current.closed = True  # "lundi : fermé"
                else:
                    segments.append(_Segment(closed=True))
                continue
            if word not in _DAY_SETS:
                unknown.append(typed)
                continue
            days = _DAY_SETS[word]
        elif match.group("sep"):
            continue
        else:
            unknown.append(typed)
            continue
        if current is not None and not current.ranges and (
                current.closed_first or (not current.closed and current.days is not None)):
            current.days = (current.days or set()) | set(days)  # "lundi, mardi", "fermé le lundi"
        else:
            current = _Segment(days)
            segments.append(current)
        current.words.append(typed)
    if unknown:
        raise HoursError("text", ", ".join(dict.fromkeys(unknown)))
    return _apply(segments, closures)


def _closure(match, original, typed):
    """A closure as stored: ``{"start": ISO date, "end": ..., "reason": ...}``."""
    numbers = match.group(2, 3, 4, 5, 6, 7)
    try:
        first = date(int(numbers[2]), int(numbers[1]), int(numbers[0]))
        last = date(int(numbers[5]), int(numbers[4]), int(numbers[3])) \
            if numbers[3] else first
    except ValueError:
        raise HoursError("date", typed) from None
    if last < first:
        raise HoursError("end_before_start", typed)
    item = {"start": first.isoformat()}
    if last != first:
        item["end"] = last.isoformat()
    if match.group("reason"):
        reason = original[match.start("reason"):match.end("reason")].strip()
        if reason:
            item["reason"] = reason
    return item


def _original_word(original, match):
    """The words as typed (accents kept) where the folded text did not read."""
    text = original[match.start():match.end()].strip(" ,;:")
    return text or match.group(0).strip()


def _apply(segments, closures=()):
    weekly = [[] for _day in range(7)]
    for segment in segments:
        if segment.days is None:
            for day in range(7):
                weekly[day] = [] if segment.closed else list(segment.ranges)
    named = set()
    lonely = []
    for segment in segments:
        if segment.days is None:
            continue
        if not segment.closed and not segment.ranges:
            if len(segment.days) < 7:  # "tous les jours" alone says nothing
                lonely.extend(segment.words)
            continue
        for day in sorted(segment.days):
            if day not in named:
                weekly[day] = []
                named.add(day)
            if not segment.closed:
                weekly[day].extend(segment.ranges)
    for segment in segments:  # closed wins: "tous les jours 9h-18h sauf le dimanche"
        if segment.days is not None and segment.closed:
            for day in segment.days:
                weekly[day] = []
    if lonely:
        raise HoursError("days_without_hours", ", ".join(dict.fromkeys(lonely)))
    data = {"weekly": {WEEKDAYS[day]: [[_format(s), _format(e)] for s, e in ranges]
                       for day, ranges in enumerate(weekly) if ranges}}
    if closures:
        data["closures"] = list(closures)
    return parse_hours(data)


def parse_day(text):
    """One day's hours as written ("9h-12h, 13h30-18h", "fermé", empty) -> ranges in minutes."""
    hours = parse_text(text)
    return hours.weekly[0]


_CLOSURE_TEXT = {
    "fr": ("fermé le {first}", "fermé du {first} au {last}"),
    "nl": ("gesloten op {first}", "gesloten van {first} tot {last}"),
    "en": ("closed on {first}", "closed from {first} to {last}"),
    "de": ("geschlossen am {first}", "geschlossen vom {first} bis {last}"),
}
_SHORT_TIME = {
    "fr": lambda m: f"{m // 60}h" + (f"{m % 60:02d}" if m % 60 else ""),
    "nl": lambda m: f"{m // 60}u" + (f"{m % 60:02d}" if m % 60 else ""),
    "en": lambda m: f"{m // 60:02d}:{m % 60:02d}",
    "de": lambda m: f"{m // 60}:{m % 60:02d}",
}


def to_text(hours, language="fr"):
    """The hours in the short form people type (and :func:`parse_text` reads):
    ``"lundi-vendredi 9h-12h, 13h30-18h; samedi 9h-12h; fermé du 24/12/2026 au
    26/12/2026 (Fêtes)"``; closed days left out."""
    lang = _language(language)
    short = _SHORT_TIME[lang]
    names = DAY_NAMES[lang]
    parts = []
    day = 0
    while day < 7:
        ranges = hours.weekly[day]
        last = day
        while last + 1 < 7 and hours.weekly[last + 1] == ranges:
            last += 1
        if ranges:
            days = names[day] if last == day else (
                f"{names[day]}, {names[last]}" if last == day + 1
                else f"{names[day]}-{names[last]}")
            times = ", ".join(f"{short(s)}-{short(e)}" for s, e in ranges)
            parts.append(f"{days} {times}")
        day = last + 1
    one, period = _CLOSURE_TEXT[lang]
    for first, last, reason in hours.closures:
        text = (one if first == last else period).format(
            first=first.strftime("%d/%m/%Y"), last=last.strftime("%d/%m/%Y"))
        parts.append(f"{text} ({reason})" if reason else text)
    return "; ".join(parts)
