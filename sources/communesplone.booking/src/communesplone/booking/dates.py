"""Amounts and a booking's title, in words: the dates themselves are core's.

Every date of the booking pages and mails is written by
:mod:`communesplone.core.dates` ("mardi 15 décembre, 18 h – 20 h"); its functions
are imported here under the names the booking modules have always used.
"""

from communesplone.core.dates import LANGUAGES
from communesplone.core.dates import current_language
from communesplone.core.dates import local
from communesplone.core.dates import day_text
from communesplone.core.dates import month_text
from communesplone.core.dates import period_text
from communesplone.core.dates import short_day_text
from communesplone.core.dates import time_text
from communesplone.core.payment import amount_text as core_amount_text
from datetime import date
from plone import api

__all__ = ("LANGUAGES", "amount_text", "current_language", "day_text", "month_text",
           "period_text", "short_day_text", "time_text", "title_text")


def amount_text(value, language=None):
    """ "25,00 €" (fr), "€ 25,00" (nl): euros as the reader writes them (core's)."""
    return core_amount_text(value, current_language(language))


def title_text(start, end):
    """A booking's title: its first period in the site's language, with the year
    ("mercredi 16 décembre 2026, 18 h – 20 h"); the breadcrumbs and listings show it."""
    try:
        language = (api.portal.get_default_language() or "fr").split("-")[0]
    except Exception:  # no site: French, the default
        language = "fr"
    return period_text(start, end, language if language in LANGUAGES else "fr",
                       today=date.min)


class PeriodTexts:
    """A page of bookings' periods in the reader's language ("dinsdag 8 december
    2026, 17 uur – 19 uur"), each day and each hour formatted once.

    The stored title is written once, in the site's language: a Dutch reader of a
    French commune's listings would read French dates. Babel takes about 0.4 ms a
    period here; a page of 50 rows shares a few days and hours.
    """

    def __init__(self, language):
        self.language = current_language(language)
        self._days, self._times = {}, {}

    def _day(self, value):
        key = value.date()
        if key not in self._days:
            self._days[key] = day_text(value, self.language, today=date.min)
        return self._days[key]

    def _time(self, value):
        key = (value.hour, value.minute)
        if key not in self._times:
            self._times[key] = time_text(value, self.language)
        return self._times[key]

    def __call__(self, start, end):
        """As :func:`period_text` with the year, or "" when a date is missing."""
        if start is None or end is None:
            return ""
        start, end = local(_python(start)), local(_python(end))
        first = f"{self._day(start)}, {self._time(start)}"
        if start.date() == end.date():
            return f"{first} – {self._time(end)}"
        return f"{first} – {self._day(end)}, {self._time(end)}"


def _python(value):
    """A catalog column's Zope ``DateTime`` as a ``datetime``."""
    return value.asdatetime() if hasattr(value, "asdatetime") else value
