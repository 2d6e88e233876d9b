"""The "Identity providers" control panel in Chromium: one block a provider (French and
Dutch, desktop and phone), axe clean; an http issuer is refused beside its cell and what
was typed is kept. Screenshots in $SCREENSHOTS (when set), for a person to look at."""

from browser import CHROMIUM
from browser import CHROMIUM_ARGS
from browser import _unavailable
from browser import axe_violations
from formposts import AUTH
from pagechecks import DESKTOP
from pagechecks import PHONE
from pagechecks import assert_fit_for_people
from pathlib import Path

import base64
import json
import os
import pytest
import transaction

AUTHORIZATION = "Basic " + base64.b64encode(":".join(AUTH).encode()).decode()
GRID = "#formfield-form-widgets-providers"
ISSUER = "[name='form.widgets.providers.0.widgets.issuer']"
TEXTS = {"fr": ("Niveaux des réponses (acr)", "est une adresse https"),
         "nl": ("Niveaus van de antwoorden (acr)", "is een https-adres")}
FAS = {"id": "fas", "title": "CSAM (itsme, eID, TOTP)",
       "issuer": "https://idp.iamfas.belgium.be/fas/oauth2",
       "client_id": "namur-client", "client_secret": "s3cret-value",
       "scopes": ["openid", "profile", "egovnrn"],
       "acr_levels": {"urn:be:fedict:iam:fas:Level500": "high"}, "enabled": True}


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
def test_providers_are_rows(functional, chromium, language):
    from plone import api

    api.portal.set_registry_record("communesplone.core.languages", ["fr", "nl"])
    api.portal.set_registry_record("communesplone.eid.oidc.providers", json.dumps([FAS]))
    transaction.commit()
    url = f"{functional['portal'].absolute_url()}/@@oidc-controlpanel"
    folder = os.environ.get("SCREENSHOTS")
    label, refused = TEXTS[language]
    for size in (DESKTOP, PHONE):
        context = chromium.new_context(
            locale=language, viewport=size,
            extra_http_headers={"Accept-Language": language, "Authorization": AUTHORIZATION})
        page = context.new_page()
        page.goto(url)
        grid = page.locator(GRID)
        assert label in grid.inner_text()
        assert page.locator(ISSUER).input_value() == FAS["issuer"]
        if folder:
            page.screenshot(path=str(Path(folder) / f"providers-{language}-{size['width']}.png"),
                            full_page=True)
        assert_fit_for_people(page, language, label=f"{language}/{size['width']}",
                              citizen=False, axe=False)
        assert axe_violations(page) == []
        page.fill(ISSUER, "http://idp.example.be")
        page.click("#form-buttons-save")
        page.wait_for_load_state("load")
        cell = page.locator("#formfield-form-widgets-providers-0-widgets-issuer")
        assert refused in cell.inner_text()
        assert page.locator(ISSUER).input_value() == "http://idp.example.be"
        assert axe_violations(page) == []
        context.close()
