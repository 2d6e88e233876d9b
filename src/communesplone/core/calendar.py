"""Belgian public holidays and working days, for every add-on.

Booking closes resources on holidays, deliberations count the finance
director's advice delay in working days, the e-guichet announces a
processing time in working days: one definition for all of them.
"""

from datetime import date
from datetime import timedelta
from dateutil.easter import easter


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


def is_working_day(day):
    """Monday to Friday, except Belgian public holidays."""
    return day.weekday() < 5 and day not in belgian_holidays(day.year)


def add_working_days(start, count):
    """The date ``count`` working days after ``start`` (``start`` itself never counts)."""
    day = start
    remaining = count
    while remaining > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day
