"""Correcting a decided item in the browser: a form reached from the item page, the
reason asked on the form (a missing one is a message beside its field, never an error
page), the same rule as ``POST @correction``; another service and a citizen do not get
through. The form in Chromium, French and Dutch, desktop and phone ($SCREENSHOTS)."""

from deliberationhelpers import PASSWORD
from deliberationhelpers import published_meeting
from pagechecks import DESKTOP
from pagechecks import PHONE
from pagechecks import assert_fit_for_people
from plone import api

import base64
import html
import os
import pytest
import re
import requests
import transaction


def _session(user):
    session = requests.Session()
    session.auth = (user, PASSWORD)
    session.headers["Accept-Language"] = "fr"
    return session


def _token(text):
    return re.search(r'name="_authenticator" value="([^"]+)"', text).group(1)


@pytest.fixture
def decided(live):
    with api.env.adopt_roles(["Manager"]):
        _meeting, public, _closed = published_meeting(live["council"])
    transaction.commit()
    return public


def test_the_secretariat_corrects_with_a_reason(decided):
    clerk = _session("clerk")
    url = decided.absolute_url()
    page = clerk.get(url, timeout=60)
    assert f"{url}/@@correct-item" in page.text  # the item page's button
    form = clerk.get(f"{url}/@@correct-item?field=title", timeout=60)
    assert form.status_code == 200
    text = html.unescape(form.text)
    assert "Rénovation de la place communale" in text
    data = {"_authenticator": _token(form.text), "form.submitted": "1", "field": "title",
            "value": "Rénovation de la place communale et de ses abords", "reason": ""}
    answer = clerk.post(f"{url}/@@correct-item", data=data, timeout=60)
    text = html.unescape(answer.text)
    assert answer.status_code == 400 and "Traceback" not in text
    reason = text.index('id="reason"')
    assert "Une correction exige une raison." in text[reason:reason + 600]
    assert "et de ses abords" in text  # what was typed is kept
    transaction.begin()
    assert decided.title == "Rénovation de la place communale"
    answer = clerk.post(f"{url}/@@correct-item",
                        data={**data, "reason": "Erreur matérielle"}, timeout=60)
    assert answer.status_code == 200 and not answer.url.endswith("@@correct-item")
    transaction.begin()
    assert decided.title.endswith("et de ses abords")
    assert decided.corrections[-1]["reason"] == "Erreur matérielle"
    # a decision reads as paragraphs in the box (no markup), and is stored as paragraphs
    form = clerk.get(f"{url}/@@correct-item?field=decision", timeout=60)
    text = html.unescape(form.text)
    assert "DÉCIDE : Article 1 — la place est rénovée." in text and "&lt;p&gt;" not in form.text
    answer = clerk.post(f"{url}/@@correct-item", timeout=60, data={
        "_authenticator": _token(form.text), "form.submitted": "1", "field": "decision",
        "value": "DÉCIDE : Article 1 — la place & ses abords sont rénovés.\n\nArticle 2",
        "reason": "Oubli"})
    assert answer.status_code == 200
    transaction.begin()
    assert decided.decision.raw == ("<p>DÉCIDE : Article 1 — la place &amp; ses abords sont "
                                    "rénovés.</p><p>Article 2</p>")


@pytest.mark.parametrize("user", ["eco", "pop", "citizen", None])
def test_who_may_not_correct_does_not_get_through(decided, user):
    session = _session(user) if user else requests.Session()
    url = decided.absolute_url()
    if user:
        assert "@@correct-item" not in session.get(url, timeout=60).text
    page = session.get(f"{url}/@@correct-item", timeout=60)
    assert "delib-correction-form" not in page.text and "Traceback" not in page.text
    answer = session.post(f"{url}/@@correct-item", timeout=60, data={
        "form.submitted": "1", "field": "title", "value": "Piraté", "reason": "x"})
    assert answer.status_code in (200, 302, 401, 403) and "Traceback" not in answer.text
    transaction.begin()
    assert decided.title == "Rénovation de la place communale"


def test_an_item_not_decided_sends_back_to_its_page(live):
    from deliberationhelpers import make_item

    item = make_item(live["council"], "Brouillon")
    transaction.commit()
    page = _session("clerk").get(f"{item.absolute_url()}/@@correct-item", timeout=60)
    assert "delib-correction-form" not in page.text
    assert "Seul un point décidé" in html.unescape(page.text) or page.url.endswith(
        item.absolute_url())


@pytest.mark.parametrize("language", ["fr", "nl"])
def test_the_form_in_chromium(decided, language):
    from browser import CHROMIUM
    from browser import CHROMIUM_ARGS
    from browser import _unavailable
    from browser import axe_violations

    if not CHROMIUM.exists():
        _unavailable("no chromium")
    from playwright.sync_api import sync_playwright

    api.portal.set_registry_record("communesplone.core.languages", ["fr", "nl"])
    transaction.commit()
    folder = os.environ.get("SCREENSHOTS")
    token = base64.b64encode(f"clerk:{PASSWORD}".encode()).decode()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for size in (DESKTOP, PHONE):
            context = browser.new_context(
                locale=language, viewport=size,
                extra_http_headers={"Authorization": f"Basic {token}",
                                    "Accept-Language": language})
            page = context.new_page()
            page.goto(decided.absolute_url())
            page.locator("#delib-correct-link").click()
            page.wait_for_load_state("load")
            page.locator("#delib-correction-form button[type=submit]").click()
            page.wait_for_load_state("load")
            assert page.locator("#reason-error").is_visible()
            if folder:
                page.screenshot(path=f"{folder}/correction-{language}-{size['width']}.png",
                                full_page=True)
            # the decided item's own text is the test's French content
            assert_fit_for_people(page, language, citizen=False, axe=False) if \
                language == "fr" else None
            assert axe_violations(page) == []
            context.close()
        browser.close()
    transaction.begin()
    assert not getattr(decided, "corrections", ())


def test_the_actions_menu_opens_the_form_for_the_secretariat_only(decided):
    url = decided.absolute_url()
    page = _session("clerk").get(url, timeout=60)
    assert 'id="plone-contentmenu-actions-delib-correct-item"' in page.text \
        or "delib-correct-item" in page.text
    assert "Corriger…" in html.unescape(page.text)
    page = _session("eco").get(url, timeout=60)
    assert "delib-correct-item" not in page.text


def test_upgrade_1006_adds_the_action(decided):
    from communesplone.deliberations.upgrades.to1006 import upgrade

    actions = api.portal.get_tool("portal_actions")["object_buttons"]
    with api.env.adopt_roles(["Manager"]):
        actions.manage_delObjects(["delib-correct-item"])
        upgrade(api.portal.get_tool("portal_setup"))
        upgrade(api.portal.get_tool("portal_setup"))  # twice: one action
    assert actions["delib-correct-item"].url_expr.endswith("/@@correct-item")
    assert list(actions.objectIds()).count("delib-correct-item") == 1
