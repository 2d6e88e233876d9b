"""Dates and times in words, in the reader's language and the commune's timezone.

"mardi 15 décembre, 18 h", "dinsdag 15 december, 18 uur", "Dienstag, 15. Dezember,
18 Uhr", "Tuesday 15 December, 18:00": what every page, mail and listing shows,
never an ISO string nor "15/12/2026 18:00". One module for every add-on, so a
date reads the same on the front page, an order, a booking and "Mon espace".

Day and month names come from Babel's CLDR data (no catalogue entry needed).
A date of the current year is written without its year unless ``year=True``.
Values may be a ``date``, a ``datetime`` (naive: already local; aware: moved to
the commune's timezone) or a Zope ``DateTime`` (catalog brains).
"""

from babel.dates import format_date
from communesplone.core.languages import request_language
from datetime import date
from datetime import datetime
from plone import api
from zoneinfo import ZoneInfo

LANGUAGES = ("fr", "nl", "de", "en")
#: Babel's locale per language: Belgian conventions, British English.
LOCALES = {"fr": "fr_BE", "nl": "nl_BE", "de": "de_BE", "en": "en_GB"}
DEFAULT_TIMEZONE = "Europe/Brussels"
#: the day as people write it: "mardi 15 décembre", "Dienstag, 15. Dezember"
_DAY = {"fr": "EEEE d MMMM", "nl": "EEEE d MMMM", "de": "EEEE, d. MMMM",
        "en": "EEEE d MMMM"}


def current_language(language=None):
    """``language`` if we write dates in it, else the page's (the site's default
    outside a request; French without a site)."""
    if language:
        language = language.split("-")[0].lower()
        if language in LANGUAGES:
            return language
    try:
        language = request_language()
    except Exception:  # no site (scripts, unit tests): French, the default
        language = "fr"
    return language if language in LANGUAGES else "fr"


def site_timezone():
    """The name of the commune's timezone: plone.app.event's ``plone.portal_timezone``.

    The one place that reads it (the add-ons read it here, none hard-codes
    Brussels): ``Europe/Brussels`` when there is no site, no setting, or a
    name no timezone database knows.
    """
    try:
        zone = api.portal.get_registry_record("plone.portal_timezone", default=None)
    except Exception:  # no site
        zone = None
    if not zone or not isinstance(zone, str):
        return DEFAULT_TIMEZONE
    try:
        ZoneInfo(zone)
    except (KeyError, ValueError):
        return DEFAULT_TIMEZONE
    return zone


def site_zone():
    """The commune's timezone as a :class:`zoneinfo.ZoneInfo` (see :func:`site_timezone`)."""
    return ZoneInfo(site_timezone())


def local(value, timezone=None):
    """``value`` as a ``datetime`` in the commune's timezone (a ``date`` stays a date;
    a naive ``datetime`` is taken as local already); None stays None."""
    if value is None:
        return None
    if hasattr(value, "asdatetime"):  # Zope DateTime
        value = value.asdatetime()
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(ZoneInfo(timezone or site_timezone()))
        return value
    return value


def _day_of(value):
    return value.date() if isinstance(value, datetime) else value


def day_text(value, language=None, today=None, year=None):
    """ "mardi 15 décembre" (with the year when it is not this year's, or ``year=True``)."""
    language = current_language(language)
    day = _day_of(local(value))
    today = today or date.today()
    pattern = _DAY[language]
    if year or (year is None and day.year != today.year):
        pattern += " y"
    return format_date(day, pattern, locale=LOCALES[language])


def date_text(value, language=None):
    """ "30 juillet 1985", "30. Juli 1985": a date of its own (a birth date), no weekday."""
    language = current_language(language)
    pattern = "d. MMMM y" if language == "de" else "d MMMM y"
    return format_date(_day_of(local(value)), pattern, locale=LOCALES[language])


def time_text(moment, language=None):
    """ "18 h", "18 h 30" (fr); "18 uur", "18.30 uur" (nl); "18 Uhr" (de); "18:00" (en)."""
    language = current_language(language)
    hour, minute = moment.hour, moment.minute
    if language == "fr":
        return f"{hour} h" if not minute else f"{hour} h {minute:02d}"
    if language in ("nl", "de"):
        unit = "uur" if language == "nl" else "Uhr"
        return f"{hour} {unit}" if not minute else f"{hour}.{minute:02d} {unit}"
    return f"{hour:02d}:{minute:02d}"


def when_text(value, language=None, with_time=True, today=None, year=None):
    """ "mardi 15 décembre, 18 h": a day, and its hour for a ``datetime`` when
    ``with_time``; "" for None."""
    if value is None:
        return ""
    value = local(value)
    text = day_text(value, language, today=today, year=year)
    if with_time and isinstance(value, datetime):
        text = f"{text}, {time_text(value, language)}"
    return text


def period_text(start, end, language=None, today=None, year=None):
    """ "mardi 15 décembre, 18 h – 20 h"; over midnight, the second day is named too."""
    language = current_language(language)
    start, end = local(start), local(end)
    first = when_text(start, language, today=today, year=year)
    if start.date() == end.date():
        return f"{first} – {time_text(end, language)}"
    return f"{first} – {when_text(end, language, today=today, year=year)}"


def short_day_text(day, language=None):
    """ "mar. 15": a column heading of a week calendar, whose title names the
    months ("lundi 14 – dimanche 20 décembre"); no "15/12" a reader must decode."""
    language = current_language(language)
    day = _day_of(local(day))
    return f"{format_date(day, 'EEE', locale=LOCALES[language])} {day.day}"


def month_text(first, language=None):
    """ "décembre 2026"."""
    language = current_language(language)
    return format_date(_day_of(local(first)), "LLLL y", locale=LOCALES[language])
