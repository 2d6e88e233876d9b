"""Meeting documents in French, Dutch, English and German, read back by pdftotext (poppler).

The language is asked with ``?language=`` among the commune's languages (core
control panel); any other answers 400 with a translated message. The labels
computed in Python come from the ``communesplone`` catalogues, so a Dutch or
English PDF holds no French (nor English in the Dutch one).
"""

from deliberationhelpers import make_item
from deliberationhelpers import make_meeting
from deliberationhelpers import PASSWORD
from deliberationhelpers import present
from deliberationhelpers import published_meeting
from deliberationhelpers import transition
from plone import api
from zope.i18n import translate

from smtp import use_server

import pytest
import requests
import shutil
import subprocess
import transaction

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                reason="pdftotext (poppler-utils) is missing")

SECRET = "Nomination du directeur"
MONTHS = {
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
           "septembre", "octobre", "novembre", "décembre"],
    "nl": ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
           "september", "oktober", "november", "december"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"],
    "de": ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
           "September", "Oktober", "November", "Dezember"],
}
WEEKDAYS = {
    "fr": ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
    "nl": ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"],
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "de": ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"],
}
#: Words each document must hold in each language (the published meeting of the helpers:
#: nominal vote 3 yes, 1 no (Chloé), 1 abstention (Emma); a secret vote 5-1 in closed session).
EXPECTED = {
    "fr": {
        "convocation": ["Convocation : Conseil communal", "Vous êtes prié(e) d'assister à la "
                        "séance ordinaire", "Ordre du jour", "Séance publique", "Huis clos",
                        "Le Directeur général,", "Le Président,"],
        "agenda": ["Ordre du jour : Conseil communal", "Séance ordinaire du", "Séance publique"],
        "extract": ["Extrait du registre aux délibérations", "Présents :",
                    "Oui : 3, non : 1, abstentions : 1", "Ont voté contre : Chloé Conseillère",
                    "Se sont abstenus : Emma Conseillère", "Approuvé", "Pour extrait conforme",
                    "Le Directeur général,"],
        "minutes": ["Procès-verbal : Conseil communal", "Présents :", "Excusés :",
                    "Présidence : Gilles Président", "Séance publique", "Huis clos",
                    "Scrutin secret. Oui : 5, non : 1", "Approuvé", "Le Directeur général,"],
    },
    "nl": {
        "convocation": ["Oproeping: Conseil communal", "U wordt uitgenodigd op de gewone "
                        "zitting", "Agenda", "Openbare zitting", "Besloten zitting",
                        "De algemeen directeur,", "De voorzitter,"],
        "agenda": ["Agenda: Conseil communal", "(gewone zitting)", "Openbare zitting"],
        "extract": ["Uittreksel uit het register van de beraadslagingen", "Aanwezig:",
                    "Ja: 3, neen: 1, onthoudingen: 1", "Stemden tegen: Chloé Conseillère",
                    "Onthielden zich: Emma Conseillère", "Goedgekeurd",
                    "Voor eensluidend uittreksel", "De algemeen directeur,"],
        "minutes": ["Notulen: Conseil communal", "Aanwezig:", "Verontschuldigd:",
                    "Voorzitter: Gilles Président", "Openbare zitting", "Besloten zitting",
                    "Geheime stemming. Ja: 5, neen: 1", "Goedgekeurd", "De algemeen directeur,"],
    },
    "en": {
        "convocation": ["Notice of meeting: Conseil communal", "You are invited to attend the "
                        "ordinary meeting", "Agenda", "Public session", "Closed session",
                        "The Director-General,", "The Chair,"],
        "agenda": ["Agenda: Conseil communal", "(ordinary meeting)", "Public session"],
        "extract": ["Extract from the register of deliberations", "Present:",
                    "Yes: 3, no: 1, abstentions: 1", "Voted against: Chloé Conseillère",
                    "Abstained: Emma Conseillère", "Approved", "Certified true extract",
                    "The Director-General,"],
        "minutes": ["Minutes: Conseil communal", "Present:", "Excused:",
                    "Chair: Gilles Président", "Public session", "Closed session",
                    "Secret ballot. Yes: 5, no: 1", "Approved", "The Director-General,"],
    },
    "de": {
        "convocation": ["Einberufung: Conseil communal", "Sie werden zu folgender Sitzung "
                        "eingeladen: ordentliche Sitzung", "Tagesordnung", "Öffentliche Sitzung",
                        "Nicht öffentliche Sitzung", "Der Generaldirektor,", "Der Vorsitzende,"],
        "agenda": ["Tagesordnung: Conseil communal", "(ordentliche Sitzung)",
                   "Öffentliche Sitzung"],
        "extract": ["Auszug aus dem Register der Beschlüsse", "Anwesend:",
                    "Ja: 3, Nein: 1, Enthaltungen: 1",
                    "Dagegen gestimmt haben: Chloé Conseillère",
                    "Enthalten haben sich: Emma Conseillère", "Angenommen",
                    "Für gleichlautenden Auszug", "Der Generaldirektor,"],
        "minutes": ["Protokoll: Conseil communal", "Anwesend:", "Entschuldigt:",
                    "Vorsitz: Gilles Président", "Öffentliche Sitzung",
                    "Nicht öffentliche Sitzung", "Geheime Abstimmung. Ja: 5, Nein: 1",
                    "Angenommen", "Der Generaldirektor,"],
    },
}
#: Labels of the French documents (templates and Python) that the test data (item
#: titles, decisions, categories such as "Procès-verbal") does not contain.
FRENCH = ["Séance", "Huis clos", "Ont voté contre", "Se sont abstenus", "Approuvé",
          "Présents", "Excusés", "Directeur général", "Président,", "ordinaire", "Oui :",
          "abstentions :", "Scrutin secret", "Procès-verbal :", "Extrait du registre",
          "Convocation :", "Ordre du jour", "Présidence", "Pour extrait"]
#: The English defaults of the Python labels: absent from a Dutch PDF.
ENGLISH = ["Public session", "Closed session", "Voted against", "Abstained", "Approved",
           "Secret ballot", "Yes:", "ordinary"]


def pdftotext(pdf, tmp_path):
    """The text of ``pdf``, whitespace collapsed (lines wrap where the layout wants)."""
    assert pdf.startswith(b"%PDF")
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout
    return " ".join(text.split())


def serve(*languages, default="fr"):
    api.portal.set_registry_record("communesplone.core.languages", list(languages))
    api.portal.set_registry_record("plone.default_language", default)


def _document(obj, view, language, **form):
    """``view`` of ``obj`` as the clerk, ``?language=`` and ``form`` in the request."""
    request = obj.REQUEST
    request.form.clear()
    request.form.update(form, language=language)
    with api.env.adopt_user(username="clerk"):
        return obj.restrictedTraverse(view)()


@pytest.mark.parametrize("language", ["fr", "nl", "en", "de"])
def test_every_document_in_every_language(council, tmp_path, language):
    serve("fr", "nl", "en", "de")
    meeting, public, _closed = published_meeting(council)
    date = meeting.date
    long_date = (f"{WEEKDAYS[language][date.weekday()]} {date.day} "
                 f"{MONTHS[language][date.month - 1]} {date.year}")
    if language == "de":
        long_date = (f"{WEEKDAYS['de'][date.weekday()]}, {date.day}. "
                     f"{MONTHS['de'][date.month - 1]} {date.year}")
    texts = {name: pdftotext(_document(meeting, "@@meeting-document", language, name=name),
                             tmp_path) for name in ("convocation", "agenda", "minutes")}
    texts["extract"] = pdftotext(_document(public, "@@decision-extract", language), tmp_path)
    filename = meeting.REQUEST.response.getHeader("Content-Disposition")
    assert filename.endswith('"extract.pdf"' if language == "fr" else f'"extract-{language}.pdf"')
    for name, text in texts.items():
        for words in EXPECTED[language][name]:
            assert words in text, (name, words)
        assert long_date in text, name
        assert "Rénovation de la place communale" in text  # the data stays as written
        if language != "fr":
            french_long_date = f"{MONTHS['fr'][date.month - 1]} {date.year}"
            leaks = [word for word in FRENCH + [french_long_date] if word in text]
            assert leaks == [], (name, leaks)
        if language in ("nl", "de"):
            assert [word for word in ENGLISH if word in text] == [], name
    assert SECRET not in texts["agenda"]  # the public agenda, whoever asks
    assert SECRET in texts["minutes"] and SECRET in texts["convocation"]  # the clerk's copies


def test_without_language_the_site_default_one(council, tmp_path):
    serve("fr", "nl", default="nl")
    meeting = make_meeting(council)
    text = pdftotext(_document(meeting, "@@meeting-document", "", name="agenda"), tmp_path)
    assert "Agenda: Conseil communal" in text and "Openbare zitting" in text
    # a default language the commune does not list: its first language
    serve("fr", "nl", default="en")
    text = pdftotext(_document(meeting, "@@meeting-document", "", name="agenda"), tmp_path)
    assert "Ordre du jour : Conseil communal" in text


def test_labels_translated_in_french_and_dutch(integration):
    """Every label computed in Python has its French and Dutch translation."""
    from communesplone.deliberations import documents

    labels = [*documents.OUTCOME_LABELS.values(), *documents.STATE_LABELS.values(),
              *documents.KIND_LABELS.values(), *documents.SECTION_LABELS.values()]
    for language in ("fr", "nl"):
        untranslated = [label for label in labels
                        if translate(label, target_language=language) == label.default]
        assert untranslated == [], language
    assert translate(documents.SECTION_LABELS["late"], target_language="fr") == (
        "Points supplémentaires")
    assert translate(documents.SECTION_LABELS["closed"], target_language="nl") == (
        "Besloten zitting")


@pytest.mark.parametrize("asked", ["de", "xx", "<b>fr</b>", "fr,nl"])
def test_unsupported_language_refused_with_400(council, integration, asked):
    serve("fr", "nl")
    meeting = make_meeting(council)
    request = integration["request"]
    body = _document(meeting, "@@meeting-document", asked, name="minutes")
    assert request.response.getStatus() == 400
    assert not body.startswith("%PDF") and "<b>" not in body
    assert "fr, nl" in body  # the languages that are served


def test_language_not_served_by_the_commune_refused(council, integration):
    serve("fr")
    meeting = make_meeting(council)
    body = _document(meeting, "@@meeting-document", "nl", name="agenda")
    assert integration["request"].response.getStatus() == 400 and "&quot;nl&quot;" in body


@pytest.fixture
def published(live):
    api.portal.set_registry_record("communesplone.core.languages", ["fr", "nl", "en"])
    api.portal.set_registry_record("plone.default_language", "fr")
    api.portal.set_registry_record("plone.available_languages", ["fr", "nl", "en"])
    api.portal.set_registry_record("plone.use_request_negotiation", True)
    meeting, public, closed = published_meeting(live["council"])
    draft = make_meeting(live["council"], days=30)
    present(make_item(live["council"], "Budget 2027", category="finances"), draft)
    transaction.commit()
    return dict(live, meeting=meeting.absolute_url(), public=public.absolute_url(),
                closed=closed.absolute_url(), draft=draft.absolute_url())


def _get(url, user=None, **headers):
    auth = (user, PASSWORD) if user else None
    return requests.get(url, auth=auth, headers=headers, timeout=60, allow_redirects=False)


def test_over_http_anonymous_and_refusals(published, tmp_path):
    meeting, closed = published["meeting"], published["closed"]
    for language, words in (("fr", "Procès-verbal"), ("nl", "Notulen"), ("en", "Minutes")):
        answer = _get(f"{meeting}/@@meeting-document?name=minutes&language={language}")
        assert answer.status_code == 200, answer.text
        text = pdftotext(answer.content, tmp_path)
        assert words in text and "Rénovation de la place communale" in text
        assert SECRET not in text  # anonymous: no closed-session item, in any language
        # the convocation is the members' letter: never a public document
        convocation = _get(f"{meeting}/@@meeting-document?name=convocation&language={language}")
        assert convocation.status_code == 404
        assert not convocation.content.startswith(b"%PDF") and SECRET not in convocation.text
        # the staff's documents stay closed to anonymous, in any language
        for url in (f"{closed}/@@decision-extract?language={language}",
                    f"{published['draft']}/@@meeting-document?name=convocation"
                    f"&language={language}"):
            refused = _get(url)
            assert refused.status_code in (302, 401, 403, 404), url
            assert not refused.content.startswith(b"%PDF")
    # an unsupported language: 400, message in the reader's language, JSON for REST clients
    answer = _get(f"{meeting}/@@meeting-document?name=minutes&language=de", "clerk",
                  Accept="application/json", **{"Accept-Language": "nl"})
    assert answer.status_code == 400
    error = answer.json()["error"]
    assert error["type"] == "ValidationError" and error["errors"][0]["field"] == "language"
    assert error["errors"][0]["message"] == (
        'Dit document is niet beschikbaar in de taal "de". Beschikbare talen: fr, nl, en.')
    assert error["message"].startswith("De gevraagde taal wordt voor dit document niet")
    extract = _get(f"{published['public']}/@@decision-extract?language=xx", "clerk")
    assert extract.status_code == 400 and not extract.content.startswith(b"%PDF")
    page = _get(f"{meeting}/@@meeting-document?name=minutes&language=de",
                **{"Accept-Language": "fr"})
    assert page.status_code == 400 and "text/html" in page.headers["Content-Type"]
    assert "Ce document n'est pas disponible dans la langue « de »" in page.text
    assert "Le document n'a pas pu être produit" in page.text


def test_bilingual_commune_registers_each_language(council, tmp_path):
    """Brussels: agenda, decisions and minutes registered in French and in Dutch, each
    verifiable by its own SHA-256; a one-language commune keeps one entry (confidentiality
    tests)."""
    from communesplone.deliberations import register

    serve("fr", "nl")
    meeting, public, _closed = published_meeting(council)
    entries = register.entries()
    assert sorted(e["kind"] for e in entries) == ["agenda"] * 2 + ["decision"] * 4 + [
        "minutes"] * 2
    minutes = {e["title"][-4:]: e for e in entries if e["kind"] == "minutes"}
    assert set(minutes) == {"(FR)", "(NL)"}
    for entry in entries:
        pdf = register.get(entry["id"])["file"].data
        assert [match["id"] for match in register.verify(pdf)] == [entry["id"]]
    dutch = pdftotext(register.get(minutes["(NL)"]["id"])["file"].data, tmp_path)
    assert "Notulen: Conseil communal" in dutch and "Besloten zitting" not in dutch
    assert SECRET not in dutch and "Séance publique" not in dutch
    french = pdftotext(register.get(minutes["(FR)"]["id"])["file"].data, tmp_path)
    assert "Procès-verbal : Conseil communal" in french and SECRET not in french


def test_bilingual_convocation_mailed_in_each_language(live, smtp_server, tmp_path):
    use_server(smtp_server.port, sender="greffe@demo.example")
    serve("nl", "fr", default="nl")
    meeting = make_meeting(live["council"])
    present(make_item(live["council"], "Compte 2025", category="finances"), meeting)
    transition(meeting, "freeze")
    transaction.commit()
    [(_sender, _recipients, message)] = smtp_server.inbox.messages
    attachments = {part.get_filename(): part.get_content() for part in
                   message.iter_attachments()}
    assert sorted(attachments) == ["convocation-fr.pdf", "convocation-nl.pdf"]
    assert "Oproeping: Conseil communal" in pdftotext(attachments["convocation-nl.pdf"],
                                                      tmp_path)
    assert "Convocation : Conseil communal" in pdftotext(attachments["convocation-fr.pdf"],
                                                         tmp_path)


def test_meeting_page_links_each_language(council):
    """The meeting page offers each document in each language the commune serves."""
    from communesplone.deliberations.browser.meeting import MeetingView

    meeting, _public, _closed = published_meeting(council)
    request = meeting.REQUEST
    one = MeetingView(meeting, request).documents()
    assert one[0]["name"] == "agenda" and "&language" not in one[0]["url"]
    serve("fr", "nl")
    both = MeetingView(meeting, request).documents()
    assert len(both) == 2 * len(one)
    assert [(d["name"], d["language"]) for d in both][:2] == [("agenda", "fr"),
                                                              ("agenda", "nl")]
    # fr: the copy registered at freezing; nl was not served then: made on demand
    assert "@@publication-register/download?id=" in both[0]["url"]
    assert both[1]["url"].endswith("@@meeting-document?name=agenda&language=nl")
