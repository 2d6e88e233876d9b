"""In Chromium: anonymous opens the directory and an entry; axe finds no WCAG 2.1 AA
violation in ``#content``; the list works without the map's scripts."""

from browser import axe_violations
from browser import page_fixture  # noqa: F401 (the ``page`` fixture)
from directoryhelpers import make_business

import transaction


def test_listing_and_entry_are_accessible(live, page):
    directory = live["directory"]
    make_business(directory, "boulangerie-dubois", title="Boulangerie Dubois",
                  description="Pain au levain", phone="081 22 14 30",
                  website="https://www.dubois.be", payment_methods=["cash"],
                  accessibility=["wheelchair"])
    make_business(directory, "en-attente", title="Secret en attente", state="pending")
    transaction.commit()
    # the CDN is not reachable from the tests: the map is left out, the list stays
    page.route("https://unpkg.com/**", lambda route: route.abort())
    page.goto(live["url"])
    assert page.locator("#content h1").inner_text() == "Entreprises"
    assert page.locator(".directory-results li").count() == 1
    assert "Secret" not in page.content()
    assert axe_violations(page, include=["#content"]) == []
    page.locator("#directory-q").fill("dubois")
    page.locator(".directory-search button[type=submit]").click()
    page.wait_for_load_state()
    assert "q=dubois" in page.url
    page.get_by_role("link", name="Boulangerie Dubois").click()
    page.wait_for_load_state()
    assert page.locator("#content h1").inner_text() == "Boulangerie Dubois"
    assert page.locator(".business-hours li").count() == 8
    assert axe_violations(page, include=["#content"]) == []
    # the proposal form
    page.goto(f"{live['url']}/@@propose-business")
    assert page.locator("#form-widgets-title").count() == 1
    assert not page.locator("#formfield-form-widgets-homepage").is_visible()
    assert axe_violations(page, include=["#content"]) == []
