"""The secretary presents two items from the council's dashboard in Chromium: ticks them,
presses "Présenter dans une séance…", picks the meeting on the small form and reads what
was done; French and Dutch, desktop and phone. Screenshots in $SCREENSHOTS when set."""

from browser import page_fixture  # noqa: F401 - the ``page`` fixture
from deliberationhelpers import PASSWORD
from deliberationhelpers import make_item
from deliberationhelpers import make_meeting
from deliberationhelpers import transition
from pagechecks import DESKTOP
from pagechecks import PHONE
from pagechecks import assert_fit_for_people
from plone import api

import base64
import os
import pytest
import transaction

pytestmark = pytest.mark.browser
SHOTS = os.environ.get("SCREENSHOTS")
BUTTON = {"fr": "Présenter dans une séance", "nl": "Voorleggen in een zitting"}


@pytest.mark.parametrize("language", ["fr", "nl"])
@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["1366", "390"])
def test_present_two_items_in_the_meeting_picked(live, page, language, size):
    api.portal.set_registry_record("communesplone.core.languages", ["fr", "nl"])
    council = live["council"]
    meeting = make_meeting(council)
    if language == "nl":  # the test council is French; a Dutch commune names its own
        council.title = "Gemeenteraad"
    items = []
    for title in ({"fr": "Budget 2027", "nl": "Begroting 2027"}[language],
                  {"fr": "Voirie", "nl": "Wegen"}[language]):
        item = make_item(council, title)
        transition(item, "propose", "eco")
        transition(item, "validate")
        items.append(item)
    transaction.commit()
    token = base64.b64encode(f"clerk:{PASSWORD}".encode()).decode()
    context = page.context.browser.new_context(
        locale=language, viewport=size,
        extra_http_headers={"Authorization": f"Basic {token}", "Accept-Language": language})
    page = context.new_page()
    page.goto(f"{live['url']}/dashboard")
    page.locator(".dashboard-table").first.wait_for()
    # the rows ticked and the button pressed (the dashboard's own form, as the booking
    # batch test does it through the faceted results): the same POST
    button = page.get_by_role("button", name=BUTTON[language])
    assert button.count() == 1
    page.evaluate("""([uids]) => {
      const form = document.querySelector('.dashboard-table form');
      for (const uid of uids) {
        const box = document.createElement('input');
        box.type = 'hidden'; box.name = 'uids:list'; box.value = uid; form.appendChild(box);
      }
    }""", [[item.UID() for item in items]])
    button.click()
    page.wait_for_load_state("load")
    page.get_by_label(page.locator("label[for=dashboard-choice-0]").inner_text()).wait_for()
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/present-choice-{language}-{size['width']}.png",
                        full_page=True)
    assert_fit_for_people(page, language, citizen=False, axe=False)
    from browser import axe_violations

    assert axe_violations(page) == []
    page.locator("#dashboard-choice-0").check()
    page.locator("#content form button[type=submit]").click()
    page.wait_for_load_state("load")
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/present-done-{language}-{size['width']}.png")
    transaction.begin()
    assert {api.content.get_state(item) for item in items} == {"presented"}
    assert {item.meeting for item in items} == {meeting.UID()}
