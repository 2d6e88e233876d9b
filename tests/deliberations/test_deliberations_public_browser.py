"""Chromium, as an anonymous citizen: the council's page, a meeting and a decided item read
as a person expects (dates and results in words, no raw value), in French and in Dutch,
on a desktop and on a phone; a closed-session item's text never reaches them."""

from browser import page_fixture  # noqa: F401 - the ``page`` fixture
from deliberationhelpers import make_item
from deliberationhelpers import make_meeting
from deliberationhelpers import present
from deliberationhelpers import published_meeting
from deliberationhelpers import transition
from pagechecks import assert_fit_for_people
from pagechecks import DESKTOP
from pagechecks import PHONE
from pagechecks import visible_text
from plone import api

import pytest
import requests
import transaction

SECRET = "Martin Dupont"  # in the closed-session item's motivation


@pytest.fixture
def council_pages(live):
    """A published meeting and a frozen one to come, in a commune that serves fr and nl."""
    api.portal.set_registry_record("communesplone.core.languages", ["fr", "nl"])
    api.portal.set_registry_record("plone.default_language", "fr")
    api.portal.set_registry_record("plone.available_languages", ["fr", "nl"])
    api.portal.set_registry_record("plone.use_cookie_negotiation", True)
    council = live["council"]
    council.title_nl = "Gemeenteraad"  # as a bilingual commune writes it (translations tab)
    meeting, public, closed = published_meeting(council)
    public.legal_basis = "Vu le Code de la démocratie locale, article L1122-30 ;"
    public.reindexObject()
    upcoming = make_meeting(council, days=25, title="Conseil communal de janvier",
                            title_nl="Gemeenteraad van januari")
    present(make_item(council, "Budget 2027", category="finances"), upcoming)
    transition(upcoming, "freeze")
    transaction.commit()
    return dict(live, meeting=meeting.absolute_url(), public=public.absolute_url(),
                closed=closed.absolute_url(), upcoming=upcoming.absolute_url())


def _visit(page, url, language):
    page.goto(url if language == "fr" else f"{url}?set_language=nl")
    page.wait_for_load_state("load")
    return visible_text(page)


@pytest.mark.browser
@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_citizen_reads_the_council_in_french(council_pages, page, size):
    page.set_viewport_size(size)
    text = _visit(page, council_pages["url"], "fr")
    assert "Prochaines séances" in text and "Budget 2027" not in text
    assert "Adopté par 3 voix contre 1 et une abstention" in text  # the nominal vote
    assert "Gilles Président" in text and "Président du conseil" in text
    assert "Bourgmestre · A" in text
    assert "Nomination" not in text and "Procès-verbal" not in text  # no category, no JSON
    assert_fit_for_people(page, "fr", "assembly page fr")

    text = _visit(page, council_pages["meeting"], "fr")
    assert "Séance publique" in text and "huis clos" not in text
    numbers = page.locator("#agenda-public .delib-number").all_inner_texts()
    assert numbers and all(n.rstrip(".").isdigit() for n in numbers)
    assert page.locator("#agenda-public li").first.inner_text().count("1.") == 1
    agenda = page.locator(".delib-doc-agenda").first.inner_text()
    assert agenda.startswith("Ordre du jour (PDF, français, ") and agenda.endswith(" Ko)")
    assert page.locator(".delib-doc-minutes").count() == 2  # published: fr and nl
    assert SECRET not in text and "Nomination du directeur" not in text
    assert_fit_for_people(page, "fr", "meeting page fr")

    text = _visit(page, council_pages["public"], "fr")
    link = page.locator("a.delib-meeting-link")
    assert link.get_attribute("href") == council_pages["meeting"]
    assert "Séance" in text and "Adopté par 3 voix contre 1 et une abstention" in text
    assert "Vu le Code de la démocratie locale" in text and "DÉCIDE" in text
    assert "Extrait de la délibération (PDF, néerlandais" in text
    assert "Plan public" in text and "Offres des soumissionnaires" not in text
    assert_fit_for_people(page, "fr", "item page fr")

    text = _visit(page, council_pages["portal_url"] + "/@@deliberations-calendar", "fr")
    assert " à 20 h" in text
    assert_fit_for_people(page, "fr", "calendar fr")


@pytest.mark.browser
@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_citizen_reads_the_council_in_dutch(council_pages, page, size):
    page.set_viewport_size(size)
    text = _visit(page, council_pages["url"], "nl")
    assert "Volgende zittingen" in text and "Goedgekeurd met 3 stemmen tegen 1" in text
    assert "Burgemeester" in text
    assert_fit_for_people(page, "nl", "assembly page nl")
    text = _visit(page, council_pages["meeting"], "nl")
    assert "Openbare zitting" in text and "Agenda (PDF, Frans, " in text
    assert_fit_for_people(page, "nl", "meeting page nl")
    text = _visit(page, council_pages["public"], "nl")
    assert "Uitslag van de stemming" in text and "Rechtsgrond" in text
    assert_fit_for_people(page, "nl", "item page nl")


@pytest.mark.browser
def test_closed_session_text_never_reaches_anonymous(council_pages, page):
    """Neither the page, nor REST, nor the meeting's or council's pages give it away."""
    for url in (council_pages["url"], council_pages["meeting"], council_pages["upcoming"]):
        assert SECRET not in _visit(page, url, "fr")
    answer = page.goto(council_pages["closed"])
    assert SECRET not in visible_text(page)
    assert answer.status in (200, 401, 403)  # Plone's login page, never the item
    assert "Nomination du directeur" not in page.title()
    rest = requests.get(council_pages["closed"], headers={"Accept": "application/json"},
                        timeout=30)
    assert rest.status_code == 401 and SECRET not in rest.text
    listing = requests.get(council_pages["url"] + "/@search?portal_type=MeetingItem"
                           "&fullobjects=1", headers={"Accept": "application/json"}, timeout=30)
    assert listing.status_code == 200 and SECRET not in listing.text
    assert "Nomination du directeur" not in listing.text
