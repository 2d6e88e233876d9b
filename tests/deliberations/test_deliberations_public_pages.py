"""What a citizen reads on the council's pages: results, dates, roles and documents in
words, only what is public (the views and :mod:`communesplone.deliberations.readable`)."""

from datetime import datetime
from deliberationhelpers import make_item
from deliberationhelpers import make_meeting
from deliberationhelpers import present
from deliberationhelpers import published_meeting
from deliberationhelpers import transition
from plone import api
from plone.app.testing import logout
from zope.i18n import translate

import pytest
import pytz


class _Item:
    outcome = None

    def __init__(self, **vote):
        self.vote = vote


def _fr(message):
    return translate(message, target_language="fr")


@pytest.mark.parametrize(("state", "vote", "words"), [
    ("accepted", {"outcome": "accepted", "yes": 20}, "Adopté à l'unanimité"),
    ("accepted", {"outcome": "accepted", "yes": 15, "no": 3, "abstain": 2},
     "Adopté par 15 voix contre 3 et 2 abstentions"),
    ("accepted", {"outcome": "accepted", "yes": 4, "no": 1, "abstain": 1},
     "Adopté par 4 voix contre 1 et une abstention"),
    ("refused", {"outcome": "refused", "yes": 6, "no": 9}, "Rejeté par 9 voix contre 6"),
    ("refused", {"outcome": "refused", "no": 7}, "Rejeté à l'unanimité"),
    ("refused", {}, "Rejeté"),
    ("accepted", {}, "Adopté"),
    ("accepted_but_modified", {"outcome": "accepted", "yes": 5},
     "Adopté à l'unanimité, avec amendements"),
    ("accepted", {"outcome": "accepted", "mode": "secret", "yes": 5, "no": 1},
     "Adopté par 5 voix contre 1 (scrutin secret)"),
    ("postponed", {}, "Reporté"),
    ("withdrawn", {}, "Retiré"),
])
def test_the_outcome_in_words(integration, state, vote, words):
    from communesplone.deliberations import readable

    assert _fr(readable.outcome(_Item(**vote), state)) == words


def test_no_outcome_before_the_decision(integration):
    from communesplone.deliberations import readable

    assert readable.outcome(_Item(), "frozen") is None


def test_dates_sizes_and_documents_in_words(integration):
    from communesplone.deliberations import readable

    moment = pytz.timezone("Europe/Brussels").localize(datetime(2026, 12, 15, 20, 30))
    assert _fr(readable.when(moment, "fr")) == "mardi 15 décembre 2026 à 20 h 30"
    assert translate(readable.when(moment, "nl"), target_language="nl") == (
        "dinsdag 15 december 2026 om 20.30 uur")
    label = readable.document_label("agenda", "nl", 122_000, "fr")
    assert _fr(label) == "Ordre du jour (PDF, néerlandais, 119 Ko)"
    assert _fr(readable.file_size(1_300_000, "fr")) == "1,2 Mo"
    assert translate(readable.document_label("minutes", "fr", None, "nl"),
                     target_language="nl") == "Notulen (PDF, Frans)"


def test_members_in_protocol_order_without_private_data(council):
    from communesplone.deliberations import readable

    rows = readable.members(council)
    assert [r["name"] for r in rows[:3]] == ["Anne Bourgmestre", "Gilles Président",
                                             "Bruno Echevin"]
    assert "Farid Conseiller" not in {r["name"] for r in rows}  # mandate ended in 2020
    assert set(rows[0]) == {"name", "party", "role"}  # no login, no e-mail
    assert _fr(rows[0]["role"]) == "Bourgmestre"


def test_register_entries_know_their_language(council):
    from communesplone.deliberations import register

    api.portal.set_registry_record("communesplone.core.languages", ["fr", "nl"])
    entry = register.add_entry("agenda", council, b"%PDF agenda nl", "Conseil (NL)",
                               language="nl")
    assert entry["language"] == "nl"
    assert register.entry_language({"title": "Conseil 15/12/2026 (NL)"}) == "nl"
    assert register.entry_language({"title": "Conseil 15/12/2026"}) == "fr"


@pytest.fixture
def pages(council, integration):
    meeting, public, closed = published_meeting(council)
    draft = make_meeting(council, days=40)
    present(make_item(council, "Projet encore en préparation"), draft)
    upcoming = make_meeting(council, days=20)
    present(make_item(council, "Budget 2027", category="finances"), upcoming)
    transition(upcoming, "freeze")
    return {"meeting": meeting, "public": public, "closed": closed, "draft": draft,
            "upcoming": upcoming, "request": integration["request"]}


def test_assembly_page_for_anonymous(pages, council):
    logout()
    with api.env.adopt_roles(["Anonymous"]):
        view = council.restrictedTraverse("@@view")
        upcoming = view.upcoming()
        assert [m["url"] for m in upcoming] == [pages["upcoming"].absolute_url()]
        assert upcoming[0]["count"] == 2  # the template item and the budget
        [past] = view.past()
        titles = [d["title"] for d in past["decisions"]]
        assert "Rénovation de la place communale" in titles
        assert not [t for t in titles if "Nomination" in t]
        assert view.staff() is None
        html = view()
        portal = api.portal.get()
        calendar = portal.restrictedTraverse("@@deliberations-calendar").meetings()
        assert [m["url"] for m in calendar][-1] == pages["upcoming"].absolute_url()
        assert " à 20" in _fr(calendar[-1]["date"])  # the test site reads in English
        pages["request"].form["SearchableText"] = "Rénovation"
        [found] = portal.restrictedTraverse("@@deliberations-search").results()
        assert _fr(found["outcome"]) == "Adopté" and found["date"][-4:].isdigit()
    assert "Budget 2027" not in html  # the agenda is on the meeting page
    assert "secret_ballot" not in html and "Matières disciplinaires" not in html
    assert "Approbation du procès-verbal" in html  # a decision of the last meeting


def test_assembly_page_keeps_the_staff_tools(pages, council):
    with api.env.adopt_user(username="clerk"):
        view = council.restrictedTraverse("@@view")
        assert view.staff()["categories"] == len(council.categories)
        assert [m["url"] for m in view.upcoming()][-1] == pages["draft"].absolute_url()
        facts = pages["public"].restrictedTraverse("@@view").staff_facts()
        assert [f["id"] for f in facts] == ["service"]  # after the decision too


def test_item_page_for_anonymous(pages):
    logout()
    with api.env.adopt_roles(["Anonymous"]):
        view = pages["public"].restrictedTraverse("@@view")
        meeting = view.meeting()
        assert meeting["url"] == pages["meeting"].absolute_url()
        assert meeting["title"] == "Conseil communal"  # the date is said once, in words
        assert _fr(view.outcome()) == "Adopté par 3 voix contre 1 et une abstention"
        assert [a["title"] for a in view.annexes()] == ["Plan public"]
        assert view.staff_facts() == []
        kinds = {d["language"] for d in view.documents()}
        assert kinds == {"fr"}  # the published extract, from the register
        html = view()
    assert pages["meeting"].UID() not in html
    assert "la place est rénovée" in html
