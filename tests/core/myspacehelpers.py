"""A live commune where a citizen has asked for something of each add-on: the
my-space and editing-UI tests (imported by name: tests/core is on sys.path)."""

from communesplone.directory.registration import add_proposal
from communesplone.directory.registration import confirm_proposal
from communesplone.eguichet.ordering import make_order
from datetime import datetime
from datetime import timedelta
from plone import api
from plone.app.testing import login
from plone.app.testing import logout
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import requests
import transaction

PASSWORD = "secret-password-123"
TZ = "Europe/Brussels"
PEOPLE = {"alice": ("Marie Dupont", None), "bob": ("Bob Peeters", None),
          "carol": ("Carol Facilities", "communesplone-facilities"),
          "paula": ("Paula Population", "communesplone-population")}


def _next_monday(hour):
    now = datetime.now(ZoneInfo(TZ))
    monday = now.date() + timedelta(days=14 - now.weekday())
    return datetime(monday.year, monday.month, monday.day, hour, tzinfo=ZoneInfo(TZ))


def make_commune(portal):
    """Rooms, an e-guichet and a directory; alice (a citizen) has booked, ordered
    and proposed; bob has asked for nothing; carol and paula are clerks."""
    api.portal.set_registry_record("plone.portal_timezone", TZ)
    # a Brussels commune: French by default, Dutch for a Dutch browser
    api.portal.set_registry_record("plone.default_language", "fr")
    api.portal.set_registry_record("plone.available_languages", ["fr", "nl"])
    api.portal.set_registry_record("plone.use_request_negotiation", True)
    api.portal.set_registry_record("plone.use_content_negotiation", False)
    api.portal.set_registry_record("communesplone.core.commune_name", "Commune de Demo")
    api.portal.set_registry_record("communesplone.core.iban", "BE71096123456769")
    with api.env.adopt_roles(["Manager"]):
        for user_id, (fullname, group) in PEOPLE.items():
            api.user.create(email=f"{user_id}@example.org", username=user_id,
                            password=PASSWORD, properties={"fullname": fullname})
            if group:
                api.group.add_user(groupname=group, username=user_id)
        rooms = api.content.create(container=portal, type="ResourceFolder", id="salles",
                                   title="Salles")
        room = api.content.create(
            container=rooms, type="Resource", id="salle-du-conseil", title="Salle du conseil",
            slot_minutes=30, min_minutes=30, max_minutes=240, horizon_days=180,
            needs_approval=True, audience="members", capacity=50, closed_on_holidays=False)
        guichet = api.content.create(container=portal, type="DocumentCatalog", id="e-guichet",
                                     title="E-guichet")
        doctype = api.content.create(
            container=guichet, type="DocumentType", id="certificat-de-residence",
            title="Certificat de résidence", title_nl="Attest van woonst",
            theme="Population", who_may_order="self",
            required_assurance="none", order_fields=[], delivery_methods=["email", "pickup"],
            fee_post=0.0, price=5.0, max_quantity=5, processing_days=3,
            processing_group="communesplone-population", payment_before_processing=True,
            active=True)
        directory = api.content.create(container=portal, type="BusinessDirectory",
                                       id="entreprises", title="Entreprises",
                                       categories=["Commerce > Librairie"])
        other = api.content.create(container=directory, type="Business", id="autre",
                                   title="Boulangerie du coin", street="Rue Basse",
                                   number="1", postcode="5000", locality="Namur",
                                   categories=["Commerce > Librairie"])
        api.content.transition(obj=other, transition="publish")
    login(portal, "alice")
    start = _next_monday(hour=18)
    booking = api.content.create(container=room, type="Booking", title="booking",
                                 start=start, end=start + timedelta(hours=2),
                                 requester_name="Marie Dupont",
                                 requester_email="alice@example.org",
                                 purpose="Réunion du club", attendees=10)
    order = make_order(guichet, document_type=api.content.get_uuid(doctype), quantity=1,
                       delivery_method="email", applicant_name="Marie Dupont",
                       applicant_email="alice@example.org",
                       applicant_address="Rue de Fer 1, 5000 Namur", answers={})
    token = add_proposal(directory, {"title": "Librairie Dupont", "street": "Rue Haute",
                                     "number": "3", "postcode": "5000", "locality": "Namur",
                                     "categories": ["Commerce > Librairie"]},
                         "alice@example.org", user_id="alice")
    business = confirm_proposal(directory, token)
    logout()
    transaction.commit()
    return SimpleNamespace(portal=portal, url=portal.absolute_url(), rooms=rooms, room=room,
                           booking=booking, guichet=guichet, doctype=doctype, order=order,
                           directory=directory, business=business)


def get(url, user=None, **kwargs):
    auth = (user, PASSWORD) if user else None
    kwargs.setdefault("timeout", 60)
    return requests.get(url, auth=auth, **kwargs)
