"""Chromium: a citizen opens "Mon espace" / "Mijn ruimte" from the user menu, on a
phone and on a desktop, in French and in Dutch; nothing of the editing UI."""

from browser import axe_violations
from browser import page_fixture  # noqa: F401 - the ``page`` fixture
from myspacehelpers import PASSWORD
from myspacehelpers import make_commune
from pagechecks import DESKTOP
from pagechecks import PHONE
from pagechecks import assert_fit_for_people
from pagechecks import horizontal_overflow
from pagechecks import text_defects
from pagechecks import toolbar_shown
from pagechecks import visible_text

import base64
import pytest

TEXTS = {
    "fr": {"title": "Mon espace", "orders": "Mes demandes de documents",
           "empty": "Vous n'avez encore rien commandé.", "action": "Demander un document",
           "bookings": "Mes réservations"},
    "nl": {"title": "Mijn ruimte", "orders": "Mijn aanvragen van documenten",
           "empty": "U hebt nog niets besteld.", "action": "Een document aanvragen",
           "bookings": "Mijn reservaties"},
}


@pytest.fixture
def commune(functional):
    return make_commune(functional["portal"])


@pytest.fixture
def browse(page):
    """``browse(user, language, viewport, url)``: a page of a browser speaking
    ``language`` (Chromium sends its locale as Accept-Language), logged in as ``user``."""
    contexts = {}

    def open_(user, language, viewport, url):
        if language not in contexts:
            contexts[language] = page.context.browser.new_context(locale=language)
            contexts[language].new_page()
        tab = contexts[language].pages[0]
        credentials = base64.b64encode(f"{user}:{PASSWORD}".encode()).decode()
        tab.set_extra_http_headers({"Authorization": f"Basic {credentials}"})
        tab.set_viewport_size(viewport)
        tab.goto(url)
        tab.wait_for_load_state("load")
        return tab

    yield open_
    for context in contexts.values():
        context.close()


@pytest.mark.parametrize("language", ["fr", "nl"])
def test_my_space_of_a_citizen(commune, browse, language):
    words = TEXTS[language]
    for viewport in (PHONE, DESKTOP):
        # reached from the user menu, its first entry
        page = browse("alice", language, viewport, commune.url)
        menu = page.locator("#portal-membertools li a")
        assert menu.first.inner_text().strip() == words["title"]
        assert menu.first.get_attribute("href") == f"{commune.url}/@@my-space"
        page = browse("alice", language, viewport, f"{commune.url}/@@my-space")
        assert page.locator("h1").inner_text() == words["title"]
        orders = page.locator("#myspace-orders")
        assert orders.locator("h2").inner_text() == words["orders"]
        assert commune.order.reference in orders.inner_text()
        bookings = page.locator("#myspace-bookings")
        assert bookings.locator("h2").inner_text() == words["bookings"]
        assert "Salle du conseil" in bookings.inner_text()
        assert "Librairie Dupont" in page.locator("#myspace-entries").inner_text()
        assert page.locator("#myspace-identity a.btn").count() == 1  # raise my level
        # Every check of assert_fit_for_people but the English words: the order's state
        # is its workflow title, translated by the catalogues (issue 14, item 3).
        text = visible_text(page)
        assert [d for d in text_defects(text, language) if d[0] != "english"] == []
        assert horizontal_overflow(page) == 0
        assert not toolbar_shown(page)
        assert axe_violations(page) == []


@pytest.mark.parametrize("language", ["fr", "nl"])
def test_empty_space_says_what_to_do(commune, browse, language):
    words = TEXTS[language]
    for viewport in (PHONE, DESKTOP):
        page = browse("bob", language, viewport, f"{commune.url}/@@my-space")
        orders = page.locator("#myspace-orders")
        assert words["empty"] in orders.inner_text()
        assert orders.locator("a.btn").inner_text() == words["action"]
        assert orders.locator("a.btn").get_attribute("href") == commune.guichet.absolute_url()
        assert_fit_for_people(page, language, f"my space of bob, {language}, {viewport}")


def test_no_toolbar_for_a_citizen_on_what_they_own(commune, browse):
    for obj in (commune.order, commune.booking, commune.room, commune.business):
        page = browse("alice", "fr", PHONE, obj.absolute_url())
        assert not toolbar_shown(page), obj.absolute_url()
    page = browse("carol", "fr", DESKTOP, commune.room.absolute_url())
    assert toolbar_shown(page)  # the clerk of the facilities keeps it
