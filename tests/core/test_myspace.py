"""Mon espace (``@@my-space``, ``@my-space``) and the editing UI a citizen must not get:
no toolbar, no sharing page, no folder contents on what they own; staff keep them."""

from myspacehelpers import PASSWORD
from myspacehelpers import get
from myspacehelpers import make_commune
from plone import api

import pytest
import requests


@pytest.fixture
def commune(functional):
    return make_commune(functional["portal"])


def _refused(answer):
    """Plone refuses a logged-in person with 401/403, or sends them to the login form."""
    if answer.status_code in (401, 403):
        return True
    location = answer.headers.get("Location", "")
    return answer.status_code == 302 and ("require_login" in location or "login" in location)


class TestMySpace:
    def test_rest_lists_what_the_member_asked_for(self, commune):
        answer = get(f"{commune.url}/@my-space", "alice", headers={"Accept": "application/json"})
        assert answer.status_code == 200, answer.text
        space = answer.json()
        assert [section["id"] for section in space["sections"]] == ["orders", "bookings",
                                                                      "entries"]
        orders, bookings, entries = (section["items"] for section in space["sections"])
        assert orders == [{"title": "Certificat de résidence", "url": commune.order.absolute_url(),
                           "reference": commune.order.reference, "state": orders[0]["state"],
                           "payment": orders[0]["payment"], "when": orders[0]["when"]}]
        assert orders[0]["payment"] == "Non payée"
        assert orders[0]["when"].count(" ") == 2  # "mardi 15 décembre": this year's
        assert bookings[0]["title"] == "Salle du conseil"
        assert bookings[0]["url"] == commune.booking.absolute_url()
        assert bookings[0]["when"].startswith("lundi ") and bookings[0]["when"].endswith(", 18 h")
        assert [entry["title"] for entry in entries] == ["Librairie Dupont"]  # theirs only
        for item in orders + bookings + entries:
            assert item["state"] and "_" not in item["state"]
        # a password account with an e-mail address meets "low" (docs/eid.md)
        assert space["identity"]["level"] == "low"
        assert "identity-step-up" in space["identity"]["step_up_url"]
        assert space["sections"][0]["links"][0]["url"].endswith("/@@my-order-data")

    def test_empty_sections_say_what_to_do(self, commune):
        space = get(f"{commune.url}/@my-space", "bob",
                    headers={"Accept": "application/json"}).json()
        orders, bookings, entries = space["sections"]
        assert orders["items"] == [] and orders["empty_text"] == \
            "Vous n'avez encore rien commandé."
        assert orders["action"] == {"title": "Demander un document",
                                    "url": commune.guichet.absolute_url()}
        assert bookings["action"]["url"] == commune.rooms.absolute_url()
        assert entries["action"]["url"] == f"{commune.directory.absolute_url()}/@@propose-business"

    def test_nobody_reads_another_members_space(self, commune):
        answer = get(f"{commune.url}/@@my-space", "bob")
        assert answer.status_code == 200
        bob = answer.text
        assert "Vous n'avez encore rien commandé." in bob
        assert "Librairie Dupont" not in bob and commune.order.reference not in bob
        answer = get(f"{commune.url}/@my-space", headers={"Accept": "application/json"})
        assert answer.status_code == 401
        assert "Certificat" not in answer.text

    def test_anonymous_is_sent_to_the_login_form(self, commune):
        answer = get(f"{commune.url}/@@my-space", allow_redirects=False)
        assert answer.status_code == 302
        assert answer.headers["Location"].startswith(f"{commune.url}/login?came_from=")
        assert "my-space" in answer.headers["Location"]

    def test_user_menu_links_it_first(self, commune):
        actions = api.portal.get_tool("portal_actions").user.objectIds()
        assert actions[0] == "my-space"
        page = get(commune.url, "alice").text
        assert f'href="{commune.url}/@@my-space"' in page
        assert "Mon espace" in page


class TestEditingUI:
    """From the side of the citizen who owns an order, a booking and an entry."""

    def test_no_sharing_page_on_what_they_own(self, commune):
        for obj in (commune.order, commune.booking, commune.business):
            url = obj.absolute_url()
            assert _refused(get(f"{url}/@@sharing", "alice", allow_redirects=False)), url
            assert _refused(requests.post(
                f"{url}/@@sharing", auth=("alice", PASSWORD), allow_redirects=False,
                data={"search_term": "bob", "form.button.Search": "Search"}, timeout=60)), url
            assert _refused(get(f"{url}/@@updateSharingInfo?search_term=bob", "alice",
                                allow_redirects=False)), url
            answer = get(f"{url}/@sharing?search=bob", "alice",
                         headers={"Accept": "application/json"})
            assert answer.status_code in (401, 403), (url, answer.text)
            assert "Bob Peeters" not in answer.text

    def test_no_folder_contents(self, commune):
        for obj in (commune.business, commune.room, commune.portal):
            answer = get(f"{obj.absolute_url()}/@@folder_contents", "alice",
                         allow_redirects=False)
            assert _refused(answer), obj.absolute_url()

    def test_no_toolbar_for_a_citizen_the_toolbar_for_the_clerk(self, commune):
        for obj in (commune.order, commune.booking, commune.business, commune.room,
                    commune.portal):
            page = get(obj.absolute_url(), "alice").text
            assert 'id="edit-zone"' not in page, obj.absolute_url()
        assert 'id="edit-zone"' in get(commune.room.absolute_url(), "carol").text
        assert 'id="edit-zone"' in get(commune.booking.absolute_url(), "carol").text
        assert 'id="edit-zone"' in get(commune.order.absolute_url(), "paula").text

    def test_staff_keep_the_sharing_page(self, commune):
        answer = get(f"{commune.room.absolute_url()}/@@sharing", "carol", allow_redirects=False)
        assert answer.status_code == 200


def test_byline_names_people_to_staff_only(commune):
    """Plone shows "par <nom>" to every logged-in person; on a commune site only
    staff read who made a page."""
    with api.env.adopt_roles(["Manager"]):
        commune.room.setCreators(["carol"])
        commune.room.reindexObject(idxs=["Creator", "listCreators"])
    import transaction

    transaction.commit()
    url = commune.room.absolute_url()
    for who in (None, "bob", "alice"):
        page = get(url, who).text
        assert "Carol Facilities" not in page, who
        assert "author/carol" not in page, who
    assert "Carol Facilities" in get(url, "carol").text
