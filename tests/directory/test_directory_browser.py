"""In Chromium: anonymous opens the directory and an entry; axe finds no WCAG 2.1 AA
violation in ``#content``; the maps draw the published entries (Leaflet is served
by the site; the OpenStreetMap tiles are not reachable from the tests and are
refused, which the map survives)."""

from browser import axe_violations
from browser import page_fixture  # noqa: F401 (the ``page`` fixture)
from directoryhelpers import make_business

import requests
import transaction


def test_listing_and_entry_are_accessible(live, page):
    directory = live["directory"]
    make_business(directory, "boulangerie-dubois", title="Boulangerie Dubois",
                  description="Pain au levain", phone="081 22 14 30",
                  website="https://www.dubois.be", payment_methods=["cash"],
                  accessibility=["wheelchair"])
    make_business(directory, "en-attente", title="Secret en attente", state="pending")
    transaction.commit()
    page.route("https://tile.openstreetmap.org/**", lambda route: route.abort())
    page.goto(live["url"])
    assert page.locator("#content h1").inner_text() == "Entreprises"
    assert page.locator(".directory-results li").count() == 1
    page.wait_for_selector("#directory-map[data-markers='1']")
    assert page.locator("#directory-map .leaflet-marker-icon").count() == 1
    assert "Secret" not in page.content()
    assert axe_violations(page) == []
    page.locator("#directory-q").fill("dubois")
    page.locator(".directory-search button[type=submit]").click()
    page.wait_for_load_state()
    assert "q=dubois" in page.url
    page.get_by_role("link", name="Boulangerie Dubois").click()
    page.wait_for_load_state()
    assert page.locator("#content h1").inner_text() == "Boulangerie Dubois"
    assert page.locator(".business-hours tr").count() == 7
    assert page.locator(".business-closures li").count() == 1
    assert axe_violations(page) == []
    # the proposal form
    page.goto(f"{live['url']}/@@propose-business")
    assert page.locator("#form-widgets-title").count() == 1
    assert not page.locator("#formfield-form-widgets-homepage").is_visible()
    assert axe_violations(page) == []


def test_faceted_listing_works_and_is_accessible(live, page):
    """The faceted listing in Chromium: results by JavaScript, a locality filter,
    no WCAG violation on the whole page (Plone's chrome included)."""
    from browser import assert_accessible

    directory = live["directory"]
    make_business(directory, "boulangerie-dubois", title="Boulangerie Dubois")
    make_business(directory, "boucherie-jambes", title="Boucherie de Jambes",
                  locality="Jambes", postcode="5100")
    make_business(directory, "en-attente", title="Secret en attente", state="pending")
    transaction.commit()
    page.route("https://tile.openstreetmap.org/**", lambda route: route.abort())
    page.goto(f"{live['url']}/search")
    results = page.locator("#faceted-results")
    results.get_by_text("Boulangerie Dubois").wait_for()
    assert "Boucherie de Jambes" in results.inner_text()
    assert "Secret" not in page.content()
    # the map under the results holds the two published entries
    page.wait_for_selector("#directory-map[data-markers='2']")
    assert_accessible(page, "faceted listing with its map")
    # HTML fit for assistive technology and the Nu checker: labels without <wbr> markup
    # (lxml writes a stray </wbr>), every widget's form has a submit button, and the
    # cluster of the two markers (same place) is a button with a name, not a bare "2"
    assert "wbr" not in requests.get(f"{live['url']}/search", timeout=60).text
    assert page.evaluate("() => Array.from(document.querySelectorAll('.faceted-widget form'))"
                         ".filter(f => !f.querySelector('[type=submit]')).length") == 0
    page.get_by_role("button", name="2 entries here: zoom in").wait_for()
    page.locator("#c3 input[value='Jambes'], input[id^='c3_'][value='Jambes']").first.check()
    page.wait_for_function(
        "() => { const text = document.querySelector('#faceted-results').innerText;"
        " return text.includes('Boucherie de Jambes') && !text.includes('Dubois'); }")
    assert "c3=Jambes" in page.url
    # ... and follows the filter: one marker left, the one of Jambes
    page.wait_for_selector("#directory-map[data-markers='1']")
    marker = page.locator("#directory-map .leaflet-marker-icon")
    assert marker.count() == 1
    assert marker.get_attribute("title") == "Boucherie de Jambes"
    page.get_by_role("link", name="Simple list (works without JavaScript)").click()
    page.wait_for_load_state()
    assert page.url.rstrip("/") == live["url"]
