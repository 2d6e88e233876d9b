"""In Chromium, as an anonymous visitor of the demo commune: the front page, a legal
page and the search, at 1366 and 390 px, fit for people (``assert_fit_for_people``);
the commune's logo and footer on every page, no Plone logo or copyright."""

from browser import page_fixture  # noqa: F401 (the ``page`` fixture)
from pagechecks import DESKTOP
from pagechecks import PHONE
from pagechecks import assert_fit_for_people
from plone import api

import pytest
import transaction


@pytest.fixture
def live(functional):
    from communesplone.policy.demo import post_install

    from communesplone.policy.presets import load_preset

    portal = functional["portal"]
    api.portal.set_registry_record("plone.default_language", "fr")
    # the demo commune's settings, as `make start` gives them
    for key, value in load_preset("demo").commune.items():
        api.portal.set_registry_record(f"communesplone.core.{key}", value)
    api.portal.set_registry_record("communesplone.core.languages", ["fr", "nl"])
    post_install(None)
    transaction.commit()
    return portal.absolute_url()


def assert_commune_chrome(page):
    """The commune's header and footer, nothing of Plone's branding but a small link."""
    brand = page.locator("#portal-logo.cp-brand")
    assert brand.inner_text().strip() == "Commune de Démo"
    assert "@@site-logo/logo-commune-de-demo.svg" in brand.locator("img").get_attribute("src")
    assert page.locator("img[src*='plone-logo']").count() == 0
    footer = page.locator("#communesplone-footer")
    text = footer.inner_text()
    for expected in ("5000 Namur", "+32 81 00 00 00", "info@demo.communesplone.be",
                     "Lundi au vendredi : 8 h 30 – 12 h", "Déclaration d'accessibilité",
                     "Protection de la vie privée", "Propulsé par Plone"):
        assert expected in text
    body = page.locator("body").inner_text()
    assert "Fondation Plone" not in body and "GNU GPL" not in body
    assert "Every CommunesPlone" not in body


@pytest.mark.browser
def test_front_page_for_an_anonymous_visitor(live, page):
    for viewport in (DESKTOP, PHONE):
        page.set_viewport_size(viewport)
        page.goto(live)
        content = page.locator("#content")
        tiles = content.locator("a.cp-tile")
        assert [tiles.nth(i).locator(".cp-tile-title").inner_text() for i in range(4)] == [
            "Demander un document", "Réserver une salle ou du matériel",
            "Commerces et associations", "Conseil communal"]
        assert "Séance publique du conseil communal" in content.inner_text()
        assert "Openbare zitting" not in content.inner_text()
        assert "Lundi au vendredi : 8 h 30 – 12 h" in content.inner_text()
        assert_commune_chrome(page)
        assert_fit_for_people(page, "fr", label=f"front page at {viewport['width']}")
    # every tile leads to a page that answers
    for href in [tiles.nth(i).get_attribute("href") for i in range(4)]:
        response = page.goto(href)
        assert response.status == 200, href


@pytest.mark.browser
def test_navigation_search_and_legal_pages(live, page):
    page.set_viewport_size(DESKTOP)
    page.goto(live)
    nav = page.locator("#portal-globalnav")
    # the news and events folders of this test site were made in English ("News",
    # "Events"); the policy gives them their title in the commune's other languages
    for name in ("E-guichet", "Réserver une salle ou du matériel",
                 "Commerces et associations", "Conseil communal", "Actualités", "Agenda"):
        assert nav.get_by_role("link", name=name, exact=True).count() == 1, name
    page.locator("#searchGadget").fill("naissance")
    page.locator("#searchGadget").press("Enter")
    page.wait_for_load_state()
    assert "Extrait d'acte de naissance" in page.locator("#search-results").inner_text()
    for viewport in (DESKTOP, PHONE):
        page.set_viewport_size(viewport)
        page.goto(f"{live}/@@search?SearchableText=boulangerie")
        assert "Boulangerie Dubois" in page.locator("#search-results").inner_text()
        assert_commune_chrome(page)
        assert_fit_for_people(page, "fr", label=f"search at {viewport['width']}")
        page.goto(live)
        page.locator("#communesplone-footer").get_by_role(
            "link", name="Déclaration d'accessibilité").click()
        page.wait_for_load_state()
        assert page.locator("h1").inner_text() == "Déclaration d'accessibilité"
        assert_commune_chrome(page)
        assert_fit_for_people(page, "fr", label=f"statement at {viewport['width']}")
