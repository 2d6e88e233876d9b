"""A booking's period in the reader's language: the stored title is written once, in
the site's language, and a Dutch clerk of a French commune must not read French
dates in the inbox or the bookings table."""

from communesplone.booking.dates import PeriodTexts
from communesplone.booking.dates import period_text
from datetime import date
from datetime import datetime
from DateTime import DateTime


def test_a_period_in_each_language_as_core_writes_it():
    start, end = datetime(2026, 12, 8, 17), datetime(2026, 12, 8, 19)
    for language in ("fr", "nl", "de", "en"):
        assert PeriodTexts(language)(start, end) == period_text(start, end, language,
                                                                today=date.min)
    assert PeriodTexts("nl")(start, end) == "dinsdag 8 december 2026, 17 uur – 19 uur"


def test_over_midnight_both_days_are_named_and_catalog_dates_are_read():
    texts = PeriodTexts("fr")
    start, end = DateTime("2026/12/08 22:00:00"), DateTime("2026/12/09 02:00:00")
    text = texts(start, end)
    assert text.startswith("mardi 8 décembre 2026") and "mercredi 9 décembre 2026" in text
    assert texts(None, end) == ""
