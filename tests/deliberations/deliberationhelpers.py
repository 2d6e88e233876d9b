"""Helpers of the deliberation tests: people, a council, items driven through their life."""

from datetime import datetime
from datetime import timedelta
from plone import api
import pytz

PASSWORD = "secret-password-123"
TZ = pytz.timezone("Europe/Brussels")
USERS = {
    "clerk": "communesplone-secretariat",
    "eco": "communesplone-economy",
    "fin": "communesplone-finance",
    "pop": "communesplone-population",
    "councillor": None,
    "citizen": None,
}
MEMBERS = [
    {"id": "m1", "name": "Anne Bourgmestre", "function": "bourgmestre", "party": "A",
     "user_id": "councillor", "email": "councillor@example.org"},
    {"id": "m2", "name": "Bruno Echevin", "function": "echevin", "party": "A"},
    {"id": "m3", "name": "Chloé Conseillère", "function": "conseiller", "party": "B"},
    {"id": "m4", "name": "David Conseiller", "function": "conseiller", "party": "B"},
    {"id": "m5", "name": "Emma Conseillère", "function": "conseiller", "party": "C"},
    {"id": "m6", "name": "Farid Conseiller", "function": "conseiller", "party": "C",
     "mandate_end": "2020-12-31"},
    {"id": "m7", "name": "Gilles Président", "function": "president", "party": "A"},
    {"id": "dg", "name": "Hélène Directrice", "function": "directeur_general", "voting": False},
]


def make_users():
    with api.env.adopt_roles(["Manager"]):
        for user_id, group in USERS.items():
            if api.user.get(username=user_id) is None:
                api.user.create(email=f"{user_id}@example.org", username=user_id,
                                password=PASSWORD, properties={"fullname": user_id.title()})
            if group:
                api.group.add_user(groupname=group, username=user_id)


def make_council(container, id_="conseil", **fields):
    values = {"title": "Conseil communal", "kind": "council", "members": MEMBERS,
              "president": "m7", "secretary": "dg",
              "proposing_services": ["communesplone-economy", "communesplone-population"]}
    values.update(fields)
    with api.env.adopt_roles(["Manager"]):
        return api.content.create(container=container, type="Assembly", id=id_, **values)


def in_days(days, hour=20):
    moment = datetime.now(TZ) + timedelta(days=days)
    return TZ.localize(moment.replace(hour=hour, minute=0, second=0, microsecond=0,
                                      tzinfo=None))


def make_meeting(council, days=20, **fields):
    with api.env.adopt_user(username="clerk"):
        return api.content.create(container=council, type="Meeting", date=in_days(days),
                                  id=f"seance-{days}",
                                  place="Salle du conseil", **fields)


def make_item(council, title="Point", user="eco", **fields):
    values = {"proposing_service": "communesplone-economy", "category": "public-works"}
    values.update(fields)
    with api.env.adopt_user(username=user):
        return api.content.create(container=council, type="MeetingItem", title=title, **values)


def transition(obj, name, user="clerk"):
    """Run a transition as ``user``; a refusal raises WorkflowException with its reason."""
    with api.env.adopt_user(username=user):
        api.portal.get_tool("portal_workflow").doActionFor(obj, name)


def present(item, meeting):
    """Propose (as its service), validate and present ``item`` into ``meeting``."""
    transition(item, "propose", "eco")
    transition(item, "validate")
    item.meeting = meeting.UID()
    transition(item, "present")


def attend(meeting, present=("m1", "m2", "m3", "m4", "m5", "m7"), **left):
    """Everyone in ``present`` present; ``left={"m3": 2}``: m3 left during item 2."""
    entries = [{"member": member, "status": "present"} for member in present]
    for entry in entries:
        if entry["member"] in left:
            entry["left_at_item"] = left[entry["member"]]
    meeting.attendance = entries


def state(obj):
    return api.content.get_state(obj)


def add_annex(item, title, public, data=b"%PDF-1.4 annexe"):
    from plone.namedfile.file import NamedBlobFile

    with api.env.adopt_roles(["Manager"]):
        return api.content.create(
            container=item, type="Annex", title=title, public=public,
            file=NamedBlobFile(data=data, contentType="application/pdf",
                               filename=f"{title.lower().replace(' ', '-')}.pdf"))


def published_meeting(council):
    """A meeting through its whole life: a public item with a public and a secret annex, a
    closed-session nomination, voted, decided, minutes approved and published."""
    from communesplone.deliberations.votes import record_vote

    meeting = make_meeting(council, days=10)
    public = make_item(council, "Rénovation de la place communale", category="public-works",
                       decision=_rich("<p>DÉCIDE : Article 1 — la place est rénovée.</p>"))
    closed = make_item(council, "Nomination du directeur de l'académie",
                       category="nominations", closed_session=True,
                       motivation=_rich("<p>Candidat confidentiel Martin Dupont</p>"))
    add_annex(public, "Plan public", True)
    add_annex(public, "Offres des soumissionnaires", False)
    for item in (public, closed):
        present(item, meeting)
    attend(meeting)
    transition(meeting, "freeze")
    transition(meeting, "open_session")
    with api.env.adopt_user(username="clerk"):
        record_vote(public, meeting, "nominal",
                    votes={"m1": "yes", "m2": "yes", "m3": "no", "m4": "yes", "m5": "abstain"})
        record_vote(closed, meeting, "secret", counts={"yes": 5, "no": 1})
    for brain in api.content.find(portal_type="MeetingItem", delib_meeting=meeting.UID(),
                                  unrestricted=True):
        item = brain._unrestrictedGetObject()
        if item not in (public, closed):
            with api.env.adopt_user(username="clerk"):
                record_vote(item, meeting, "summary", counts={"yes": 6})
        transition(item, "accept")
    for name in ("decide", "close", "publish"):
        transition(meeting, name)
    return meeting, public, closed


def _rich(html):
    from plone.app.textfield.value import RichTextValue

    return RichTextValue(html, "text/html", "text/x-html-safe")
