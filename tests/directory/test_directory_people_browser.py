"""The directory as a citizen uses it, in Chromium, in French and Dutch, at 1366 and
390 px: the search page (a result list, filters with their counts, results before the
filters on a phone, filters and map behind buttons that the keyboard opens, the map
beside the list on a wide screen), an entry's page, and the proposal form that reads
the hours as people write them.

The Dutch pages are those of a site whose language is Dutch: ``?set_language=nl`` does
not switch the language in this branch (the language switch is another part of the
portal's work)."""

from browser import page_fixture  # noqa: F401 (the ``page`` fixture)
from directoryhelpers import make_business
from directoryhelpers import make_directory
from directoryhelpers import make_people
from pagechecks import DESKTOP
from pagechecks import PHONE
from pagechecks import assert_fit_for_people
from plone import api
from test_directory_faceted import hours_around_now

import pytest
import transaction

WORDS = {
    "fr": {"open": "Ouvert maintenant", "closed": "Fermé maintenant", "filters": "Filtres",
           "map": "Carte", "active": "(1 actifs)", "monday": "lundi", "closed_day": "fermé",
           "read_back": "de 9 h 30 à 12 h et de 13 h à 17 h 30",
           "done": "Voir les résultats"},
    "nl": {"open": "Nu open", "closed": "Nu gesloten", "filters": "Filters",
           "map": "Kaart", "active": "(1 actief)", "monday": "maandag", "closed_day": "gesloten",
           "read_back": "van 9.30 u tot 12.00 u en van 13.00 u tot 17.30 u",
           "done": "Toon de resultaten"},
}


@pytest.fixture(params=["fr", "nl"])
def site(request, functional):
    """A site in French or in Dutch (made in that language: the listing's filter titles
    are written in the site's language when the listing is made)."""
    language = request.param
    api.portal.set_registry_record("plone.available_languages", [language])
    api.portal.set_registry_record("plone.default_language", language)
    make_people()
    directory = make_directory(functional["portal"])
    if language == "nl":  # a Dutch reader reads the categories in Dutch
        directory.category_names_nl = [
            "Commerce = Handel", "Alimentation = Voeding", "Boulangerie = Bakkerij",
            "Boucherie = Slagerij", "Habillement = Kleding", "Artisans = Ambachtslieden",
            "Menuisier = Schrijnwerker", "Commerce équitable = Eerlijke handel"]
    opened, closed = hours_around_now()
    make_business(directory, "boulangerie-namur", title="Boulangerie Namuroise",
                  opening_hours=opened, phone="081 22 14 30")
    make_business(directory, "boucherie-jambes", title="Boucherie de Jambes",
                  locality="Jambes", postcode="5100", opening_hours=closed,
                  categories=["Commerce > Alimentation > Boucherie"])
    make_business(directory, "badminton", title="Badminton Club Jambes Extraordinaire",
                  locality="Jambes", postcode="5100", opening_hours={},
                  categories=["Artisans > Menuisier"])
    transaction.commit()
    return {"language": language, "words": WORDS[language], "directory": directory,
            "url": directory.absolute_url()}


def _open_search(page, site, size):
    page.set_viewport_size(size)
    page.route("https://tile.openstreetmap.org/**", lambda route: route.abort())
    page.goto(f"{site['url']}/search")
    page.locator(".directory-result").first.wait_for()
    page.wait_for_selector("#directory-map[data-markers='3']", state="attached")


def _box(page, selector):
    return page.locator(selector).first.bounding_box()


def test_search_page_on_a_wide_screen(site, page):
    words = site["words"]
    _open_search(page, site, DESKTOP)
    results = page.locator(".directory-result")
    assert results.count() == 3
    first = results.filter(has_text="Boulangerie Namuroise")
    assert words["open"] in first.inner_text() and "Namur" in first.inner_text()
    closed = results.filter(has_text="Boucherie de Jambes").inner_text()
    assert words["closed"] in closed and "Boucherie" in closed and "Jambes" in closed
    assert page.locator(".directory-result-thumb").count() == 0  # no logo, no image box
    # a filter with its count
    jambes = page.locator("#c3_widget label", has_text="Jambes")
    jambes.filter(has_text="(2)").wait_for()
    # the name is never cut inside a word: one word per line at most, never half
    title = page.locator(".directory-result-title", has_text="Badminton")
    assert title.evaluate("e => getComputedStyle(e).wordBreak") == "normal"
    # the map beside the list, level with it; the filters on the left
    listing, map_box, filters = (_box(page, "#faceted-results"), _box(page, "#directory-map"),
                                 _box(page, "#left-area"))
    assert map_box["x"] >= listing["x"] + listing["width"] - 1
    assert map_box["y"] < listing["y"] + 200
    assert filters["x"] + filters["width"] <= listing["x"] + 1
    assert not page.locator(".directory-filters-toggle").is_visible()
    assert_fit_for_people(page, site["language"], "search, wide screen")
    # a filter narrows the list and the map
    page.locator("#c3_widget input[value='Jambes']").check()
    _results_shown(page, 2)
    page.wait_for_selector("#directory-map[data-markers='2']", state="attached")


def _results_shown(page, count):
    """``count`` results, shown in full: eea.facetednavigation fades the new results
    in, and axe measures a half-faded text's contrast as too low."""
    page.wait_for_function(
        "(count) => { const results = document.querySelectorAll('.directory-result');"
        " if (results.length !== count) return false;"
        " for (let e = results[0]; e; e = e.parentElement)"
        "   if (parseFloat(getComputedStyle(e).opacity) < 1) return false;"
        " return true; }", arg=count)


def test_search_page_on_a_phone(site, page):
    words = site["words"]
    _open_search(page, site, PHONE)
    toggle = page.get_by_role("button", name=words["filters"])
    map_toggle = page.get_by_role("button", name=words["map"])
    assert toggle.is_visible() and map_toggle.is_visible()
    # the results first: the filters folded, the first result above any filter
    assert not page.locator("#left-area").is_visible()
    assert not page.locator("#directory-map").is_visible()
    assert _box(page, ".directory-result")["y"] < 844
    assert toggle.get_attribute("aria-expanded") == "false"
    assert_fit_for_people(page, site["language"], "search, phone")
    # the keyboard unfolds the filters, a filter counts on the button, and folds them
    toggle.focus()
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    assert page.locator("#left-area").is_visible()
    assert _box(page, "#left-area")["y"] < _box(page, "#faceted-results")["y"]
    page.locator("#c3_widget input[value='Jambes']").check()
    _results_shown(page, 2)
    assert words["active"] in toggle.inner_text()
    assert_fit_for_people(page, site["language"], "search, phone, filters open")
    toggle.focus()
    page.keyboard.press("Space")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not page.locator("#left-area").is_visible()
    # or, at the end of the filters, a button that folds them and goes to the results
    page.keyboard.press("Enter")
    done = page.get_by_role("button", name=words["done"])
    done.focus()
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert page.evaluate("document.activeElement.id") == "faceted-results"
    # the map behind its own button
    map_toggle.focus()
    page.keyboard.press("Enter")
    assert page.locator("#directory-map").is_visible()
    assert _box(page, "#directory-map")["height"] > 200


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["1366", "390"])
def test_business_page(site, page, size):
    words = site["words"]
    page.set_viewport_size(size)
    page.route("https://tile.openstreetmap.org/**", lambda route: route.abort())
    page.goto(f"{site['url']}/boulangerie-namur")
    rows = page.locator(".business-hours-table tr")
    assert rows.count() == 7
    first = rows.first.inner_text()
    assert words["monday"] in first
    assert any(words["closed_day"] in rows.nth(i).inner_text() for i in range(7))
    assert page.locator(".business-contact a[href^='tel:']").inner_text() == "081 22 14 30"
    page.wait_for_selector("#directory-map[data-markers='1']", state="attached")
    assert_fit_for_people(page, site["language"], f"entry at {size['width']} px")


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["1366", "390"])
def test_proposal_form_reads_hours_as_people_write_them(site, page, size, smtp_server):
    from communesplone.directory.registration import LIMITER
    from smtp import use_server

    LIMITER.reset()
    use_server(smtp_server.port)
    transaction.commit()
    words = site["words"]
    page.set_viewport_size(size)
    page.route("https://tile.openstreetmap.org/**", lambda route: route.abort())
    page.goto(f"{site['url']}/@@propose-business")
    assert_fit_for_people(page, site["language"], f"proposal form at {size['width']} px")
    page.locator("#form-widgets-submitter_email").fill("marie@dubois.be")
    page.locator("#form-widgets-title").fill("Boulangerie Dubois")
    hours = page.locator("#form-widgets-opening_hours")
    # what is not understood is named, and what was typed stays
    hours.fill("9h30-12h le matin")
    page.locator("#form-buttons-send").click()
    page.wait_for_load_state()
    error = page.locator("#formfield-form-widgets-opening_hours .invalid-feedback, "
                         "#formfield-form-widgets-opening_hours .fieldErrorBox").first
    assert "matin" in error.inner_text()
    assert hours.input_value() == "9h30-12h le matin"
    assert page.locator("#form-widgets-title").input_value() == "Boulangerie Dubois"
    assert_fit_for_people(page, site["language"], "proposal form with an error")
    hours.fill("9h30-12h, 13h-17h30")
    page.locator("#form-buttons-send").click()
    page.wait_for_load_state()
    read = page.locator(".proposal-hours li")
    assert read.count() == 7
    assert words["read_back"] in read.first.inner_text()
    assert_fit_for_people(page, site["language"], "proposal sent")
    LIMITER.reset()
