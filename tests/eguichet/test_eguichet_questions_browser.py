"""The questions of a document type in Chromium: blocks of fields in French and Dutch,
on a desktop and a phone; a choice without options is refused beside its field, what
was typed is kept. Screenshots in $SCREENSHOTS (when set), for a person to look at."""

from browser import CHROMIUM
from browser import CHROMIUM_ARGS
from browser import _unavailable
from browser import axe_violations
from pagechecks import DESKTOP
from pagechecks import PHONE
from pagechecks import assert_fit_for_people
from pathlib import Path
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD

import base64
import os
import pytest
import transaction

AUTHORIZATION = "Basic " + base64.b64encode(
    f"{SITE_OWNER_NAME}:{SITE_OWNER_PASSWORD}".encode()).decode()
GRID = "#formfield-form-widgets-order_fields"
QUESTIONS = [
    {"name": "purpose", "type": "choice", "required": True,
     "label": {"fr": "Motif", "nl": "Reden", "en": "Purpose"},
     "options": ["employeur", "école", "autre"]},
    {"name": "pages", "type": "number", "required": True, "min": 1, "max": 20,
     "label": {"fr": "Nombre de documents", "nl": "Aantal documenten"}},
]
TEXTS = {"fr": ("Choix dans une liste", "Un choix a besoin de ses options"),
         "nl": ("Keuze uit een lijst", "Een keuze heeft haar opties nodig")}


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
def test_questions_are_blocks_of_fields(live, chromium, language):
    doctype = live.residence
    from plone import api

    api.portal.set_registry_record("communesplone.core.languages", ["fr", "nl"])
    doctype.order_fields = [dict(q) for q in QUESTIONS]
    doctype.title = {"fr": "Certificat de résidence", "nl": "Bewijs van woonst"}[language]
    doctype.reindexObject()
    transaction.commit()
    folder = os.environ.get("SCREENSHOTS")
    type_title, no_options = TEXTS[language]
    for size in (DESKTOP, PHONE):
        context = chromium.new_context(
            locale=language, viewport=size,
            extra_http_headers={"Accept-Language": language, "Authorization": AUTHORIZATION})
        page = context.new_page()
        page.goto(f"{doctype.absolute_url()}/@@edit")
        grid = page.locator(GRID)
        grid.scroll_into_view_if_needed()
        assert page.locator("[name='form.widgets.order_fields.0.widgets.label_fr']"
                            ).input_value() == "Motif"
        assert type_title in grid.inner_text()
        if folder:
            grid.screenshot(path=str(Path(folder) / f"questions-{language}-{size['width']}.png"))
        assert_fit_for_people(page, language, label=f"{language}/{size['width']}",
                              citizen=False, axe=False)
        # axe on the whole page, Plone's toolbar included (icons only on a phone)
        assert axe_violations(page) == []
        # a choice left without options: the message in its row, the rest kept
        page.fill("[name='form.widgets.order_fields.0.widgets.options']", "")
        page.fill("[name='form.widgets.order_fields.1.widgets.label_nl']", "Aantal pagina's")
        page.click("#form-buttons-save")
        page.wait_for_load_state("load")
        cell = page.locator(".fieldname-form\\.widgets\\.order_fields\\.0\\.widgets\\.options")
        assert no_options in cell.inner_text()
        assert page.locator("[name='form.widgets.order_fields.1.widgets.label_nl']"
                            ).input_value() == "Aantal pagina's"
        if folder:
            cell.scroll_into_view_if_needed()
            page.screenshot(path=str(Path(folder) / f"questions-error-{language}-"
                                     f"{size['width']}.png"))
        assert_fit_for_people(page, language, label=f"{language}/{size['width']} error",
                              citizen=False, axe=False)
        # axe on the whole page, Plone's toolbar included (icons only on a phone)
        assert axe_violations(page) == []
        context.close()
    transaction.begin()
    assert doctype.order_fields == QUESTIONS
