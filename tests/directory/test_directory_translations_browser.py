"""An entry's translations in Chromium: one row a language (French and Dutch pages, on a
desktop and a phone), axe clean; a language named twice is refused beside its row and what
was typed is kept. Screenshots in $SCREENSHOTS (when set), for a person to look at."""

from browser import CHROMIUM
from browser import CHROMIUM_ARGS
from browser import _unavailable
from browser import axe_violations
from directoryhelpers import make_business
from formposts import AUTH
from pagechecks import DESKTOP
from pagechecks import PHONE
from pagechecks import assert_fit_for_people
from pathlib import Path

import base64
import os
import pytest
import transaction

AUTHORIZATION = "Basic " + base64.b64encode(":".join(AUTH).encode()).decode()
GRID = "#formfield-form-widgets-translations"
TEXTS = {"fr": ("Description courte", "Cette langue a déjà sa ligne plus haut"),
         "nl": ("Korte beschrijving", "Deze taal heeft al een rij hierboven")}
OPEN_TAB = """() => {
  const fieldset = document.querySelector('#formfield-form-widgets-translations')
    .closest('fieldset');
  const index = [...document.querySelectorAll('#form fieldset')].indexOf(fieldset);
  const links = document.querySelectorAll('.autotoc-nav a');
  if (links[index]) { links[index].click(); }
}"""


@pytest.fixture
def chromium():
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is missing")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.mark.parametrize("language", ["fr", "nl"])
def test_translations_are_rows_of_a_language(live, chromium, language):
    from plone import api

    api.portal.set_registry_record("communesplone.core.languages", ["fr", "nl"])
    business = make_business(live["directory"], "chez-alice", owner="alice", translations={
        "nl": {"title": "Bij Alice", "description": "Brood en gebak"},
        "de": {"text": "Hallo\n\nWelt"}})
    transaction.commit()
    folder = os.environ.get("SCREENSHOTS")
    label, twice = TEXTS[language]
    for size in (DESKTOP, PHONE):
        context = chromium.new_context(
            locale=language, viewport=size,
            extra_http_headers={"Accept-Language": language, "Authorization": AUTHORIZATION})
        page = context.new_page()
        page.goto(f"{business.absolute_url()}/@@edit")
        page.evaluate(OPEN_TAB)
        grid = page.locator(GRID)
        grid.scroll_into_view_if_needed()
        assert label in grid.inner_text()
        assert page.locator("[name='form.widgets.translations.0.widgets.title']"
                            ).input_value() == "Bij Alice"
        if folder:
            grid.screenshot(path=str(Path(folder) / f"translations-{language}-{size['width']}.png"))
        assert_fit_for_people(page, language, label=f"{language}/{size['width']}",
                              citizen=False, axe=False)
        # axe on the whole page, Plone's toolbar included (icons only on a phone)
        assert axe_violations(page) == []
        page.select_option("[name='form.widgets.translations.1.widgets.language:list']", "nl")
        page.fill("[name='form.widgets.translations.1.widgets.title']", "Tweede naam")
        page.click("#form-buttons-save")
        page.wait_for_load_state("load")
        page.evaluate(OPEN_TAB)
        cell = page.locator("#formfield-form-widgets-translations-1-widgets-language")
        cell.scroll_into_view_if_needed()
        assert twice in cell.inner_text()
        assert page.locator("[name='form.widgets.translations.1.widgets.title']"
                            ).input_value() == "Tweede naam"
        if folder:
            grid.screenshot(
                path=str(Path(folder) / f"translations-{language}-{size['width']}-refused.png"))
        assert axe_violations(page) == []
        context.close()
    transaction.begin()
    assert business.translations["nl"] == {"title": "Bij Alice", "description": "Brood en gebak"}
