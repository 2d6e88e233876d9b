"""Chromium: the language switch works with the keyboard alone, on a desktop and a
phone, and the pages it leads to are fit for people (no scroll, axe-core clean)."""

from browser import page_fixture  # noqa: F401 - the ``page`` fixture
from pagechecks import DESKTOP
from pagechecks import PHONE
from pagechecks import assert_fit_for_people
from plone import api

import pytest
import transaction


@pytest.fixture
def bilingual(functional):
    """A commune serving French (its default) and Dutch, with an e-guichet."""
    portal = functional["portal"]
    api.portal.set_registry_record("plone.default_language", "fr")
    api.portal.set_registry_record("communesplone.core.languages", ["fr", "nl"])
    with api.env.adopt_roles(["Manager"]):
        api.content.create(
            container=portal, type="DocumentCatalog", id="e-guichet", title="E-guichet",
            description="Commandez vos documents en ligne.", title_nl="E-loket",
            description_nl="Bestel uw documenten online.")
    transaction.commit()
    return portal.absolute_url()


def _tab_to(page, hreflang, limit=60):
    """Press Tab until the switch's link to ``hreflang`` has the focus."""
    for _press in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.getAttribute('hreflang')") == hreflang:
            return
    raise AssertionError(f"the link to {hreflang} is not reachable with Tab")


def _lang(page):
    return page.evaluate("() => document.documentElement.lang")


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1366", "390"])
def test_switch_with_the_keyboard(bilingual, page, viewport):
    page.set_viewport_size(viewport)
    width = viewport["width"]
    page.goto(f"{bilingual}/e-guichet")
    assert _lang(page) == "fr"
    assert page.locator("h1").first.inner_text() == "E-guichet"
    nav = page.get_by_role("navigation", name="Langue")
    assert nav.is_visible()
    assert nav.get_by_role("link", name="Français").get_attribute("aria-current") == "true"
    assert_fit_for_people(page, "fr", label=f"e-guichet fr {width}", axe=True)

    _tab_to(page, "nl")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert _lang(page) == "nl"
    assert page.locator("h1").first.inner_text() == "E-loket"
    nav = page.get_by_role("navigation", name="Taal")
    assert nav.get_by_role("link", name="Nederlands").get_attribute("aria-current") == "true"
    assert_fit_for_people(page, "nl", label=f"e-loket nl {width}", axe=True)

    # remembered: the front page is Dutch too, and back to French with the keyboard
    page.goto(bilingual)
    assert _lang(page) == "nl"
    assert_fit_for_people(page, "nl", label=f"front page nl {width}", axe=True)
    _tab_to(page, "fr")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert _lang(page) == "fr"
    assert_fit_for_people(page, "fr", label=f"front page fr {width}", axe=True)
