"""A resource's closures in Chromium: rows of dates in French and Dutch, on a desktop and a
phone; a period that ends before it starts is refused beside its date, what was typed is
kept. Screenshots in $SCREENSHOTS (when set), for a person to look at."""

from formposts import AUTH
from browser import CHROMIUM
from browser import CHROMIUM_ARGS
from browser import _unavailable
from browser import axe_violations
from pagechecks import DESKTOP
from pagechecks import PHONE
from pagechecks import assert_fit_for_people
from pathlib import Path

import base64
import os
import pytest
import transaction

AUTHORIZATION = "Basic " + base64.b64encode(":".join(AUTH).encode()).decode()
GRID = "#formfield-form-widgets-closures"
TEXTS = {"fr": ("Fermé à partir du", "Le dernier jour précède le premier."),
         "nl": ("Gesloten vanaf", "De laatste dag valt vóór de eerste.")}
OPEN_TAB = """() => {
  const fieldset = document.querySelector('#formfield-form-widgets-closures').closest('fieldset');
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
def test_closures_are_rows_of_dates(live, chromium, language):
    from plone import api

    api.portal.set_registry_record("communesplone.core.languages", ["fr", "nl"])
    resource = live["resource"]
    resource.closures = ["2026-12-24", "2026-12-25/2026-12-31"]
    resource.title = {"fr": "Salle du conseil", "nl": "Raadzaal"}[language]
    resource.reindexObject()
    transaction.commit()
    folder = os.environ.get("SCREENSHOTS")
    first_label, wrong_order = TEXTS[language]
    for size in (DESKTOP, PHONE):
        context = chromium.new_context(
            locale=language, viewport=size,
            extra_http_headers={"Accept-Language": language, "Authorization": AUTHORIZATION})
        page = context.new_page()
        page.goto(f"{live['url']}/@@edit")
        page.evaluate(OPEN_TAB)
        grid = page.locator(GRID)
        grid.scroll_into_view_if_needed()
        assert first_label in grid.inner_text()
        assert page.locator("[name='form.widgets.closures.1.widgets.last']"
                            ).input_value() == "2026-12-31"
        if folder:
            grid.screenshot(path=str(Path(folder) / f"closures-{language}-{size['width']}.png"))
        assert_fit_for_people(page, language, label=f"{language}/{size['width']}",
                              citizen=False, axe=False)
        # axe on the whole page, Plone's toolbar included (icons only on a phone)
        assert axe_violations(page) == []
        page.fill("[name='form.widgets.closures.1.widgets.last']", "2026-12-20")
        page.click("#form-buttons-save")
        page.wait_for_load_state("load")
        page.evaluate(OPEN_TAB)
        cell = page.locator("#formfield-form-widgets-closures-1-widgets-last")
        cell.scroll_into_view_if_needed()
        assert wrong_order in cell.inner_text()
        # the empty row kept for a new closure is not an error
        assert page.locator(f"{GRID} .auto-append .invalid-feedback").count() == 0
        assert page.locator("[name='form.widgets.closures.1.widgets.last']"
                            ).input_value() == "2026-12-20"
        if folder:
            page.screenshot(path=str(Path(folder) / f"closures-error-{language}-"
                                     f"{size['width']}.png"))
        assert_fit_for_people(page, language, label=f"{language}/{size['width']} error",
                              citizen=False, axe=False)
        assert axe_violations(page) == []
        context.close()
    transaction.begin()
    assert resource.closures == ["2026-12-24", "2026-12-25/2026-12-31"]
