"""The resource rules as pure functions: hours, closures, holidays, recurrence, free time."""

from communesplone.booking.rules import Rules
from communesplone.core.calendar import belgian_holidays
from communesplone.booking.rules import check_booking
from communesplone.booking.rules import check_period
from communesplone.booking.rules import free_intervals
from communesplone.booking.rules import occurrences
from communesplone.booking.rules import parse_closure
from communesplone.booking.rules import parse_hours
from datetime import date
from datetime import datetime
from datetime import timedelta

import pytest
import pytz

TZ = pytz.timezone("Europe/Brussels")
NOW = TZ.localize(datetime(2026, 3, 2, 9, 0))  # a Monday
WEEKDAYS_ONLY = {day: ((8 * 60, 12 * 60), (13 * 60, 22 * 60)) if day < 5 else ()
                 for day in range(7)}


def at(*args):
    return TZ.localize(datetime(*args))


def fields(errors):
    return [name for name, _message in errors]


def test_parse_hours_and_closures():
    assert parse_hours("08:00-12:00, 13h00-22:00") == ((480, 720), (780, 1320))
    assert parse_hours("") == ()
    assert parse_hours("00:00-24:00") == ((0, 1440),)
    for bad in ("8-12", "12:00-08:00", "08:00-25:00"):
        with pytest.raises(ValueError):
            parse_hours(bad)
    assert parse_closure("2026-12-24/2026-12-31") == (date(2026, 12, 24), date(2026, 12, 31))
    with pytest.raises(ValueError):
        parse_closure("2026-12-31/2026-12-24")


def test_belgian_holidays_2026():
    holidays = belgian_holidays(2026)
    assert date(2026, 4, 6) in holidays  # Easter Monday
    assert date(2026, 5, 14) in holidays  # Ascension
    assert date(2026, 5, 25) in holidays  # Whit Monday
    assert date(2026, 7, 21) in holidays
    assert len(holidays) == 10


def test_opening_hours_closures_and_holidays():
    rules = Rules(hours=WEEKDAYS_ONLY, closures=((date(2026, 3, 10), date(2026, 3, 11)),),
                  closed_on_holidays=True, tz=TZ)
    assert check_period(rules, at(2026, 3, 9, 10), at(2026, 3, 9, 12), NOW) == []
    assert fields(check_period(rules, at(2026, 3, 9, 11), at(2026, 3, 9, 13), NOW)) == [
        "start"]  # over the lunch break
    assert fields(check_period(rules, at(2026, 3, 10, 10), at(2026, 3, 10, 11), NOW)) == [
        "start"]  # exceptional closure
    assert fields(check_period(rules, at(2026, 3, 14, 10), at(2026, 3, 14, 11), NOW)) == [
        "start"]  # Saturday
    assert fields(check_period(rules, at(2026, 4, 6, 10), at(2026, 4, 6, 11), NOW)) == [
        "start"]  # Easter Monday


def test_overnight_needs_both_days_open():
    rules = Rules(tz=TZ, max_minutes=48 * 60)  # open day and night
    assert check_period(rules, at(2026, 3, 9, 20), at(2026, 3, 10, 8), NOW) == []


def test_capacity_and_count():
    rules = Rules(tz=TZ, capacity=10)
    period = [(at(2026, 3, 9, 10), at(2026, 3, 9, 11))]
    assert fields(check_booking(rules, period, 11, NOW)) == ["attendees"]
    assert check_booking(rules, period, 10, NOW) == []


def test_weekly_recurrence_keeps_wall_time_across_dst():
    start, end = at(2026, 3, 23, 10), at(2026, 3, 23, 11)  # DST starts on 29 March
    periods = occurrences(start, end, "weekly", count=3)
    assert [p[0].hour for p in periods] == [10, 10, 10]
    assert periods[1][0] - periods[0][0] == timedelta(days=7, hours=-1)
    assert len(occurrences(start, end, "weekly", until=date(2026, 4, 20))) == 5
    assert len(occurrences(start, end, "monthly", count=4)) == 4
    assert occurrences(start, end, "none", count=4) == [(start, end)]


def test_free_intervals():
    rules = Rules(hours=WEEKDAYS_ONLY, tz=TZ)
    free = free_intervals(rules, at(2026, 3, 9, 0), at(2026, 3, 10, 0),
                          [(at(2026, 3, 9, 9), at(2026, 3, 9, 10))])
    assert free == [(at(2026, 3, 9, 8), at(2026, 3, 9, 9)),
                    (at(2026, 3, 9, 10), at(2026, 3, 9, 12)),
                    (at(2026, 3, 9, 13), at(2026, 3, 9, 22))]
