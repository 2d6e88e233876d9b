"""Presenting items from the dashboard: the secretary picks the meeting among those still
taking items; an item the person may not change is left as it was, and the page says so.
Tested from the side of those who must not get through (another service, a citizen)."""

from communesplone.core.tables import run_batch
from communesplone.core.tables import table_of
from deliberationhelpers import PASSWORD
from deliberationhelpers import make_item
from deliberationhelpers import make_meeting
from deliberationhelpers import transition
from plone import api

import html
import re
import requests
import transaction


def _validated(council, *titles):
    items = []
    for title in titles:
        item = make_item(council, title)
        transition(item, "propose", "eco")
        transition(item, "validate")
        items.append(item)
    return items


def test_only_meetings_taking_items_are_offered_and_only_to_the_secretariat(council):
    from communesplone.deliberations.table import _open_meetings

    dashboard = council["dashboard"]
    open_meeting = make_meeting(council, title="Séance de décembre")
    frozen = make_meeting(council, days=30, title="Séance gelée")
    transition(frozen, "freeze")
    request = dashboard.REQUEST
    with api.env.adopt_user(username="clerk"):
        offered = dict(_open_meetings(dashboard, request))
    assert open_meeting.UID() in offered and offered[open_meeting.UID()] == "Séance de décembre"
    assert frozen.UID() in offered
    # a meeting whose session has started takes no more items
    with api.env.adopt_roles(["Manager"]):
        api.portal.get_tool("portal_workflow").doActionFor(frozen, "open_session")
    with api.env.adopt_user(username="clerk"):
        assert frozen.UID() not in dict(_open_meetings(dashboard, request))
    for user in ("eco", "pop", "citizen"):
        with api.env.adopt_user(username=user):
            assert _open_meetings(dashboard, request) == [], user


def test_a_batch_present_changes_nothing_for_who_may_not(council):
    table = table_of(council["dashboard"])
    meeting = make_meeting(council)
    items = _validated(council, "Budget", "Voirie")
    uids = [item.UID() for item in items]
    for user in ("eco", "pop", "citizen"):
        with api.env.adopt_user(username=user):
            result = run_batch(table, "present", uids, choice=meeting.UID())
        assert result.done == [], user
        assert len(result.untouched) + result.hidden == 2, user
        for _title, why in result.untouched:
            assert why.default == "you may not do this to it", user
    assert {api.content.get_state(item) for item in items} == {"validated"}
    assert {item.meeting for item in items} == {None}
    # a meeting that does not exist: said per item, nothing changes
    with api.env.adopt_user(username="clerk"):
        result = run_batch(table, "present", uids, choice="no-such-meeting")
    assert result.done == [] and len(result.untouched) == 2
    assert {api.content.get_state(item) for item in items} == {"validated"}
    with api.env.adopt_user(username="clerk"):
        result = run_batch(table, "present", uids, choice=meeting.UID())
    assert sorted(result.done) == ["Budget", "Voirie"]
    assert {item.meeting for item in items} == {meeting.UID()}
    assert {api.content.get_state(item) for item in items} == {"presented"}


def _session(user):
    session = requests.Session()
    session.auth = (user, PASSWORD)
    session.headers["Accept-Language"] = "fr"
    return session


def _token(session, url):
    page = session.get(url, timeout=60)
    return re.search(r'data-token="([^"]+)"', page.text).group(1)


def test_the_dashboard_asks_for_the_meeting_then_presents(live):
    council = live["council"]
    meeting = make_meeting(council, title="Séance de décembre")
    items = _validated(council, "Budget", "Voirie")
    transaction.commit()
    dashboard = f"{live['url']}/dashboard"
    clerk = _session("clerk")
    token = _token(clerk, dashboard)
    data = {"_authenticator": token, "transition": "present",
            "uids:list": [item.UID() for item in items]}
    page = clerk.post(f"{dashboard}/@@dashboard-batch", data=data, timeout=60)
    text = html.unescape(page.text)
    assert page.status_code == 200 and "Séance de décembre" in text
    assert f'value="{meeting.UID()}"' in text and "Budget" in text
    # sent without a meeting: the form again, with its message, nothing changed
    page = clerk.post(f"{dashboard}/@@dashboard-batch", data={**data, "form.choice": "1"},
                      timeout=60)
    assert "Choisissez une des options." in html.unescape(page.text)
    transaction.begin()
    assert {api.content.get_state(item) for item in items} == {"validated"}
    page = clerk.post(f"{dashboard}/@@dashboard-batch",
                      data={**data, "form.choice": "1", "choice": meeting.UID()}, timeout=60)
    assert page.status_code == 200 and page.url.rstrip("/").endswith("dashboard")
    assert "2" in html.unescape(page.text)
    transaction.begin()
    assert {api.content.get_state(item) for item in items} == {"presented"}


def test_another_service_reads_that_nothing_was_done(live):
    council = live["council"]
    meeting = make_meeting(council)
    [item] = _validated(council, "Budget")
    transaction.commit()
    dashboard = f"{live['url']}/dashboard"
    eco = _session("eco")
    token = _token(eco, council.absolute_url())
    data = {"_authenticator": token, "transition": "present", "uids:list": [item.UID()],
            "form.choice": "1", "choice": meeting.UID()}
    page = eco.post(f"{dashboard}/@@dashboard-batch", data=data, timeout=60)
    text = html.unescape(page.text)
    assert page.status_code == 200
    assert "Traceback" not in text
    assert "Aucune séance" in text or "laissé tel quel" in text or "laissé" in text
    transaction.begin()
    assert api.content.get_state(item) == "validated" and item.meeting is None
