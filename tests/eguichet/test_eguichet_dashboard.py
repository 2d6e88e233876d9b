"""The faceted staff dashboard of the catalog: counts per saved search, staff only."""

from communesplone.core.faceted import collection_counts
from datetime import datetime
from datetime import timedelta
from datetime import UTC
from eguichethelpers import order
from plone import api

import pytest


@pytest.fixture
def orders(site):
    with api.env.adopt_user("alice"):
        unpaid = order(site.catalog, site.residence)  # awaiting payment
        new = order(site.catalog, site.regulation, answers={})  # pay later: submitted
        taken = order(site.catalog, site.regulation, answers={})
        late = order(site.catalog, site.regulation, answers={})
    with api.env.adopt_user("paula"):
        api.content.transition(obj=taken, transition="take")
    late.due_date = datetime.now(UTC) - timedelta(days=2)
    late.reindexObject()
    return {"unpaid": unpaid, "new": new, "taken": taken, "late": late}


def test_counts_for_the_service(site, orders):
    dashboard = site.catalog["dashboard"]
    with api.env.adopt_user("paula"):
        assert collection_counts(dashboard) == {
            "new": 2, "mine": 1, "awaiting-payment": 1, "late": 1}
    with api.env.adopt_user("cedric"):  # another service sees none of these
        assert collection_counts(dashboard) == {
            "new": 0, "mine": 0, "awaiting-payment": 0, "late": 0}


def test_dashboard_is_staff_only(site, orders):
    dashboard = site.catalog["dashboard"]
    with api.env.adopt_user("paula"):
        assert api.user.has_permission("View", obj=dashboard)
    for user in ("alice", "bob"):
        with api.env.adopt_user(user):
            assert not api.user.has_permission("View", obj=dashboard)
    with api.env.adopt_roles(["Anonymous"]):
        assert not api.user.has_permission("View", obj=dashboard)


def test_simple_dashboard_view_counts(site, orders):
    from communesplone.eguichet.browser.staff_views import DashboardView

    with api.env.adopt_user("paula"):
        view = DashboardView(site.catalog, site.catalog.REQUEST)
        view.current = "late"
        counts = {f["id"]: f["count"] for f in view.filters()}
        assert counts == {"new": 2, "mine": 1, "awaiting_payment": 1, "late": 1, "all": 4}
        assert [o["reference"] for o in view.orders()] == [orders["late"].reference]


def test_the_dashboard_table_and_its_batches(site, orders):
    """The orders as rows from brains, values in words; the service takes and marks paid
    several orders at once; another service and the applicant change nothing."""
    from communesplone.core.tables import rows
    from communesplone.core.tables import run_batch
    from communesplone.core.tables import table_of

    dashboard = site.catalog["dashboard"]
    table = table_of(dashboard)
    assert table.name == "orders"
    uids = [obj.UID() for obj in orders.values()]
    for user in ("cedric", "alice"):  # another service; the applicant herself
        with api.env.adopt_user(user):
            for action in ("take", "mark_paid"):
                result = run_batch(table, action, uids)
                assert not result.done, (user, action)
    assert api.content.get_state(orders["new"]) == "submitted"
    assert orders["unpaid"].payment_status == "unpaid"
    with api.env.adopt_user("paula"):
        result = run_batch(table, "take", [orders["new"].UID(), orders["taken"].UID()])
        assert len(result.done) == 1 and len(result.untouched) == 1  # one was taken already
        result = run_batch(table, "mark_paid", [orders["unpaid"].UID(), orders["new"].UID()])
        assert len(result.done) == 2
        result = run_batch(table, "mark_paid", [orders["unpaid"].UID()])  # paid already
        assert not result.done and result.untouched[0][1].default.startswith("its payment")
        [row] = rows(table, api.content.find(UID=orders["new"].UID()), dashboard.REQUEST,
                     dashboard)
    assert api.content.get_state(orders["new"]) == "in_progress"
    assert orders["unpaid"].payment_status == "paid"
    reference, document, applicant, amount, payment, state, due, assignee = row["cells"]
    assert reference == orders["new"].reference
    assert applicant != "alice" and assignee != "paula"  # names, not ids
    assert state == "In progress" and "€" in amount
    assert payment == "Paid"
    assert due.count("/") == 2 or due == "—"


def test_upgrade_1001_makes_the_dashboard_a_table(site):
    from communesplone.core.tables import table_of
    from communesplone.eguichet.upgrades.to1001 import upgrade
    from eea.facetednavigation.layout.interfaces import IFacetedLayout

    dashboard = site.catalog["dashboard"]
    with api.env.adopt_roles(["Manager"]):
        IFacetedLayout(dashboard).update_layout("faceted-preview-items")  # as 1000 made it
        del dashboard.dashboard_table
        upgrade(api.portal.get_tool("portal_setup"))
        upgrade(api.portal.get_tool("portal_setup"))  # twice: nothing more
    assert IFacetedLayout(dashboard).layout == "faceted-table"
    assert table_of(dashboard).name == "orders"
