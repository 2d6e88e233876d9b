"""The bookings dashboard as a table, and its batch actions (``communesplone.core.tables``).

Rules in an integration layer (no HTTP): the rows come from brains only; a batch
runs with the reader's own permissions, from the side of who must not get through
(another service's manager, the requester herself); a refusal asks for a reason.
"""

from bookinghelpers import book
from bookinghelpers import make_resource
from bookinghelpers import next_monday
from communesplone.core.tables import rows
from communesplone.core.tables import run_batch
from communesplone.core.tables import table_of
from datetime import timedelta
from plone import api

import pytest

HOUR = timedelta(hours=1)


@pytest.fixture
def bookings(booking_site):
    hall = make_resource(booking_site, "salle-des-fetes", title="Salle des fêtes")
    other = make_resource(booking_site, "salle-b", title="Salle B",
                          manager_group="communesplone-population")
    api.group.add_user(groupname="communesplone-population", username="bob")
    monday = next_monday(weeks=2)
    made = []
    with api.env.adopt_user("alice"):
        for day in range(3):
            start = monday + timedelta(days=day)
            made.append(book(hall, start, start + HOUR, purpose=f"Chorale {day}"))
        made.append(book(other, monday, monday + HOUR, purpose="Ailleurs"))
    return {"dashboard": booking_site["dashboard"], "hall": made[:3], "other": made[3]}


def _uids(objects):
    return [obj.UID() for obj in objects]


class TestBookingTable:
    """In one class: the test layer is set up once for them all."""

    def test_rows_from_brains_only(self, bookings, monkeypatch):
        from Products.ZCatalog.CatalogBrains import AbstractCatalogBrain

        dashboard = bookings["dashboard"]
        table = table_of(dashboard)
        assert table.name == "bookings"
        hall = "/".join(bookings["hall"][0].aq_parent.getPhysicalPath())
        brains = api.content.find(portal_type="Booking", path=hall, sort_on="start")

        def no_object(self, *args):
            raise AssertionError("a row woke its object up")

        monkeypatch.setattr(AbstractCatalogBrain, "getObject", no_object)
        found = rows(table, brains, dashboard.REQUEST)
        assert [row["cells"][3] for row in found] == ["Chorale 0", "Chorale 1", "Chorale 2"]
        first = found[0]["cells"]
        assert first[1] == "Salle des fêtes"
        assert first[2] == "Alice"
        assert first[4] == "Pending"  # the test site is in English: the state's title
        assert first[0] == bookings["hall"][0].Title()

    def test_sort_options_make_sense(self, bookings):
        from eea.facetednavigation.interfaces import ICriteria

        dashboard = bookings["dashboard"]
        criteria = ICriteria(dashboard)
        [sorting] = [c for c in criteria.values() if c.widget == "sorting"]
        widget = criteria.widget(wid="sorting")(dashboard, dashboard.REQUEST, sorting)
        offered = [term[0] for term in widget.vocabulary()]
        assert offered == ["start", "created", "modified"]
        assert sorting.default == "start"

    def test_a_manager_confirms_three_at_once(self, bookings):
        table = table_of(bookings["dashboard"])
        with api.env.adopt_user("carol"):
            result = run_batch(table, "confirm", _uids(bookings["hall"]))
        assert len(result.done) == 3 and not result.untouched and not result.hidden
        assert {api.content.get_state(b) for b in bookings["hall"]} == {"confirmed"}

    def test_another_service_changes_nothing(self, bookings):
        """bob manages room B only: the hall's bookings stay as they are, and he is told."""
        table = table_of(bookings["dashboard"])
        with api.env.adopt_user("bob"):
            result = run_batch(table, "confirm", _uids(bookings["hall"] + [bookings["other"]]))
        assert result.done == [bookings["other"].Title()]
        assert result.hidden == 3
        assert {api.content.get_state(b) for b in bookings["hall"]} == {"pending"}

    def test_the_requester_cannot_confirm_her_own(self, bookings):
        table = table_of(bookings["dashboard"])
        with api.env.adopt_user("alice"):
            result = run_batch(table, "confirm", _uids(bookings["hall"]))
        assert not result.done and len(result.untouched) == 3
        assert {api.content.get_state(b) for b in bookings["hall"]} == {"pending"}

    def test_a_refusal_needs_its_reason(self, bookings):
        table = table_of(bookings["dashboard"])
        assert table.action("refuse").needs_reason
        with api.env.adopt_user("carol"):
            # without a reason (a client skipping the form): the workflow refuses, untouched
            result = run_batch(table, "refuse", _uids(bookings["hall"][:1]))
            assert not result.done and len(result.untouched) == 1
            assert result.untouched[0][1].default.startswith("Give the reason")
            result = run_batch(table, "refuse", _uids(bookings["hall"][:2]), "Fermée")
        assert len(result.done) == 2
        assert api.content.get_state(bookings["hall"][0]) == "refused"
        assert api.content.get_state(bookings["hall"][2]) == "pending"

    def test_an_action_the_table_has_not_does_nothing(self, bookings):
        table = table_of(bookings["dashboard"])
        with api.env.adopt_user("carol"):
            result = run_batch(table, "cancel", _uids(bookings["hall"]))
        assert not result.done and not result.untouched

    def test_refuse_from_the_dashboard_asks_for_the_reason(self, bookings):
        """The refusal opens a small form; sent empty it says so next to the field;
        with the reason the bookings are refused and the page goes back to the table."""
        from communesplone.core.browser.tables import DashboardBatchView
        from plone.protect.authenticator import createToken

        dashboard = bookings["dashboard"]
        request = dashboard.REQUEST
        uids = _uids(bookings["hall"][:2])
        with api.env.adopt_user("carol"):
            request.method = "POST"
            request.form.update({"_authenticator": createToken(), "transition": "refuse",
                                 "uids": uids})
            page = DashboardBatchView(dashboard, request)()
            assert 'name="comment"' in page and bookings["hall"][0].Title() in page
            assert "Give the reason" not in page  # not yet: nothing was sent
            request.form["form.reason"] = "1"
            page = DashboardBatchView(dashboard, request)()
            assert "Give the reason: the requester reads it." in page
            assert 'aria-invalid="true"' in page
            assert {api.content.get_state(b) for b in bookings["hall"]} == {"pending"}
            request.form["comment"] = "La salle est en travaux"
            DashboardBatchView(dashboard, request)()
        assert request.response.getHeader("Location") == dashboard.absolute_url()
        assert [api.content.get_state(b) for b in bookings["hall"]] == [
            "refused", "refused", "pending"]
