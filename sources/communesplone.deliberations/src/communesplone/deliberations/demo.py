"""Demo content: a council and a college, each with two meetings; one council meeting is
decided and published (register, documents, OParl have something to show)."""

from communesplone.deliberations import lifecycle
from communesplone.deliberations.votes import record_vote
from datetime import date
from datetime import datetime
from datetime import timedelta
from plone import api
from plone.app.textfield.value import RichTextValue

import pytz

TZ = pytz.timezone("Europe/Brussels")
#: Free text, written once: as a Brussels commune signs its rooms, in both languages.
PLACE = "Salle du conseil / Raadzaal"
MEMBERS = [
    {"id": "mayor", "name": "Marie Lambert", "function": "bourgmestre", "party": "Avenir"},
    {"id": "alderman1", "name": "Jean Dubois", "function": "echevin", "party": "Avenir"},
    {"id": "alderman2", "name": "Sophie Martin", "function": "echevin", "party": "Ensemble"},
    {"id": "councillor1", "name": "Luc Renard", "function": "conseiller", "party": "Ensemble"},
    {"id": "councillor2", "name": "Nadia El Amrani", "function": "conseiller",
     "party": "Citoyens"},
    {"id": "president", "name": "Paul Leroy", "function": "president", "party": "Avenir"},
    {"id": "dg", "name": "Claire Noël", "function": "directeur_general", "voting": False},
]


CDLD = ("Vu le Code de la démocratie locale et de la décentralisation, notamment "
        "l'article L1122-30 ;")
#: The demo votes: one unanimous, one with opponents and abstentions, the nomination secret.
VOTES = {"compte-communal-2025": {"yes": 4, "no": 1, "abstain": 1},
         "nomination-dun-agent": {"yes": 5, "no": 1}}


def _when(days, hour=20):
    day = date.today() + timedelta(days=days)
    return TZ.localize(datetime(day.year, day.month, day.day, hour, 0))


def _rich(html):
    return RichTextValue(html, "text/html", "text/x-html-safe")


def _item(assembly, title, category, closed=False, decision="", legal_basis="", motivation=""):
    return api.content.create(container=assembly, type="MeetingItem", title=title,
                              category=category, closed_session=closed,
                              proposing_service="communesplone-secretariat",
                              legal_basis=legal_basis,
                              motivation=_rich(motivation) if motivation else None,
                              decision=_rich(decision) if decision else None)


def _present(item, meeting):
    api.content.transition(obj=item, transition="propose")
    api.content.transition(obj=item, transition="validate")
    item.meeting = meeting.UID()
    api.content.transition(obj=item, transition="present")


def _published_meeting(council):
    """A meeting 30 days ago, driven through its whole life as on the days it happened."""

    # No title: a meeting is called by its assembly and date in every language.
    meeting = api.content.create(container=council, type="Meeting", id="seance-passee",
                                 date=_when(-30), place=PLACE)
    items = [_item(council, "Rénovation de la place communale", "public-works",
                   legal_basis=CDLD + "\nVu la loi du 17 juin 2016 relative aux marchés publics ;",
                   motivation="<p>Considérant que le revêtement de la place est dégradé et "
                              "que les commerçants demandent un meilleur accès ;</p>",
                   decision="<p>DÉCIDE : Article 1 — le projet est approuvé.</p>"),
             _item(council, "Compte communal 2025", "finances",
                   legal_basis=CDLD + "\nVu le règlement général de la comptabilité "
                                      "communale ;",
                   motivation="<p>Considérant que le compte a été soumis à la commission "
                              "des finances ;</p>",
                   decision="<p>DÉCIDE : Article 1 — le compte est arrêté.</p>"),
             _item(council, "Nomination d'un agent", "nominations", closed=True)]
    for item in items:
        _present(item, meeting)
    meeting.attendance = [{"member": m["id"], "status": "present"} for m in MEMBERS[:6]]
    original = lifecycle.today
    lifecycle.today = lambda: date.today() - timedelta(days=45)
    try:
        api.content.transition(obj=meeting, transition="freeze")
    finally:
        lifecycle.today = original
    api.content.transition(obj=meeting, transition="open_session")
    # Unrestricted: whoever applies the demo (the system user of `communesplone
    # start` is nobody's owner), the closed-session item is voted too.
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type="MeetingItem",
                                                   delib_meeting=meeting.UID()):
        item = brain._unrestrictedGetObject()
        mode = "secret" if item.closed_session else "summary"
        record_vote(item, meeting, mode, counts=VOTES.get(item.getId(), {"yes": 6}))
        api.content.transition(obj=item, transition="accept")
    for transition in ("decide", "close", "publish"):
        api.content.transition(obj=meeting, transition=transition)


def _meeting_in_preparation(council):
    """The meeting after: its agenda being built, validated items waiting beside it (the
    secretariat's agenda builder has something to show)."""
    api.content.create(container=council, type="Meeting", id="seance-en-preparation",
                       date=_when(45), place="Salle du conseil")
    for title, category, closed in (
            ("Travaux d'égouttage rue de la Station", "public-works", False),
            ("Réfection du trottoir de la place communale", "public-works", False),
            ("Modification budgétaire n° 1", "finances", False),
            ("Achat de matériel scolaire", "education", False),
            ("Désignation d'une directrice d'école", "nominations", True)):
        item = _item(council, title, category, closed=closed, legal_basis=CDLD)
        api.content.transition(obj=item, transition="propose")
        api.content.transition(obj=item, transition="validate")


def populate(portal, language="fr"):
    """Create the demo assemblies once (idempotent)."""
    if "conseil-communal" not in portal.objectIds():
        council = api.content.create(
            container=portal, type="Assembly", id="conseil-communal", title="Conseil communal",
            kind="council", members=MEMBERS, president="president", secretary="dg",
            proposing_services=["communesplone-economy", "communesplone-population",
                                "communesplone-facilities"])
        _published_meeting(council)
        upcoming = api.content.create(container=council, type="Meeting", id="prochaine-seance",
                                      date=_when(20), place=PLACE)
        _present(_item(council, "Règlement de police : stationnement", "general"), upcoming)
        _present(_item(council, "Budget communal 2027", "finances"), upcoming)
        # The next agenda is frozen: citizens read it before the meeting.
        api.content.transition(obj=upcoming, transition="freeze")
        _meeting_in_preparation(council)
    if "college-communal" not in portal.objectIds():
        college = api.content.create(
            container=portal, type="Assembly", id="college-communal", title="Collège communal",
            kind="college", members=MEMBERS[:3] + MEMBERS[-1:], president="mayor",
            secretary="dg", public_sessions=False, convocation_days=0, publication_days=0,
            item_templates=[])
        for days, id_ in ((3, "college-1"), (10, "college-2")):
            meeting = api.content.create(container=college, type="Meeting", id=id_,
                                         title=f"Collège communal ({id_[-1]})",
                                         date=_when(days, 9))
            _present(_item(college, f"Marché de fournitures {id_[-1]}", "general"), meeting)
