"""Real HTTP: the date range of the managers' faceted dashboard (``@@faceted_query``).

The filter narrows what the reader may see anyway: the manager group of another
resource sees its own bookings only, staff of another service and anonymous
visitors get nothing.
"""

from bookinghelpers import PASSWORD
from bookinghelpers import book
from bookinghelpers import make_resource
from bookinghelpers import next_monday
from browser import page_fixture  # noqa: F401 - the ``page`` fixture
from communesplone.booking.dashboard import date_criterion
from datetime import timedelta
from plone import api

import pytest
import requests
import transaction

HOUR = timedelta(hours=1)
PURPOSES = ("Tôt", "Plus tard", "Ailleurs")


@pytest.fixture
def dashboard(live):
    folder = live["folder"]
    hall = live["resource"]
    other = make_resource(folder, "salle-b", manager_group="communesplone-population")
    monday = next_monday(weeks=2, hour=10)
    with api.env.adopt_user("alice"):
        book(hall, monday, monday + HOUR, purpose="Tôt")
        book(hall, monday + timedelta(weeks=1), monday + timedelta(weeks=1) + HOUR,
             purpose="Plus tard")
        book(other, monday, monday + HOUR, purpose="Ailleurs")
    api.group.add_user(groupname="communesplone-population", username="bob")
    api.user.create(email="dave@example.org", username="dave", password=PASSWORD)
    api.group.add_user(groupname="communesplone-economy", username="dave")
    transaction.commit()
    board = folder["dashboard"]
    return {"url": board.absolute_url(), "all": board["all"].UID(), "monday": monday,
            "cid": date_criterion(board)}


def _seen(board, user, first=None, last=None):
    """The purposes of the bookings that ``@@faceted_query`` lists for ``user``."""
    params = {"c1": board["all"]}
    if first:
        params[f"{board['cid']}[]"] = [first.isoformat(), last.isoformat()]
    answer = requests.get(f"{board['url']}/@@faceted_query", params=params, timeout=60,
                          auth=(user, PASSWORD) if user else None, allow_redirects=False)
    if answer.status_code != 200:
        assert answer.status_code in (302, 401, 403, 404), answer.status_code
        assert not any(purpose in answer.text for purpose in PURPOSES)
        return None
    return {purpose for purpose in PURPOSES if f"<td>{purpose}</td>" in answer.text}


class TestDashboardDates:
    """In one class: the test layer is set up once for them all, not once per test."""

    def test_the_date_range_filters_the_bookings_start(self, dashboard):
        day = dashboard["monday"].date()
        week = timedelta(weeks=1)
        assert dashboard["cid"] is not None
        assert _seen(dashboard, "carol") == {"Tôt", "Plus tard"}
        assert _seen(dashboard, "carol", day, day) == {"Tôt"}
        assert _seen(dashboard, "carol", day + week, day + week) == {"Plus tard"}
        assert _seen(dashboard, "carol", day - week, day + week) == {"Tôt", "Plus tard"}
        assert _seen(dashboard, "carol", day + timedelta(days=1),
                     day + timedelta(days=6)) == set()
        # the manager group of the other resource: its own booking only, dates or not
        assert _seen(dashboard, "bob") == {"Ailleurs"}
        assert _seen(dashboard, "bob", day, day) == {"Ailleurs"}
        assert _seen(dashboard, "bob", day + week, day + week) == set()
        # staff of another service, a citizen, anonymous: nothing at all
        for user in ("dave", "alice", None):
            assert not _seen(dashboard, user, day, day), user
            assert not _seen(dashboard, user), user

    @pytest.mark.browser
    def test_the_dashboard_page_with_its_date_range_is_accessible(self, dashboard, page):
        import base64

        from browser import axe_violations

        credentials = base64.b64encode(f"carol:{PASSWORD}".encode()).decode()
        page.set_extra_http_headers({"Authorization": f"Basic {credentials}"})
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("console", lambda message: errors.append(message.text)
                if message.type == "error" else None)
        page.goto(dashboard["url"])
        page.wait_for_load_state("networkidle")
        cid = dashboard["cid"]
        page.wait_for_selector(".dashboard-table")  # the results, loaded by the page
        assert "Tôt" in page.locator(".dashboard-table").inner_text()
        assert page.locator(f"#{cid}-start-input").is_visible()  # axe skips hidden parts
        label = page.locator(f"label[for={cid}-start-input]").inner_text().strip()
        assert label == "From (yyyy-mm-dd)"  # the test site's language is English
        assert axe_violations(page, include=[f"#{cid}_widget"]) == []
        # the whole dashboard (core mends the collection widget's list and the
        # unnamed selects of every faceted page)
        assert axe_violations(page) == []
        # the widget filters in the browser too: the second week only
        later = (dashboard["monday"] + timedelta(weeks=1)).date().isoformat()
        # typed, as a keyboard user does; Enter picks the typed day in the date picker
        page.locator(f"#{cid}-start-input").press_sequentially(later)
        page.press(f"#{cid}-start-input", "Enter")
        page.locator(f"#{cid}-end-input").press_sequentially(later)
        page.press(f"#{cid}-end-input", "Enter")
        page.wait_for_function(
            "() => { const results = document.querySelector('.dashboard-table');"
            " return results && results.innerText.includes('Plus tard')"
            " && !results.innerText.includes('Tôt'); }", timeout=15000)
        assert errors == []
