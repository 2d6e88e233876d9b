"""Dates, times and amounts as people write them, in the reader's language.

"mardi 15 décembre, 18 h – 20 h", "dinsdag 15 december, 18 uur – 20 uur",
"25,00 €": what the booking pages and mails show, instead of ISO dates or
"15/12/2026 18:00". Day and month names come from Babel's CLDR data, so no
catalogue entry is needed for them.
"""

from babel.dates import format_date
from communesplone.core.payment import amount_text as core_amount_text
from datetime import date
from datetime import datetime
from plone import api

LANGUAGES = ("fr", "nl", "de", "en")
_LOCALES = {"fr": "fr_BE", "nl": "nl_BE", "de": "de_BE", "en": "en_GB"}


def current_language():
    """The language of the page being rendered (the site's default outside a request)."""
    try:
        language = api.portal.get_current_language() or "fr"
    except Exception:  # no site (scripts, unit tests): French, the default
        language = "fr"
    language = language.split("-")[0].lower()
    return language if language in LANGUAGES else "fr"


def _language(language):
    return language if language in LANGUAGES else current_language()


def day_text(day, language=None, today=None):
    """ "mardi 15 décembre" (the year only when it is not this year's)."""
    language = _language(language)
    if isinstance(day, datetime):
        day = day.date()
    today = today or date.today()
    pattern = "EEEE, d. MMMM" if language == "de" else "EEEE d MMMM"
    if day.year != today.year:
        pattern += " y"
    return format_date(day, pattern, locale=_LOCALES[language])


def short_day_text(day, language=None):
    """ "mar. 15/12": a column heading of the week calendar."""
    language = _language(language)
    name = format_date(day, "EEE", locale=_LOCALES[language])
    return f"{name} {day:%d/%m}"


def time_text(moment, language=None):
    """ "18 h", "18 h 30" (fr); "18 uur", "18.30 uur" (nl); "18 Uhr" (de); "18:00" (en)."""
    language = _language(language)
    hour, minute = moment.hour, moment.minute
    if language == "fr":
        return f"{hour} h" if not minute else f"{hour} h {minute:02d}"
    if language == "nl":
        return f"{hour} uur" if not minute else f"{hour}.{minute:02d} uur"
    if language == "de":
        return f"{hour} Uhr" if not minute else f"{hour}.{minute:02d} Uhr"
    return f"{hour:02d}:{minute:02d}"


def period_text(start, end, language=None, today=None):
    """ "mardi 15 décembre, 18 h – 20 h"; over midnight, the second day is named too."""
    language = _language(language)
    first = f"{day_text(start, language, today)}, {time_text(start, language)}"
    if start.date() == end.date():
        return f"{first} – {time_text(end, language)}"
    return f"{first} – {day_text(end, language, today)}, {time_text(end, language)}"


def amount_text(value, language=None):
    """ "25,00 €" (fr), "€ 25,00" (nl): euros as the reader writes them (core's)."""
    return core_amount_text(value, _language(language))


def month_text(first, language=None):
    """ "décembre 2026"."""
    language = _language(language)
    return format_date(first, "LLLL y", locale=_LOCALES[language])


def title_text(start, end):
    """A booking's title: its first period in the site's language, with the year
    ("mercredi 16 décembre 2026, 18 h – 20 h"); the breadcrumbs and listings show it."""
    try:
        language = (api.portal.get_default_language() or "fr").split("-")[0]
    except Exception:  # no site: French, the default
        language = "fr"
    return period_text(start, end, language if language in LANGUAGES else "fr",
                       today=date.min)
