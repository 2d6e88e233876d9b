"""The secretariat prepares a council meeting in Chromium, from the waiting items to the
published minutes, counting its clicks and page loads; the agenda builder over REST and
from the side of those who must not use it."""

from browser import page_fixture  # noqa: F401 - the ``page`` fixture
from deliberationhelpers import PASSWORD
from deliberationhelpers import make_item
from deliberationhelpers import make_meeting
from deliberationhelpers import transition
from pagechecks import assert_fit_for_people
from pagechecks import DESKTOP
from pagechecks import PHONE
from plone import api

import base64
import pytest
import requests
import transaction

MEMBERS_PRESENT = ("m1", "m2", "m3", "m4", "m5", "m7")


def rest(method, url, user=None, **kwargs):
    auth = (user, PASSWORD) if user else None
    headers = {"Accept": "application/json", "Accept-Language": "fr"}
    return requests.request(method, url, auth=auth, headers=headers, timeout=60, **kwargs)


def waiting_items(council):
    """Five validated items in the pool: three of public works, one of finances, one closed."""
    items = {}
    for title, category, closed in (
            ("Budget participatif", "finances", False),
            ("Voirie rue Haute", "public-works", False),
            ("Voirie rue Basse", "public-works", False),
            ("Voirie rue Neuve", "public-works", False),
            ("Nomination d'une directrice", "nominations", True)):
        item = make_item(council, title, category=category, closed_session=closed)
        transition(item, "propose", "eco")
        transition(item, "validate")
        items[title] = item
    return items


class Journey:
    """Clicks (and keys, drags) a person makes, and the pages the browser loads."""

    def __init__(self, page):
        self.page, self.clicks, self.keys, self.drags, self.loads = page, 0, 0, 0, 0
        page.on("load", self._loaded)

    def _loaded(self, _page):
        self.loads += 1

    def click(self, selector):
        self.clicks += 1
        self.page.click(selector)
        self.page.wait_for_load_state("load")

    def choose(self, selector, value):
        self.clicks += 1
        self.page.select_option(selector, value)

    def fill(self, selector, value):
        self.clicks += 1  # the field is clicked, then typed into
        self.page.fill(selector, value)

    def menu(self, transition_id):
        """Plone's status menu, then the transition."""
        self.click("#plone-contentmenu-workflow > a")
        self.click(f"#workflow-transition-{transition_id}")

    def order(self, group):
        return self.page.locator(
            f'.delib-builder-list[data-group="{group}"] .delib-item-link').all_inner_texts()


@pytest.mark.browser
def test_secretariat_prepares_a_meeting_from_items_to_minutes(live, page):
    council = live["council"]
    meeting = make_meeting(council, days=20)
    items = waiting_items(council)
    transaction.commit()
    token = base64.b64encode(f"clerk:{PASSWORD}".encode()).decode()
    context = page.context.browser.new_context(viewport=DESKTOP, locale="fr-BE")
    context.set_extra_http_headers({"Authorization": f"Basic {token}"})
    page = context.new_page()
    person = Journey(page)
    page.goto(meeting.absolute_url())
    assert page.locator(".delib-waiting-row").count() == 5
    assert page.locator("#delib-ready").count() == 1  # nothing blocks, said before freezing
    assert_fit_for_people(page, "fr", "agenda builder, five waiting items", citizen=False)

    for _ in range(5):
        person.click(".delib-waiting-row button[value=add]")
    assert page.locator(".delib-waiting-row").count() == 0
    group = "public-public-works"
    assert person.order(group) == ["Voirie rue Basse", "Voirie rue Haute", "Voirie rue Neuve"]
    uid = {title: item.UID() for title, item in items.items()}
    person.click(f'#delib-row-{uid["Voirie rue Basse"]} button[value=down]')
    assert person.order(group) == ["Voirie rue Haute", "Voirie rue Basse", "Voirie rue Neuve"]
    # from the keyboard: the button takes the focus, Enter moves the item up
    page.focus(f'#delib-row-{uid["Voirie rue Neuve"]} button[value=up]')
    person.keys += 1
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_load_state("load")
    assert person.order(group) == ["Voirie rue Haute", "Voirie rue Neuve", "Voirie rue Basse"]
    page.wait_for_function("() => document.activeElement.tagName === 'BUTTON'")
    focused = page.evaluate("() => [document.activeElement.closest('li').id, "
                            "document.activeElement.value]")
    assert focused == [f'delib-row-{uid["Voirie rue Neuve"]}', "up"]  # the focus stays
    # with the mouse: the first row dropped below the last one
    last = page.locator(f'#delib-row-{uid["Voirie rue Basse"]}')
    box = last.bounding_box()
    person.drags += 1
    with page.expect_navigation():
        page.locator(f'#delib-row-{uid["Voirie rue Haute"]}').drag_to(
            last, target_position={"x": 20, "y": box["height"] - 4})
    page.wait_for_load_state("load")
    assert person.order(group) == ["Voirie rue Neuve", "Voirie rue Basse", "Voirie rue Haute"]
    assert_fit_for_people(page, "fr", "agenda builder, five items on the agenda", citizen=False)
    page.set_viewport_size(PHONE)
    assert_fit_for_people(page, "fr", "agenda builder on a phone", citizen=False, axe=False)
    page.set_viewport_size(DESKTOP)

    person.click("#delib-freeze")
    transaction.begin()
    assert api.content.get_state(meeting) == "frozen"
    numbers = {title: item.item_number for title, item in items.items()}
    assert numbers == {"Budget participatif": 2, "Voirie rue Neuve": 3, "Voirie rue Basse": 4,
                       "Voirie rue Haute": 5, "Nomination d'une directrice": 6}

    person.click("#delib-attendance-link")
    for member in MEMBERS_PRESENT:
        person.choose(f"#status-{member}", "present")
    person.click("#delib-attendance-form button[type=submit]")
    person.menu("open_session")
    for _ in range(6):  # the template item and the five
        person.click("#content a.vote-link")
        if page.locator("#mode-summary").count():
            person.click("#mode-summary")
        for choice, count in (("yes", "5"), ("no", "1")):
            person.fill(f"#count-{choice}", count)
        person.click("#delib-vote-form button[type=submit]")
        person.menu("accept")
        person.click(".delib-meeting-link")
    for name in ("decide", "close", "publish"):
        person.menu(name)
    transaction.begin()
    assert api.content.get_state(meeting) == "published"
    actions = [entry["action"] for entry in
               meeting.workflow_history["communesplone_meeting_workflow"]]
    assert actions == [None, "freeze", "open_session", "decide", "close", "publish"]
    assert page.locator(".delib-doc-minutes").count() >= 1
    assert_fit_for_people(page, "fr", "published meeting, secretariat", citizen=False)
    print(f"\nPrepare a council meeting (5 items, reorder, freeze, attendance, 6 votes, "
          f"close, publish): {person.clicks} clicks, {person.keys} key press, "
          f"{person.drags} drag, {person.loads} page loads")
    context.close()


def test_agenda_over_rest_and_a_step_runs_once(live):
    council = live["council"]
    meeting = make_meeting(council, days=20)
    items = waiting_items(council)
    transaction.commit()
    url = meeting.absolute_url()
    budget, haute = items["Budget participatif"].UID(), items["Voirie rue Haute"].UID()
    for user in (None, "citizen", "eco", "councillor"):  # nobody else reads or builds it
        assert rest("GET", url + "/@agenda", user).status_code in (401, 403)
        answer = rest("POST", url + "/@agenda", user, json={"action": "add", "item": budget})
        assert answer.status_code in (401, 403), (user, answer.text)
        form = requests.post(url + "/@@agenda-action", data={"action": "add", "item": budget},
                             auth=(user, PASSWORD) if user else None, allow_redirects=False,
                             timeout=60)
        assert form.status_code in (302, 401, 403), (user, form.status_code)
        assert "require_login" in form.headers.get("location", "require_login")
    transaction.begin()
    assert api.content.get_state(items["Budget participatif"]) == "validated"
    agenda = rest("GET", url + "/@agenda", "clerk").json()
    assert [w["title"] for w in agenda["waiting"]][:2] == ["Budget participatif",
                                                           "Voirie rue Basse"]
    assert agenda["blockers"] == [] and agenda["can_reorder"] is True
    for item in (budget, items["Voirie rue Basse"].UID(), haute):
        answer = rest("POST", url + "/@agenda", "clerk", json={"action": "add", "item": item})
        assert answer.status_code == 200, answer.text
    answer = rest("POST", url + "/@agenda", "clerk", json={"action": "up", "item": haute})
    works = [g for s in answer.json()["sections"] for g in s["groups"]
             if g["category"] == "public-works"][0]
    assert [(e["number"], e["title"]) for e in works["entries"]] == [
        (3, "Voirie rue Haute"), (4, "Voirie rue Basse")]
    wrong = rest("POST", url + "/@agenda", "clerk", json={"action": "remove",
                                                          "item": items["Voirie rue Neuve"].UID()})
    assert wrong.status_code == 400
    assert wrong.json()["error"]["message"] == (
        "Ce point n'est pas à l'ordre du jour en préparation.")
    transaction.begin()
    assert api.content.get_state(items["Voirie rue Neuve"]) == "validated"

    assert rest("POST", url + "/@workflow/freeze", "clerk").status_code == 200
    again = rest("POST", url + "/@workflow/freeze", "clerk")
    assert again.status_code == 400
    assert again.json()["error"]["message"] == "Déjà fait : l'état est déjà « Ordre du jour figé »."
    workflow = rest("GET", url + "/@workflow", "clerk").json()
    assert [entry["action"] for entry in workflow["history"]] == [None, "freeze"]
