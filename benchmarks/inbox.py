"""The staff inbox "À traiter" with 10,000 open orders and bookings, against plain Plone.

Two sites in one Zope process, in a throwaway instance: a CommunesPlone site
(commune preset) holding ``BENCH_OPEN`` (10,000) things that wait for one clerk's
services, half orders waiting for their payment (population office), half
bookings to confirm (facilities); and a plain Plone 6.2 Classic site holding as
many Documents. Work timed, interleaved (plain, ours, plain, ours...):

* plain Plone: ``GET @search`` of its 10,000 Documents, sorted, first 50 (the
  same number of brains as the inbox's first page);
* ours: ``@@inbox`` (the page) and ``@inbox`` (REST) as the clerk: counts per
  kind, the first 50 rows sorted by due date, with their next actions; and the
  first page of the bookings dashboard's table (``@@faceted_query``, the rows the
  dashboard page loads: 1,000s of pending bookings, sorted, batched, batch actions).

Each pair is reported twice: wall-clock time, and the CPU time of this process
(``time.process_time``). The development machine is shared: other people's tests
stretch the wall-clock times of one side and not the other, the CPU time of the
work much less.

One order and one booking are made as a citizen makes them (workflow, local
roles, reference); the others are their copies, catalogued without events
(:func:`_clones`; the Documents alike): the inbox reads only the catalog.
"""

from benchmarks import setting
from datetime import datetime
from datetime import time
from datetime import timedelta

import base64
import logging
import statistics
import tempfile
import time as clock

ROUNDS = int(setting("BENCH_ROUNDS", "60", tiny="2"))
OPEN = int(setting("BENCH_OPEN", "10000", tiny="60"))
BATCH = 50
PASSWORD = "bench-password-123"
OPEN_ALL_DAY = {f"hours_{day}": "00:00-24:00" for day in (
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")}


def _timed(call):
    started = clock.perf_counter()
    call()
    return clock.perf_counter() - started


def _cpu(call):
    """The CPU time of this process spent on ``call`` (the server runs in it)."""
    started = clock.process_time()
    call()
    return clock.process_time() - started


def _progress(what):
    import sys

    print(f"  inbox benchmark: {what} ({clock.strftime('%H:%M:%S')})", file=sys.stderr)


def _clones(template, count, change):
    """``count`` copies of ``template`` beside it, each changed by ``change(copy, index)``
    and catalogued (indexes and metadata as a reindex writes them), without events.

    The template was made as a citizen makes one (workflow, local roles, reference);
    making 10,000 that way takes about an hour on the 2-core machine (a savepoint per
    order), while what the inbox reads is only their catalog entries.
    """
    import copy
    import transaction
    import uuid
    from Acquisition import aq_base
    from Acquisition import aq_parent
    from plone.uuid.interfaces import ATTRIBUTE_NAME

    container = aq_parent(template)
    for index in range(count):
        clone = copy.deepcopy(aq_base(template))
        new_id = f"{template.getId()}-{index}"
        clone.id = new_id
        setattr(clone, ATTRIBUTE_NAME, uuid.uuid4().hex)
        change(clone, index)
        container._setObject(new_id, clone, suppress_events=True)
        container[new_id].reindexObject()
        if index % 500 == 499:
            transaction.commit()
    transaction.commit()


def _orders(site, count):
    """``count`` orders waiting for their payment (population office), due one a minute."""
    from communesplone.core.assurance import AssuranceRecord
    from communesplone.core.assurance import set_request_assurance
    from communesplone.eguichet.demo import DEMO_CLERK
    from communesplone.eguichet.demo import _demo_clerk
    from communesplone.eguichet.ordering import make_order
    from plone import api
    from zope.globalrequest import getRequest

    guichet = api.content.create(container=site, type="DocumentCatalog", id="guichet",
                                 title="E-guichet")
    doctype = api.content.create(
        container=guichet, type="DocumentType", id="certificat", title="Certificat",
        theme="Population", who_may_order="anyone", required_assurance="none",
        order_fields=[], delivery_methods=["email"], fee_post=0.0, price=3.0,
        max_quantity=5, processing_days=3, processing_group="communesplone-population",
        payment_before_processing=True, active=True)
    set_request_assurance(getRequest(), AssuranceRecord(
        level="high", user_id=DEMO_CLERK, provider="bench", provider_title="Bench"))
    with api.env.adopt_user(user=_demo_clerk(guichet)):
        order = make_order(guichet, document_type=api.content.get_uuid(doctype), quantity=1,
                           delivery_method="email", applicant_name="Habitant",
                           applicant_email="habitant@example.org",
                           applicant_address="Rue de l'Église 12, 5000 Namur", answers={})
    assert api.content.get_state(order) == "awaiting_payment"
    due = order.due_date

    def change(clone, index):
        clone.reference = f"{order.reference}-{index}"
        clone.due_date = due + timedelta(minutes=index)

    _clones(order, count, change)


def _bookings(site, count):
    """``count`` bookings to confirm (facilities), one hour each, back to back."""
    from communesplone.booking.content.resource import site_timezone
    from communesplone.booking.rules import attach
    from plone import api
    from plone.dexterity.utils import createContentInContainer

    rooms = api.content.create(container=site, type="ResourceFolder", id="salles",
                               title="Salles")
    room = api.content.create(
        container=rooms, type="Resource", id="salle", title="Salle polyvalente",
        slot_minutes=60, min_minutes=60, max_minutes=120, horizon_days=3650,
        needs_approval=True, audience="anonymous", closed_on_holidays=False,
        manager_group="communesplone-facilities", **OPEN_ALL_DAY)
    tz = site_timezone()
    first = attach(datetime.combine(datetime.now(tz).date() + timedelta(days=7), time(8)), tz)
    booking = createContentInContainer(
        room, "Booking", checkConstraints=False, title="Réservation", start=first,
        end=first + timedelta(hours=1), requester_name="Club",
        requester_email="club@example.org", purpose="Réunion", attendees=10)
    assert api.content.get_state(booking) == "pending"

    def change(clone, index):
        clone.start = first + timedelta(hours=index + 1)
        clone.end = clone.start + timedelta(hours=1)

    _clones(booking, count, change)


def _documents(site, count):
    from plone import api

    folder = api.content.create(container=site, type="Folder", id="docs", title="Docs")
    document = api.content.create(container=folder, type="Document", id="doc",
                                  title="Document")
    _clones(document, count, lambda clone, index: setattr(clone, "title", f"Document {index}"))


def run():
    import transaction
    import webtest
    import Zope2
    from AccessControl.SecurityManagement import newSecurityManager
    from AccessControl.users import system
    from benchmarks.pages import _app
    from benchmarks.pages import _instance
    from communesplone.cli import ensure_admin
    from communesplone.policy.sites import BASE_PROFILES
    from communesplone.policy.sites import create_site
    from plone import api
    from Products.CMFPlone.factory import addPloneSite
    from zope.component.hooks import setSite
    from Zope2.Startup.run import make_wsgi_app

    logging.getLogger("communesplone").setLevel(logging.ERROR)
    with tempfile.TemporaryDirectory() as folder:
        instance = _instance(folder)
        wsgi = make_wsgi_app({}, str(instance.zope_conf))
        app = _app()
        newSecurityManager(None, system)
        ensure_admin(app)
        addPloneSite(app, "plain", title="Plain Plone", default_language="fr",
                     extension_ids=BASE_PROFILES + ("plone.restapi:default",))
        create_site(app, "ours", preset_name="commune")
        transaction.commit()
        started = clock.perf_counter()
        _progress("sites made")
        setSite(app.plain)
        _documents(app.plain, OPEN - 1)
        setSite(app.ours)
        api.user.create(email="clerk@example.org", username="clerk", password=PASSWORD,
                        properties={"fullname": "Clerk"})
        for group in ("communesplone-population", "communesplone-facilities"):
            api.group.add_user(groupname=group, username="clerk")
        _progress("documents made")
        _orders(app.ours, OPEN // 2 - 1)
        _progress("orders made")
        _bookings(app.ours, OPEN - OPEN // 2 - 1)
        _progress("bookings made")
        transaction.commit()
        setup = clock.perf_counter() - started
        app._p_jar.close()

        browser = webtest.TestApp(wsgi)
        admin = {"Authorization": "Basic " + base64.b64encode(b"admin:admin").decode()}
        clerk = {"Authorization": "Basic " + base64.b64encode(
            f"clerk:{PASSWORD}".encode()).decode()}
        json = {"Accept": "application/json"}
        plain = (f"/plain/@search?portal_type=Document&sort_on=modified&b_size={BATCH}",
                 dict(admin, **json))
        ours = {
            "@@inbox (page)": ("/ours/@@inbox", clerk),
            "@inbox (REST)": (f"/ours/@inbox?b_size={BATCH}", dict(clerk, **json)),
        }
        # the same number of brains on both sides
        found = browser.get(plain[0], headers=plain[1]).json
        assert found["items_total"] == OPEN, found["items_total"]
        inbox = browser.get(ours["@inbox (REST)"][0], headers=ours["@inbox (REST)"][1]).json
        assert inbox["total"] == OPEN, inbox["total"]
        assert len(inbox["items"]) == BATCH and inbox["items"][0]["actions"]
        lines = [f"inbox: {ROUNDS} rounds, {OPEN:,} open orders and bookings / {OPEN:,} "
                 f"Documents (first {BATCH} rows; making them took {setup:.0f} s)"]
        # the page is an HTML page in Plone's main template, @search JSON: the page is
        # also measured against plain Plone's own HTML listing of as many brains
        table = (f"/plain/docs/listing_view?b_size={BATCH}", admin)
        # what the dashboard page asks for (its sort and its 30 rows a page)
        dashboard = ("/ours/salles/dashboard/@@faceted_query?c5=30&c4=start&b_start=0", clerk)
        rows = browser.get(dashboard[0], headers=dashboard[1]).text
        assert rows.count('name="uids:list"') >= 30, "the dashboard's table is empty"
        pairs = (("@inbox (REST)", ours["@inbox (REST)"], "plain @search", plain),
                 ("@@inbox (page)", ours["@@inbox (page)"], "plain @search", plain),
                 ("@@inbox (page)", ours["@@inbox (page)"], "plain listing_view", table),
                 ("bookings dashboard, first page", dashboard, "plain @search", plain))
        for name, (path, headers), base_name, (base_path, base_headers) in pairs:
            browser.get(path, headers=headers)  # warm up
            browser.get(base_path, headers=base_headers)
            ratios, times, cpu = [], [], []
            for _round in range(ROUNDS):
                base = _timed(lambda p=base_path, h=base_headers: browser.get(p, headers=h))
                mine = _timed(lambda p=path, h=headers: browser.get(p, headers=h))
                ratios.append(mine / base)
                times.append((mine, base))
                cpu.append((_cpu(lambda p=path, h=headers: browser.get(p, headers=h)),
                            _cpu(lambda p=base_path, h=base_headers: browser.get(p, headers=h))))
            mine_cpu = statistics.median(t[0] for t in cpu)
            base_cpu = statistics.median(t[1] for t in cpu)
            lines.append(
                f"  {name} / {base_name}: median ratio {statistics.median(ratios):.2f} "
                f"(min {min(ratios):.2f}, max {max(ratios):.2f}); "
                f"{statistics.median(t[0] for t in times) * 1000:.0f} ms / "
                f"{statistics.median(t[1] for t in times) * 1000:.0f} ms; CPU "
                f"{mine_cpu * 1000:.0f} ms / {base_cpu * 1000:.0f} ms, ratio "
                f"{mine_cpu / base_cpu:.2f}"
            )
        Zope2.DB.close()
    return "\n".join(lines)


if __name__ == "__main__":
    print(run())
