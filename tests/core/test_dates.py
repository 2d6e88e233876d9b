"""``communesplone.core.dates``: every date a person reads, in words, in their language."""

from communesplone.core import dates
from datetime import date
from datetime import datetime
from datetime import UTC

import pytest

TODAY = date(2026, 12, 2)
EVENING = datetime(2026, 12, 15, 18, 0)
HALF_PAST = datetime(2026, 12, 15, 18, 30)


@pytest.mark.parametrize("language, expected", [
    ("fr", "mardi 15 décembre, 18 h"),
    ("nl", "dinsdag 15 december, 18 uur"),
    ("de", "Dienstag, 15. Dezember, 18 Uhr"),
    ("en", "Tuesday 15 December, 18:00"),
])
def test_a_moment_in_words(language, expected):
    assert dates.when_text(EVENING, language, today=TODAY) == expected


@pytest.mark.parametrize("language, expected", [
    ("fr", "18 h 30"), ("nl", "18.30 uur"), ("de", "18.30 Uhr"), ("en", "18:30")])
def test_minutes(language, expected):
    assert dates.time_text(HALF_PAST, language) == expected


def test_the_year_only_when_it_is_not_this_one_or_asked_for():
    assert dates.day_text(date(2027, 1, 5), "fr", today=TODAY) == "mardi 5 janvier 2027"
    assert dates.day_text(date(2026, 12, 3), "nl", today=TODAY) == "donderdag 3 december"
    assert dates.day_text(date(2026, 12, 3), "nl", today=TODAY, year=True) == \
        "donderdag 3 december 2026"
    assert dates.date_text(date(1985, 7, 30), "fr") == "30 juillet 1985"
    assert dates.date_text(date(1985, 7, 30), "de") == "30. Juli 1985"


def test_a_day_alone_has_no_hour():
    assert dates.when_text(date(2026, 12, 3), "fr", today=TODAY) == "jeudi 3 décembre"
    assert dates.when_text(EVENING, "fr", with_time=False, today=TODAY) == "mardi 15 décembre"
    assert dates.when_text(None, "fr") == ""


def test_a_stored_utc_moment_is_read_in_the_communes_timezone():
    """17:00 UTC is 18 h in Brussels in winter (no site here: Europe/Brussels)."""
    utc = datetime(2026, 12, 15, 17, 0, tzinfo=UTC)
    assert dates.when_text(utc, "fr", today=TODAY) == "mardi 15 décembre, 18 h"


def test_a_zope_datetime_of_a_catalog_brain():
    from DateTime import DateTime

    assert dates.when_text(DateTime("2026/12/15 17:00:00 UTC"), "nl", today=TODAY) == \
        "dinsdag 15 december, 18 uur"


def test_a_period_names_the_second_day_only_over_midnight():
    assert dates.period_text(EVENING, datetime(2026, 12, 15, 20, 0), "fr", today=TODAY) == \
        "mardi 15 décembre, 18 h – 20 h"
    assert dates.period_text(EVENING, datetime(2026, 12, 16, 1, 0), "nl", today=TODAY) == \
        "dinsdag 15 december, 18 uur – woensdag 16 december, 1 uur"


def test_headings_of_a_calendar():
    assert dates.short_day_text(date(2026, 12, 15), "fr") == "mar. 15"
    assert dates.month_text(date(2026, 12, 1), "nl") == "december 2026"


def test_an_unknown_language_falls_back_to_the_pages_or_french():
    assert dates.current_language("nl-BE") == "nl"
    assert dates.current_language("xx") == "fr"  # no site here: French
