"""OParl 1.1 synchronisation: list filters kept by the links, withdrawn objects answered as
``deleted``, JSON to a plain GET; checked with the official OParl schemas."""

from deliberationhelpers import make_meeting
from deliberationhelpers import make_item
from deliberationhelpers import present
from deliberationhelpers import published_meeting
from deliberationhelpers import transition
from communesplone.deliberations.oparl import answer
from pathlib import Path
from plone import api
from urllib.parse import parse_qs
from urllib.parse import urlsplit
from zope.event import notify
from zope.lifecycleevent import ObjectModifiedEvent

import datetime
import json
import jsonschema
import requests

SCHEMAS = Path("/work/shared/reference/oparl-1.1-schema")
if not SCHEMAS.exists():
    SCHEMAS = Path(__file__).parent / "oparl-1.1-schema"


def _validate(document, name):
    with open(SCHEMAS / f"{name}.json") as schema_file:
        schema = json.load(schema_file)
    jsonschema.validate(document, schema, format_checker=jsonschema.FormatChecker())


def _get(portal, *params, **form):
    status, data = answer(portal, f"{portal.absolute_url()}/@oparl", list(params), form)
    return status, json.loads(json.dumps(data))


def test_a_daily_client_converges(council, integration):
    portal = integration["portal"]
    meeting, public, closed = published_meeting(council)
    status, papers = _get(portal, "papers")
    first_pull = {paper["id"] for paper in papers["data"]}
    assert status == 200 and len(first_pull) >= 2
    since = datetime.datetime.now(datetime.UTC).isoformat()
    annex = public["plan-public"]
    assert _get(portal, "file", annex.UID())[1]["accessUrl"]
    # between two pulls: a decision changes, another is removed (a data-protection
    # request: no workflow deletes a published decision), an annex stops being public,
    # a meeting is announced
    with api.env.adopt_roles(["Manager"]):
        public.title = "Rénovation de la place communale (rectifiée)"
        public.reindexObject()
        notify(ObjectModifiedEvent(public))
        [gone] = [brain.getObject() for brain in api.content.find(
            portal_type="MeetingItem", review_state="published")
            if public.UID() != brain.UID][:1]
        gone_uid = gone.UID()
        council._delObject(gone.getId())
        annex.public = False
        notify(ObjectModifiedEvent(annex))
    new = make_meeting(council, days=30)
    present(make_item(council, "Budget 2027", category="finances"), new)
    transition(new, "freeze")
    status, changed = _get(portal, "papers", modified_since=since)
    assert status == 200
    by_id = {paper["id"]: paper for paper in changed["data"]}
    base = f"{portal.absolute_url()}/@oparl"
    assert set(by_id) == {f"{base}/paper/{public.UID()}", f"{base}/paper/{gone_uid}"}
    assert by_id[f"{base}/paper/{public.UID()}"]["name"].endswith("(rectifiée)")
    deleted = by_id[f"{base}/paper/{gone_uid}"]
    assert deleted["deleted"] is True
    assert set(deleted) == {"id", "type", "created", "modified", "deleted"}
    assert deleted["modified"] >= since[:19]
    for paper in changed["data"]:
        _validate(paper, "Paper")
    # the withdrawn object keeps answering at its URL (never a 404 once published)
    assert _get(portal, "paper", gone_uid) == (200, deleted)
    status, meetings = _get(portal, "meetings", modified_since=since)
    assert [m["id"] for m in meetings["data"]] == [f"{base}/meeting/{new.UID()}"]
    # filters are kept by every link; a client that follows "next" keeps its window
    links = meetings["links"]
    for url in links.values():
        assert parse_qs(urlsplit(url).query)["modified_since"]
    assert _get(portal, "meetings", modified_since="2099-01-01T00:00:00+00:00")[1][
        "data"] == []
    assert _get(portal, "meetings", created_until="2000-01-01T00:00:00+00:00")[1][
        "data"] == []
    assert _get(portal, "meetings", modified_until=since)[1]["data"][0]["id"] == \
        f"{base}/meeting/{meeting.UID()}"
    status, error = _get(portal, "meetings", modified_since="hier")
    assert status == 400 and "modified_since" in error["error"]["message"]
    status, file_gone = _get(portal, "file", annex.UID())
    assert status == 200 and file_gone["deleted"] is True and "accessUrl" not in file_gone
    # nothing of the closed session, even withdrawn
    assert _get(portal, "paper", closed.UID())[0] == 404


def test_plain_get_answers_json_whatever_accept(live):
    base = live["portal_url"] + "/@oparl"
    for accept in (None, "text/html", "*/*", "application/json"):
        headers = {"Accept": accept} if accept else {}
        system = requests.get(base, headers=headers, timeout=60)
        assert system.status_code == 200, (accept, system.text[:200])
        assert system.headers["Content-Type"].startswith("application/json")
        _validate(system.json(), "System")
        listing = requests.get(system.json()["body"], headers=headers, timeout=60)
        assert listing.json()["data"][0]["type"].endswith("/Body")
        filtered = requests.get(base + "/meetings?modified_since=2099-01-01T00:00:00%2B00:00",
                                headers=headers, timeout=60).json()
        assert filtered["data"] == []
