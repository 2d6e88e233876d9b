"""The month calendar, the printable day sheet, the managers' dashboard (rendered views)."""

from bookinghelpers import book
from bookinghelpers import make_resource
from bookinghelpers import monday_mid_month
from bookinghelpers import next_monday
from datetime import timedelta
from plone import api
from zExceptions import Unauthorized

import pytest
import re


def _render(name, context, request, **form):
    request.form.clear()
    request.form.update(form)
    return api.content.get_view(name, context, request)()


def _day_cell(html, day):
    """The month cell of ``day``: its state class and its text."""
    cells = re.findall(r'<td class="day day-(\w+)">(.*?)</td>', html, re.S)
    for state, text in cells:
        if re.search(rf"\b{day.day}\b", re.sub(r"<[^>]+>", " ", text)) and (
                f"week={day.isoformat()}" in text or state in ("closed", "past")):
            return state, text
    return None


class TestPages:
    """In one class: the test layer is set up once for them all, not once per test."""

    def test_month_calendar(self, booking_site, integration):
        request = integration["request"]
        monday = monday_mid_month(weeks=2, hour=8)
        resource = make_resource(booking_site, "salle-mois", max_minutes=14 * 60,
                                 closures=[(monday + timedelta(days=2)).date().isoformat()])
        with api.env.adopt_user("alice"):
            book(resource, monday, monday + timedelta(hours=14),  # the whole Monday
                 requester_name="Alice Secret", purpose="Fête privée")
            book(resource, monday + timedelta(days=1, hours=2),
                 monday + timedelta(days=1, hours=3))
        month = monday.strftime("%Y-%m")
        with api.env.adopt_user("bob"):
            html = _render("view", resource, request, month=month)
        assert "booking-month" in html
        assert _day_cell(html, monday.date())[0] == "full"
        assert _day_cell(html, (monday + timedelta(days=1)).date())[0] == "partly"
        assert _day_cell(html, (monday + timedelta(days=2)).date())[0] == "closed"
        assert _day_cell(html, (monday + timedelta(days=3)).date())[0] == "free"
        assert "Fully booked" in html and "Partly booked" in html  # in words, not colours
        assert "Alice Secret" not in html and "Fête" not in html
        assert f"month={(monday.replace(day=1) - timedelta(days=1)):%Y-%m}" in html
        with api.env.adopt_roles(["Anonymous"]):
            html = _render("view", resource, request, month="not-a-month")
        assert "booking-month" in html and "Alice" not in html

    def test_day_sheet_for_managers_only(self, resource, integration):
        request = integration["request"]
        monday = next_monday(hour=10)
        with api.env.adopt_user("alice"):
            book(resource, monday, monday + timedelta(hours=2), requester_name="Alice Martin",
                 organisation="Chorale", purpose="Répétition")
            book(resource, monday + timedelta(days=1), monday + timedelta(days=1, hours=1),
                 requester_name="Autre Jour")
        with api.env.adopt_user("carol"):
            html = _render("day-sheet", resource, request, day=monday.date().isoformat())
        assert "Alice Martin" in html and "Chorale" in html and "10:00–12:00" in html
        assert "Autre Jour" not in html
        assert "@media print" in html
        with api.env.adopt_user("bob"), pytest.raises(Unauthorized):
            resource.restrictedTraverse("@@day-sheet")

    def test_dashboard_pending_first_and_managers_only(self, booking_site, integration):
        request = integration["request"]
        hall = make_resource(booking_site, "salle-a")
        other = make_resource(booking_site, "salle-b", manager_group="communesplone-population")
        monday = next_monday(hour=10)
        with api.env.adopt_user("alice"):
            early = book(hall, monday, monday + timedelta(hours=1), purpose="Tôt")
            late = book(hall, monday + timedelta(days=1), monday + timedelta(days=1, hours=1),
                        purpose="Tard")
            book(other, monday, monday + timedelta(hours=1), purpose="Ailleurs")
        with api.env.adopt_user("carol"):
            api.content.transition(obj=early, transition="confirm")
            html = _render("bookings-dashboard", booking_site, request)
        assert html.index("Tard") < html.index("Tôt")  # pending first
        assert "Ailleurs" not in html  # another service's resource
        assert html.count('value="confirm"') == 1 and html.count('value="refuse"') == 1
        assert late.UID() in html
        with api.env.adopt_user("carol"):
            html = _render("bookings-dashboard", booking_site, request, state="confirmed")
        assert "Tôt" in html and "Tard" not in html
        for user in ("alice", "bob"):
            with api.env.adopt_user(user), pytest.raises(Unauthorized):
                _render("bookings-dashboard", booking_site, request)

    def test_faceted_dashboard(self, booking_site, integration):
        from communesplone.core.faceted import collection_counts
        from communesplone.core.tables import LAYOUT
        from eea.facetednavigation.layout.interfaces import IFacetedLayout

        request = integration["request"]
        dashboard = booking_site["dashboard"]
        assert IFacetedLayout(dashboard).layout == LAYOUT
        hall = make_resource(booking_site, "salle-a")
        other = make_resource(booking_site, "salle-b", manager_group="communesplone-population")
        monday = next_monday(hour=10)
        with api.env.adopt_user("alice"):
            first = book(hall, monday, monday + timedelta(hours=1), purpose="Tôt")
            book(hall, monday + timedelta(days=1), monday + timedelta(days=1, hours=1),
                 purpose="Tard")
            book(other, monday, monday + timedelta(hours=1), purpose="Ailleurs")
        with api.env.adopt_user("carol"):
            api.content.transition(obj=first, transition="confirm")
            assert collection_counts(dashboard) == {"pending": 1, "confirmed": 1, "all": 2}
            html = _render("faceted_query", dashboard, request)
        assert "Tard" in html and "Tôt" not in html  # the pending collection opens first
        # one row, a box to select it, the batch actions of the table
        assert html.count('name="uids:list"') == 1 and 'value="confirm"' in html
        assert "Ailleurs" not in html
        with api.env.adopt_user("alice"):
            assert not api.user.has_permission("View", obj=dashboard)
        # (bob is asked once only: borg.localrole caches the answer for the request)
        # the manager group of another resource opens it and sees its own bookings only
        api.group.add_user(groupname="communesplone-population", username="bob")
        with api.env.adopt_user("bob"):
            assert api.user.has_permission("View", obj=dashboard)
            assert collection_counts(dashboard) == {"pending": 1, "confirmed": 0, "all": 1}
