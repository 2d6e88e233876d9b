"""Belgian public holidays, the commune's closing days, and working days.

Booking closes resources on holidays, deliberations count the finance
director's advice delay in working days, the e-guichet announces a
processing time in working days: one definition for all of them.

Working days leave out weekends, the ten legal public holidays and the days
the commune's offices close on top of them (the "Commune" control panel,
``communesplone.core.closing_days``: e.g. ``26/12`` every year, or
``27/09/2027`` once), such as 2 November, 15 November or 26 December, or the
day of the local fair.
"""

from datetime import date
from datetime import timedelta
from dateutil.easter import easter

import re

#: the days of the week as the add-ons store them (opening hours, rules), Monday first
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

CLOSING_DAYS_RECORD = "communesplone.core.closing_days"
_CLOSING_DAY = re.compile(r"^\s*(\d{1,2})/(\d{1,2})(?:/(\d{4}))?\s*$")


def parse_closing_day(text):
    """``(day, month, year or None)`` of ``26/12`` or ``27/09/2027``; ``None`` if not one."""
    match = _CLOSING_DAY.match(text or "")
    if match is None:
        return None
    day, month = int(match.group(1)), int(match.group(2))
    year = int(match.group(3)) if match.group(3) else None
    try:
        date(year or 2024, month, day)  # 2024: a leap year accepts 29/02
    except ValueError:
        return None
    return day, month, year


def closing_days(year, lines=None):
    """The commune's closing days of ``year`` (``lines``: the record's, by default)."""
    if lines is None:
        lines = _configured_lines()
    days = set()
    for line in lines or ():
        parsed = parse_closing_day(line)
        if parsed is None:
            continue
        day, month, fixed_year = parsed
        if fixed_year not in (None, year):
            continue
        try:
            days.add(date(year, month, day))
        except ValueError:  # 29/02 of a common year
            continue
    return days


def _configured_lines():
    """The closing days the commune set (none outside a site, e.g. in scripts)."""
    from plone import api
    from plone.api.exc import CannotGetPortalError
    from zope.interface.interfaces import ComponentLookupError

    try:
        return api.portal.get_registry_record(CLOSING_DAYS_RECORD, default=None) or []
    except (CannotGetPortalError, ComponentLookupError):
        return []


def belgian_holidays(year):
    """The ten legal public holidays of Belgium in ``year``."""
    easter_day = easter(year)
    return {
        date(year, 1, 1),
        easter_day + timedelta(days=1),  # Easter Monday
        date(year, 5, 1),
        easter_day + timedelta(days=39),  # Ascension
        easter_day + timedelta(days=50),  # Whit Monday
        date(year, 7, 21),
        date(year, 8, 15),
        date(year, 11, 1),
        date(year, 11, 11),
        date(year, 12, 25),
    }


def days_off(year, lines=None):
    """Public holidays and the commune's closing days of ``year``."""
    return belgian_holidays(year) | closing_days(year, lines)


def is_working_day(day, lines=None):
    """Monday to Friday, except public holidays and the commune's closing days."""
    return day.weekday() < 5 and day not in days_off(day.year, lines)


def add_working_days(start, count):
    """The date ``count`` working days after ``start`` (``start`` itself never counts)."""
    lines = _configured_lines()
    off = {}
    day = start
    remaining = count
    while remaining > 0:
        day += timedelta(days=1)
        if day.year not in off:
            off[day.year] = days_off(day.year, lines)
        if day.weekday() < 5 and day not in off[day.year]:
            remaining -= 1
    return day
