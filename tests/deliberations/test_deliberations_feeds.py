"""Atom feeds of the decisions, to the letter of RFC 4287, read by feedparser (not ours):
one for the site, one per assembly, with ETag/Last-Modified and 304."""

from deliberationhelpers import make_council
from deliberationhelpers import published_meeting
from plone import api
from plone.app.testing import logout
from xml.etree import ElementTree

import feedparser
import pytest
import re
import uuid

A = "{http://www.w3.org/2005/Atom}"
UUID_URN = re.compile(r"^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")


@pytest.fixture
def feeds(council, integration):
    meeting, public, closed = published_meeting(council)
    request = integration["request"]
    logout()
    return {"council": council, "public": public, "request": request,
            "portal": integration["portal"], "meeting": meeting}


def _feed(context, request, **headers):
    for name, value in headers.items():
        request.environ["HTTP_" + name.upper()] = value
    request.response.setStatus(200)
    body = context.restrictedTraverse("@@deliberations-feed")()
    for name in headers:
        del request.environ["HTTP_" + name.upper()]
    return body


def _rfc4287(root):
    """The RFC's MUSTs of atom:feed and atom:entry (sections 4.1.1 and 4.1.2)."""
    assert root.tag == A + "feed"
    for name in ("id", "title", "updated"):
        assert len(root.findall(A + name)) == 1, name
    assert root.find(A + "author/" + A + "name").text
    assert RFC3339.match(root.find(A + "updated").text)
    assert UUID_URN.match(root.find(A + "id").text)
    links = {link.get("rel"): link.get("href") for link in root.findall(A + "link")}
    assert {"self", "alternate"} <= set(links)
    entries = root.findall(A + "entry")
    for entry in entries:
        for name in ("id", "title", "updated"):
            assert len(entry.findall(A + name)) == 1, name
        assert UUID_URN.match(entry.find(A + "id").text)
        assert RFC3339.match(entry.find(A + "updated").text)
        assert not entry.find(A + "updated").text.startswith(("1969", "1970", "1000"))
        assert entry.find(A + "author/" + A + "name").text
        assert [link for link in entry.findall(A + "link") if link.get("rel") == "alternate"]
    return entries


def test_site_feed_to_the_letter_with_304_and_announced(feeds):
    """One scenario (a published meeting is slow to make) for the site's feed."""
    body = _feed(feeds["portal"], feeds["request"])
    root = ElementTree.fromstring(body.encode("utf-8"))
    entries = _rfc4287(root)
    public = feeds["public"]
    [entry] = [e for e in entries if e.find(A + "title").text == public.Title()]
    assert entry.find(A + "id").text == f"urn:uuid:{uuid.UUID(public.UID())}"
    assert entry.find(A + "author/" + A + "name").text == feeds["council"].Title()
    parsed = feedparser.parse(body)
    assert not parsed.bozo, parsed.bozo_exception
    assert parsed.feed.author and parsed.feed.link.endswith("@@deliberations-search")
    assert public.absolute_url() in [entry.link for entry in parsed.entries]
    # the same feed again: the same ids (they never change)
    again = ElementTree.fromstring(_feed(feeds["portal"], feeds["request"]).encode("utf-8"))
    assert [e.find(A + "id").text for e in again.findall(A + "entry")] == \
        [e.find(A + "id").text for e in entries]
    assert again.find(A + "id").text == root.find(A + "id").text
    _conditional_get_answers_304(feeds, body)
    _pages_announce_their_feed(feeds)
    # the minutes, adopted and published, are a public document now (docs/deliberations.md)
    request = feeds["request"]
    request.form["name"] = "minutes"
    assert feeds["meeting"].restrictedTraverse("@@meeting-document")().startswith(b"%PDF")


def _conditional_get_answers_304(feeds, body):
    request = feeds["request"]
    tag = request.response.getHeader("ETag")
    modified = request.response.getHeader("Last-Modified")
    assert tag and modified.endswith("GMT")
    assert _feed(feeds["portal"], request, if_none_match=tag) == ""
    assert request.response.getStatus() == 304
    assert _feed(feeds["portal"], request, if_modified_since=modified) == ""
    assert request.response.getStatus() == 304
    assert _feed(feeds["portal"], request, if_none_match='"other"') == body
    assert request.response.getStatus() == 200
    assert _feed(feeds["portal"], request,
                 if_modified_since="Mon, 01 Jan 2001 00:00:00 GMT") == body


def test_one_feed_per_assembly(feeds):
    with api.env.adopt_roles(["Manager"]):
        college = make_council(feeds["portal"], id_="college", title="Collège communal",
                               kind="college")
    council_feed = ElementTree.fromstring(_feed(feeds["council"], feeds["request"])
                                          .encode("utf-8"))
    entries = _rfc4287(council_feed)
    assert feeds["public"].Title() in [e.find(A + "title").text for e in entries]
    links = {link.get("rel"): link.get("href") for link in council_feed.findall(A + "link")}
    assert links["alternate"] == feeds["council"].absolute_url()
    empty = ElementTree.fromstring(_feed(college, feeds["request"]).encode("utf-8"))
    assert _rfc4287(empty) == []
    assert empty.find(A + "id").text != council_feed.find(A + "id").text


def _pages_announce_their_feed(feeds):
    portal_url = feeds["portal"].absolute_url()
    for context, view, feed in (
            (feeds["portal"], "@@deliberations-calendar", f"{portal_url}/@@deliberations-feed"),
            (feeds["portal"], "@@deliberations-search", f"{portal_url}/@@deliberations-feed"),
            (feeds["council"], "@@view",
             f"{feeds['council'].absolute_url()}/@@deliberations-feed")):
        html = context.restrictedTraverse(view)()
        assert re.search(r'<link rel="alternate" type="application/atom\+xml"[^>]*href="'
                         + re.escape(feed) + '"', html), view


def test_feeds_state_the_commune_licence(feeds):
    """RFC 4946: a ``rel="license"`` link to the commune's open data licence, its name in
    ``atom:rights``; neither when the commune states no licence."""
    body = _feed(feeds["portal"], feeds["request"])
    root = ElementTree.fromstring(body.encode("utf-8"))
    links = {link.get("rel"): link.get("href") for link in root.findall(A + "link")}
    assert links["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert root.find(A + "rights").text == "Creative Commons Attribution 4.0 (CC BY 4.0)"
    parsed = feedparser.parse(body)
    assert not parsed.bozo and parsed.feed.rights.endswith("(CC BY 4.0)")
    assert parsed.feed.license == links["license"]
    _rfc4287(root)
    api.portal.get_tool("portal_registry")["communesplone.core.open_data_license"] = None
    root = ElementTree.fromstring(_feed(feeds["council"], feeds["request"]).encode("utf-8"))
    assert root.find(A + "rights") is None
    assert "license" not in {link.get("rel") for link in root.findall(A + "link")}
