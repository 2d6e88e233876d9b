"""The date an order is announced for: ``processing_days`` Belgian working days after it.

Working days are Monday to Friday except the ten Belgian public holidays.
The day arithmetic is core's (:mod:`communesplone.core.calendar`), the same
as booking's holidays and the deliberations' advice delays. The day the
order is made never counts, so an order placed on a Friday with 2 working
days is due on the Tuesday.

Orders made before this rule keep the due date they were given.
"""

from communesplone.core.calendar import add_working_days
from communesplone.core.dates import site_zone
from datetime import datetime
from datetime import UTC


def due_day(ordered, processing_days):
    """The local date ``processing_days`` working days after the local date ``ordered``."""
    return add_working_days(ordered, max(int(processing_days or 0), 0))


def due_datetime(now, processing_days, zone=None):
    """The due date of an order made at ``now`` (aware), in UTC as orders store it.

    The time of day is kept (local time), only the day moves: the order is
    late from that moment, as it was with calendar days.
    """
    zone = zone or site_zone()
    local = now.astimezone(zone)
    day = due_day(local.date(), processing_days)
    return datetime.combine(day, local.time(), tzinfo=zone).astimezone(UTC)


def local_date(value, zone=None):
    """The site's local date of a stored (UTC) datetime, a date as it is; None stays None."""
    if value is None:
        return None
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(zone or site_zone())
        return value.date()
    return value
