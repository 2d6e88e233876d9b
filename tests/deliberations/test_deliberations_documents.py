"""PDF documents: read back by pdftotext (poppler), items in agenda order; templates editable."""

from deliberationhelpers import make_item
from deliberationhelpers import make_meeting
from deliberationhelpers import present
from deliberationhelpers import published_meeting
from deliberationhelpers import transition
from plone import api

import shutil
import subprocess
import pytest

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                reason="pdftotext (poppler-utils) is missing")


def pdftotext(pdf, tmp_path):
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout


def test_convocation_lists_items_in_agenda_order(council, tmp_path):
    from communesplone.deliberations import documents

    meeting = make_meeting(council)
    titles = [("Travaux de voirie", "public-works", False), ("Compte 2025", "finances", False),
              ("Nomination d'un agent", "nominations", True),
              ("Achat de mobilier scolaire", "education", False)]
    for title, category, closed in titles:
        present(make_item(council, title, category=category, closed_session=closed), meeting)
    transition(meeting, "freeze")
    with api.env.adopt_user(username="clerk"):
        html = meeting.restrictedTraverse("@@meeting-document")
        meeting.REQUEST.form["name"] = "convocation"
        text = pdftotext(html(), tmp_path)
    expected = ["Approbation du procès-verbal", "Compte 2025", "Travaux de voirie",
                "Achat de mobilier scolaire", "Nomination d'un agent"]
    positions = [text.index(title) for title in expected]
    assert positions == sorted(positions)
    assert "Huis clos" in text
    public = pdftotext(documents.render_pdf("agenda", documents.meeting_data(
        meeting, include_closed=False, unrestricted=True)), tmp_path)
    assert "Nomination d'un agent" not in public and "Compte 2025" in public


def test_extract_and_minutes_name_dissenters(council, tmp_path):
    meeting, public, closed = published_meeting(council)
    with api.env.adopt_user(username="clerk"):
        text = pdftotext(public.restrictedTraverse("@@decision-extract")(), tmp_path)
    assert "Extrait du registre aux délibérations" in text
    assert "Ont voté contre : Chloé Conseillère" in text
    assert "Se sont abstenus : Emma Conseillère" in text


def test_commune_template_through_the_registry(council, tmp_path):
    from communesplone.deliberations import documents

    meeting = make_meeting(council)
    api.portal.set_registry_record(
        "communesplone.deliberations.template_agenda",
        '<html xmlns:tal="http://xml.zope.org/namespaces/tal"><head></head><body>'
        '<h1>Ordre du jour de la commune</h1>'
        '<p tal:repeat="s sections"><span tal:repeat="i s/entries" tal:replace="i/title"/></p>'
        '<p tal:content="python: modules[\'os\'].getcwd()"/></body></html>')
    from zExceptions import Unauthorized

    # the restricted engine: no imports in a commune's template
    with pytest.raises((Unauthorized, NameError)):
        documents.render_html("agenda", documents.meeting_data(meeting, False, True))
    api.portal.set_registry_record(
        "communesplone.deliberations.template_agenda",
        '<html xmlns:tal="http://xml.zope.org/namespaces/tal"><head></head><body>'
        '<h1>Ordre du jour de la commune</h1>'
        '<p tal:repeat="s sections"><span tal:repeat="i s/entries" tal:replace="i/title"/></p>'
        '</body></html>')
    text = pdftotext(documents.render_pdf("agenda", documents.meeting_data(meeting, False, True)),
                     tmp_path)
    assert "Ordre du jour de la commune" in text and "Approbation du procès-verbal" in text


def test_convocation_mailed_to_members_with_agenda_and_public_annexes(
        live, smtp_server, tmp_path):
    """Freezing mails the members the convocation (PDF) and the public annexes only."""
    import transaction
    from deliberationhelpers import add_annex

    api.portal.set_registry_record("plone.smtp_host", "127.0.0.1")
    api.portal.set_registry_record("plone.smtp_port", smtp_server.port)
    api.portal.set_registry_record("plone.email_from_address", "greffe@demo.example")
    council = live["council"]
    meeting = make_meeting(council)
    item = make_item(council, "Compte 2025", category="finances")
    add_annex(item, "Rapport du receveur", public=True, data=b"%PDF-1.4 rapport")
    add_annex(item, "Note interne", public=False, data=b"%PDF-1.4 interne")
    present(item, meeting)
    closed = make_item(council, "Nomination d'un agent", category="nominations",
                       closed_session=True)
    present(closed, meeting)
    transition(meeting, "freeze")
    transaction.commit()
    [(_sender, recipients, message)] = smtp_server.inbox.messages
    assert recipients == ["councillor@example.org"]
    attachments = {part.get_filename(): part.get_content() for part in
                   message.iter_attachments()}
    assert len(attachments) == 2  # the convocation and the one public annex
    text = pdftotext(attachments.pop("convocation.pdf"), tmp_path)
    assert text.index("Compte 2025") < text.index("Nomination d'un agent")  # members see all
    [annex] = attachments.values()
    assert annex == b"%PDF-1.4 rapport"


def test_commune_template_serves_every_language(council, tmp_path):
    """One override serves every language; it gets ``language`` and translated labels."""
    from communesplone.deliberations import documents

    api.portal.set_registry_record("communesplone.core.languages", ["fr", "nl"])
    meeting = make_meeting(council)
    api.portal.set_registry_record(
        "communesplone.deliberations.template_agenda",
        '<html xmlns:tal="http://xml.zope.org/namespaces/tal"><head></head><body>'
        '<h1 tal:condition="python: language == \'nl\'">Dagorde van de gemeente</h1>'
        '<h1 tal:condition="python: language != \'nl\'">Ordre du jour de la commune</h1>'
        '<h2 tal:repeat="s sections" tal:content="s/title"/></body></html>')
    texts = {language: pdftotext(documents.render_pdf("agenda", documents.meeting_data(
        meeting, False, True, language=language)), tmp_path) for language in ("fr", "nl")}
    assert "Dagorde van de gemeente" in texts["nl"] and "Openbare zitting" in texts["nl"]
    assert "Ordre du jour de la commune" not in texts["nl"]
    assert "Ordre du jour de la commune" in texts["fr"] and "Séance publique" in texts["fr"]
