"""Closed-session items and non-public annexes: seen by staff and members, never by others.

Checked from the side of anonymous and of an ordinary member, over views,
catalog search, documents, the feed, OParl (REST is in test_deliberations_api).
"""

from deliberationhelpers import make_item
from deliberationhelpers import make_meeting
from deliberationhelpers import present
from deliberationhelpers import published_meeting
from deliberationhelpers import state
from deliberationhelpers import transition
from plone import api
from plone.app.testing import logout

import pytest

SECRET = "Nomination du directeur"


@pytest.fixture
def scenario(council):
    meeting, public, closed = published_meeting(council)
    return {"meeting": meeting, "public": public, "closed": closed,
            "secret_annex": public["offres-des-soumissionnaires"],
            "public_annex": public["plan-public"]}


def _as(user):
    if user is None:
        logout()
        return api.env.adopt_roles(["Anonymous"])
    return api.env.adopt_user(username=user)


@pytest.mark.parametrize("user", [None, "citizen", "pop"])
def test_outsiders_never_see_closed_items_or_secret_annexes(scenario, user, integration):
    assert state(scenario["public"]) == "published"
    assert state(scenario["closed"]) == "accepted"
    with _as(user):
        assert api.user.has_permission("View", obj=scenario["public"])
        assert api.user.has_permission("View", obj=scenario["public_annex"])
        assert not api.user.has_permission("View", obj=scenario["closed"])
        assert not api.user.has_permission("View", obj=scenario["secret_annex"])
        titles = [b.Title for b in api.content.find(portal_type="MeetingItem")]
        assert "Rénovation de la place communale" in titles
        assert not [t for t in titles if SECRET in t]
        assert not api.content.find(SearchableText="Dupont")
        assert not api.content.find(portal_type="Annex", Title="Offres")


def test_members_see_closed_items_of_frozen_meetings_before_the_session(council):
    meeting = make_meeting(council)
    closed = make_item(council, "Sanction disciplinaire", category="discipline",
                       closed_session=True)
    present(closed, meeting)
    with api.env.adopt_user(username="councillor"):
        assert not api.user.has_permission("View", obj=closed)
        assert not api.user.has_permission("View", obj=meeting)
    transition(meeting, "freeze")
    with api.env.adopt_user(username="councillor"):
        assert api.user.has_permission("View", obj=closed)
        assert [b.Title for b in api.content.find(portal_type="MeetingItem",
                                                  delib_closed_session=True)] == [
            "Sanction disciplinaire"]
    with _as(None):
        assert api.user.has_permission("View", obj=meeting)
        assert not api.user.has_permission("View", obj=closed)


def test_public_documents_and_views_leave_closed_items_out(scenario, integration):
    from communesplone.deliberations import documents

    request = integration["request"]
    with _as(None):
        view = scenario["meeting"].restrictedTraverse("@@view")
        titles = [i["title"] for section in view.sections() for i in section["entries"]]
        assert "Rénovation de la place communale" in titles
        assert not [t for t in titles if SECRET in t]
        data = documents.meeting_data(scenario["meeting"], include_closed=True)
        rendered = documents.render_html("minutes", data)
        assert "Rénovation" in rendered and SECRET not in rendered
        feed = api.portal.get().restrictedTraverse("@@deliberations-feed")()
        assert "Rénovation" in feed and SECRET not in feed
        request.form["SearchableText"] = "Nomination"
        search = api.portal.get().restrictedTraverse("@@deliberations-search")
        assert search.results() == []
    with api.env.adopt_user(username="councillor"):
        data = documents.meeting_data(scenario["meeting"], include_closed=True)
        assert SECRET in documents.render_html("minutes", data)


def test_register_holds_public_documents_only(scenario):
    from communesplone.deliberations import register

    kinds = sorted(e["kind"] for e in register.entries())
    assert kinds == ["agenda", "decision", "decision", "minutes"]  # the template item too
    for entry in register.entries():
        pdf = register.get(entry["id"])["file"].data
        assert register.verify(pdf)[0]["id"] == entry["id"]
        assert entry["uid"] != scenario["closed"].UID()
    assert register.verify(b"%PDF forged") == []
