"""REST (plone.restapi + @vote, @advice, @correction, @send-to) and OParl 1.1, over HTTP."""

from deliberationhelpers import PASSWORD
from deliberationhelpers import in_days
from deliberationhelpers import published_meeting
from pathlib import Path

import json
import jsonschema
import pytest
import requests
import transaction

SCHEMAS = Path("/work/shared/reference/oparl-1.1-schema")
if not SCHEMAS.exists():
    SCHEMAS = Path(__file__).parent / "oparl-1.1-schema"


def rest(method, url, user=None, **kwargs):
    auth = (user, PASSWORD) if user else None
    return requests.request(method, url, auth=auth, headers={"Accept": "application/json"},
                            timeout=60, **kwargs)


def test_item_life_cycle_over_rest(live):
    url = live["url"]
    meeting = rest("POST", url, "clerk", json={
        "@type": "Meeting", "title": "Séance de décembre", "date": in_days(15).isoformat(),
        "place": "Hôtel de ville"})
    assert meeting.status_code == 201, meeting.text
    meeting = meeting.json()
    assert meeting["assembly"] == live["council"].UID()
    item = rest("POST", url, "eco", json={
        "@type": "MeetingItem", "title": "Subside au comité des fêtes",
        "proposing_service": "communesplone-economy", "category": "finances",
        "financial_impact": 1500, "closed_session": False})
    assert item.status_code == 201, item.text
    item = item.json()
    assert item["closed_session"] is False and item["item_number"] is None
    assert rest("POST", item["@id"] + "/@workflow/propose", "eco").status_code == 200
    assert rest("POST", item["@id"] + "/@workflow/validate", "eco").status_code in (400, 401, 403)
    assert rest("GET", item["@id"], "eco").json()["review_state"] == "proposed"
    assert rest("POST", item["@id"] + "/@workflow/validate", "clerk").status_code == 200
    answer = rest("POST", item["@id"] + "/@workflow/present", "clerk")
    assert answer.status_code == 400 and "Choose a meeting" in answer.json()["error"]["message"]
    patch = rest("PATCH", item["@id"], "clerk", json={"meeting": meeting["UID"]})
    assert patch.status_code == 204, patch.text
    assert rest("POST", item["@id"] + "/@workflow/present", "clerk").status_code == 200
    frozen = rest("POST", meeting["@id"] + "/@workflow/freeze", "clerk")
    assert frozen.status_code == 200, frozen.text
    data = rest("GET", item["@id"], "clerk").json()
    assert data["review_state"] == "frozen" and data["item_number"] == 2
    vote = rest("POST", item["@id"] + "/@vote", "clerk", json={"mode": "summary",
                                                                "counts": {"yes": 3}})
    assert vote.status_code == 400
    assert vote.json()["error"]["type"] == "ValidationError"
    assert rest("POST", item["@id"] + "/@vote", "eco", json={}).status_code in (401, 403)


def test_bad_item_input_answers_400(live):
    answer = rest("POST", live["url"], "eco", json={
        "@type": "MeetingItem", "title": "X", "proposing_service": "communesplone-economy",
        "category": "no-such-category"})
    assert answer.status_code == 400, answer.text
    error = answer.json()["error"]
    assert error["type"] == "ValidationError"
    assert [e["field"] for e in error["errors"]] == ["category"]
    transaction.begin()
    assert not [o for o in live["council"].objectValues() if o.portal_type == "MeetingItem"]


@pytest.fixture
def published(live):
    meeting, public, closed = published_meeting(live["council"])
    transaction.commit()
    return dict(live, meeting=meeting, public=public, closed=closed)


@pytest.mark.parametrize("user", [None, "citizen"])
def test_closed_items_hidden_over_rest(published, user):
    closed = published["closed"].absolute_url()
    assert rest("GET", closed, user).status_code in (401, 403, 404)
    assert rest("GET", closed + "/@vote", user).status_code in (401, 403, 404)
    annex = published["public"]["offres-des-soumissionnaires"].absolute_url()
    assert rest("GET", annex, user).status_code in (401, 403, 404)
    found = rest("GET", published["portal_url"] + "/@search?portal_type=MeetingItem", user)
    titles = [i["title"] for i in found.json()["items"]]
    assert "Rénovation de la place communale" in titles
    assert not [t for t in titles if "Nomination" in t]
    assert rest("GET", published["public"].absolute_url(), user).status_code == 200
    assert rest("GET", published["closed"].absolute_url(), "councillor").status_code == 200


def _validate(document, name):
    with open(SCHEMAS / f"{name}.json") as schema_file:
        schema = json.load(schema_file)
    jsonschema.validate(document, schema, format_checker=jsonschema.FormatChecker())


def test_oparl_validates_and_never_shows_closed_items(published):
    base = published["portal_url"] + "/@oparl"
    system = rest("GET", base).json()
    _validate(system, "System")
    bodies = rest("GET", system["body"]).json()
    assert bodies["pagination"]["totalElements"] == 1
    body = bodies["data"][0]
    _validate(body, "Body")
    for key, schema in (("organization", "Organization"), ("person", "Person"),
                        ("meeting", "Meeting"), ("paper", "Paper")):
        listing = rest("GET", body[key]).json()
        assert listing["data"], key
        for element in listing["data"]:
            _validate(element, schema)
            again = rest("GET", element["id"])
            assert again.status_code == 200 and again.json()["id"] == element["id"]
    meetings = rest("GET", body["meeting"], "clerk").json()["data"]
    items = meetings[0]["agendaItem"]
    for element in items:
        _validate(element, "AgendaItem")
    names = [i["name"] for i in items]
    assert "Rénovation de la place communale" in names
    assert not [n for n in names if "Nomination" in n]
    files = [f for i in items for f in i.get("auxiliaryFile", [])]
    assert [f["name"] for f in files] == ["Plan public"]
    _validate(files[0], "File")
    closed = published["closed"].UID()
    for kind in ("agendaitem", "paper"):
        assert rest("GET", f"{base}/{kind}/{closed}", "clerk").status_code == 404
    secret = published["public"]["offres-des-soumissionnaires"].UID()
    assert rest("GET", f"{base}/file/{secret}", "clerk").status_code == 404
    papers = rest("GET", body["paper"], "clerk").json()["data"]
    assert not [p for p in papers if "Nomination" in p["name"]]


def test_register_api_and_page_verify_a_pdf(published):
    listing = rest("GET", published["portal_url"] + "/@publication-register").json()
    assert listing["items_total"] == 4
    entry = [e for e in listing["items"] if e["kind"] == "minutes"][0]
    pdf = requests.get(entry["download"], timeout=60)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    import hashlib

    assert hashlib.sha256(pdf.content).hexdigest() == entry["sha256"]
    page = requests.post(published["portal_url"] + "/@@publication-register",
                         files={"file": ("minutes.pdf", pdf.content, "application/pdf")},
                         timeout=60)
    assert page.status_code == 200 and 'id="register-match"' in page.text
    forged = requests.post(published["portal_url"] + "/@@publication-register",
                           files={"file": ("x.pdf", pdf.content + b"x", "application/pdf")},
                           timeout=60)
    assert 'id="register-nomatch"' in forged.text


def test_feed_parses_with_feedparser(published):
    import feedparser

    feed = feedparser.parse(requests.get(published["portal_url"] + "/@@deliberations-feed",
                                         timeout=60).text)
    assert not feed.bozo
    titles = [entry.title for entry in feed.entries]
    assert "Rénovation de la place communale" in titles
    assert not [t for t in titles if "Nomination" in t]


def test_vote_advice_correction_and_send_to_over_rest(live):
    from deliberationhelpers import attend
    from deliberationhelpers import make_council
    from deliberationhelpers import make_item
    from deliberationhelpers import make_meeting
    from deliberationhelpers import transition

    council = live["council"]
    college = make_council(live["portal"], id_="college", title="Collège", kind="college",
                           public_sessions=False, convocation_days=0, publication_days=0)
    item = make_item(college, "Marché de voirie", category="public-works",
                     financial_impact=50000)
    transition(item, "propose", "eco")
    transaction.commit()
    url = item.absolute_url()
    assert rest("GET", url + "/@advice", "citizen").status_code in (401, 403, 404)
    wrong = rest("POST", url + "/@advice", "eco", json={
        "service": "communesplone-finance", "answer": "favourable"})
    assert wrong.status_code in (400, 401, 403)
    assert rest("POST", url + "/@advice", "eco", json={
        "request": "communesplone-population"}).status_code in (401, 403)
    asked = rest("POST", url + "/@advice", "clerk", json={"request": "communesplone-population"})
    assert asked.status_code == 201, asked.text
    assert asked.json()["service"] == "communesplone-population" and asked.json()["due"]
    assert rest("GET", url, "pop").status_code == 200  # the adviser reads the item
    answer = rest("POST", url + "/@advice", "fin", json={
        "service": "communesplone-finance", "answer": "favourable", "comment": "OK"})
    assert answer.status_code == 200, answer.text
    asked = rest("POST", url + "/@advice", "pop", json={  # a pending advice blocks freezing
        "service": "communesplone-population", "answer": "remarks", "comment": "Voir plan"})
    assert asked.status_code == 200, asked.text
    transaction.begin()
    meeting = make_meeting(college, days=3)
    transition(item, "validate")
    item.meeting = meeting.UID()
    transition(item, "present")
    attend(meeting)
    transition(meeting, "freeze")
    transition(meeting, "open_session")
    transaction.commit()
    refused = rest("POST", url + "/@vote", "clerk", json={"mode": "nominal",
                                                          "votes": {"m6": "yes"}})
    assert refused.status_code == 400
    assert refused.json()["error"]["errors"][0]["field"] == "votes"
    vote = rest("POST", url + "/@vote", "clerk", json={"mode": "summary", "counts": {"yes": 6}})
    assert vote.status_code == 200 and vote.json()["outcome"] == "accepted"
    assert rest("POST", url + "/@workflow/accept", "clerk").status_code == 200
    correction = rest("POST", url + "/@correction", "clerk", json={
        "field": "title", "value": "Marché de voirie 2026", "reason": ""})
    assert correction.status_code == 400
    assert rest("POST", url + "/@correction", "eco", json={
        "field": "title", "value": "X", "reason": "y"}).status_code in (401, 403)
    sent = rest("POST", url + "/@send-to", "clerk", json={"assembly": council.UID()})
    assert sent.status_code == 201, sent.text
    assert sent.json()["origin"] == item.UID()
    assert rest("GET", sent.json()["@id"], "clerk").json()["origin"] == item.UID()
