"""Clock-driven jobs of communesplone.booking, run from cron through the console command.

:func:`send_reminders` mails every confirmed booking that has an occurrence
starting tomorrow (the site's timezone). It is idempotent: each occurrence
sent is recorded on its booking (``_reminded``, the occurrence's start in
epoch seconds) in the same transaction as the mail, which leaves only when
that transaction commits; running it twice, or twice a day, sends nothing
more.
"""

from communesplone.booking import logger
from communesplone.booking import mails
from communesplone.booking.content.resource import site_timezone
from communesplone.booking.occupancy import from_key
from communesplone.booking.occupancy import to_key
from communesplone.booking.occupancy import tree_of
from communesplone.booking.rules import attach
from datetime import datetime
from datetime import time
from datetime import timedelta
from plone import api

REMINDED_ATTR = "_reminded"
REMIND_STATES = ("confirmed",)


def tomorrow_bounds(now, tz):
    """``[start, end)`` of the day after ``now``, in ``tz``."""
    day = now.astimezone(tz).date() + timedelta(days=1)
    return (attach(datetime.combine(day, time()), tz),
            attach(datetime.combine(day + timedelta(days=1), time()), tz))


def _starting_between(catalog, start, end):
    """``{booking uid: [start key, ...]}`` of held periods starting in ``[start, end)``.

    One range scan of each resource's occupancy tree: O(log n + k) each.
    """
    found = {}
    for brain in catalog.unrestrictedSearchResults(portal_type="Resource"):
        tree = tree_of(brain._unrestrictedGetObject())
        for key, (_end, uid) in tree.items(min=to_key(start), max=to_key(end),
                                           excludemax=True):
            found.setdefault(uid, []).append(key)
    return found


def send_reminders(portal, now=None):
    """Remind the requesters of tomorrow's confirmed bookings; returns how many mails.

    ``now`` (aware; default: the current time) makes the job testable and
    lets an operator catch up after an outage.
    """
    tz = site_timezone()
    now = now or datetime.now(tz)
    start, end = tomorrow_bounds(now, tz)
    catalog = api.portal.get_tool("portal_catalog")
    starting = _starting_between(catalog, start, end)
    if not starting:
        return 0
    sent = 0
    for brain in catalog.unrestrictedSearchResults(UID=list(starting),
                                                   review_state=REMIND_STATES):
        booking = brain._unrestrictedGetObject()
        reminded = set(getattr(booking, REMINDED_ATTR, ()))
        tree = tree_of(booking.resource())
        due = sorted(set(starting[brain.UID]) - reminded)
        for key in due:
            mails.notify_reminder(booking, from_key(key, tz), from_key(tree[key][0], tz))
            sent += 1
        if due:
            booking._reminded = tuple(sorted(reminded | set(due)))
    logger.info("Booking reminders for %s: %d sent", start.date().isoformat(), sent)
    return sent


#: Run by ``communesplone jobs run`` (communesplone.policy.jobs).
JOBS = {"booking-reminders": send_reminders}
