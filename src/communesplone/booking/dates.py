"""Amounts and a booking's title, in words: the dates themselves are core's.

Every date of the booking pages and mails is written by
:mod:`communesplone.core.dates` ("mardi 15 décembre, 18 h – 20 h"); its functions
are imported here under the names the booking modules have always used.
"""

from communesplone.core.dates import LANGUAGES
from communesplone.core.dates import current_language
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
