"""Booking: how ``@availability`` scales with the number of bookings, and the cost of a booking.

Work timed, on one CommunesPlone site (commune preset) in a throwaway instance:

* ``GET <resource>/@availability`` for one week, anonymous, through the WSGI
  application, on a resource holding 100 periods and on one holding 100,000.
  Both hold the same 100 periods in the week asked for, so the ratio shows
  only the cost of the size of the occupancy tree (O(log n) expected: a ratio
  close to 1). The 100,000 periods are inserted straight into the occupancy
  tree: creating 100,000 Booking objects would take hours, and an anonymous
  ``@availability`` reads only the tree.
* Creating one Booking (rules, overlap check, occupancy write, workflow,
  catalog, commit) against creating one plain Document in the same folder
  (with commit), interleaved.
"""

from benchmarks import setting
from datetime import datetime
from datetime import time
from datetime import timedelta

import logging
import statistics
import tempfile
import time as clock

ROUNDS = int(setting("BENCH_ROUNDS", "60", tiny="2"))
LARGE = int(setting("BENCH_BOOKINGS", "10000", tiny="200", large="100000"))
SMALL = 100
OPEN_ALL_DAY = {f"hours_{day}": "00:00-24:00" for day in (
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")}


def _timed(call):
    started = clock.perf_counter()
    call()
    return clock.perf_counter() - started


def _fill(resource, week_start, total):
    """``total`` one-hour periods: the same 100 in the week asked for, the rest before it."""
    from communesplone.booking.occupancy import insert
    from communesplone.booking.occupancy import to_key
    from communesplone.booking.occupancy import tree_of

    tree = tree_of(resource)
    base = to_key(week_start)
    for index in range(SMALL):  # every 90 minutes from Monday 00:00
        start = base + index * 5400
        insert(tree, start, start + 3600, f"week-{index}")
    for index in range(total - SMALL):  # back to back, before the week
        start = base - (index + 1) * 7200
        insert(tree, start, start + 3600, f"old-{index}")


def run():
    import transaction
    import webtest
    import Zope2
    from AccessControl.SecurityManagement import newSecurityManager
    from AccessControl.users import system
    from benchmarks.pages import _app
    from benchmarks.pages import _instance
    from communesplone.booking.content.resource import site_timezone
    from communesplone.booking.rules import attach
    from communesplone.cli import ensure_admin
    from communesplone.policy.sites import create_site
    from plone import api
    from plone.dexterity.utils import createContentInContainer
    from zope.component.hooks import setSite
    from Zope2.Startup.run import make_wsgi_app

    logging.getLogger("communesplone.core").setLevel(logging.ERROR)
    with tempfile.TemporaryDirectory() as folder:
        instance = _instance(folder)
        wsgi = make_wsgi_app({}, str(instance.zope_conf))
        app = _app()
        newSecurityManager(None, system)
        ensure_admin(app)
        create_site(app, "ours", preset_name="commune")
        site = app.ours
        setSite(site)
        tz = site_timezone()
        today = datetime.now(tz).date()
        week_start = attach(datetime.combine(today + timedelta(days=7 - today.weekday()),
                                             time()), tz)
        resources = api.content.create(container=site, type="ResourceFolder", id="res",
                                       title="Resources")
        common = dict(OPEN_ALL_DAY, slot_minutes=60, min_minutes=60, max_minutes=120,
                      horizon_days=3650, needs_approval=False, audience="anonymous",
                      closed_on_holidays=False)
        small = api.content.create(container=resources, type="Resource", id="small",
                                   title="Small", **common)
        large = api.content.create(container=resources, type="Resource", id="large",
                                   title="Large", **common)
        _fill(small, week_start, SMALL)
        _fill(large, week_start, LARGE)
        transaction.commit()

        lines = [f"booking: {ROUNDS} rounds"]
        browser = webtest.TestApp(wsgi)
        query = f"?start={week_start.date().isoformat()}T00:00&end=" \
                f"{(week_start + timedelta(days=7)).date().isoformat()}T00:00"
        paths = {size: f"/ours/res/{size}/@availability{query}" for size in ("small", "large")}
        headers = {"Accept": "application/json"}
        for path in paths.values():  # warm up
            assert len(browser.get(path, headers=headers).json["taken"]) == SMALL
        ratios, small_times = [], []
        for _round in range(ROUNDS):
            small_time = _timed(lambda: browser.get(paths["small"], headers=headers))
            large_time = _timed(lambda: browser.get(paths["large"], headers=headers))
            small_times.append(small_time)
            ratios.append(large_time / small_time)
        lines.append(
            f"  @availability, one week, {LARGE:,} / {SMALL} bookings: median ratio "
            f"{statistics.median(ratios):.2f} (min {min(ratios):.2f}, max {max(ratios):.2f}); "
            f"{statistics.median(small_times) * 1000:.1f} ms with {SMALL}"
        )

        app._p_jar.sync()
        newSecurityManager(None, system)  # the requests above ended theirs
        setSite(app.ours)
        target = app.ours.res.small
        first = week_start + timedelta(days=8)
        ratios = []
        for index in range(ROUNDS):
            start = first + timedelta(hours=2 * index)

            def booking(start=start):
                createContentInContainer(
                    target, "Booking", checkConstraints=False, title="booking",
                    start=start, end=start + timedelta(hours=1), requester_name="Bench",
                    requester_email="bench@example.org", purpose="Benchmark", attendees=1)
                transaction.commit()

            def document(index=index):
                createContentInContainer(target, "Document", checkConstraints=False,
                                         title=f"Document {index}")
                transaction.commit()

            ratios.append(_timed(booking) / _timed(document))
        lines.append(
            f"  create one Booking / one Document (same folder, with commit): median ratio "
            f"{statistics.median(ratios):.2f} (min {min(ratios):.2f}, max {max(ratios):.2f})"
        )
        Zope2.DB.close()
    return "\n".join(lines)


if __name__ == "__main__":
    print(run())
