"""Fixtures of the booking tests: a site with resources and people.

The ``integration`` and ``functional`` fixtures come from tests/conftest.py:
the commune preset installs communesplone.booking.
"""

from bookinghelpers import PASSWORD
from bookinghelpers import TZ
from bookinghelpers import make_resource
from plone import api

import pytest


@pytest.fixture
def booking_site(integration):
    portal = integration["portal"]
    api.portal.set_registry_record("plone.portal_timezone", TZ)
    with api.env.adopt_roles(["Manager"]):
        folder = api.content.create(container=portal, type="ResourceFolder", id="salles",
                                    title="Salles")
        for user_id in ("alice", "bob", "carol"):
            api.user.create(email=f"{user_id}@example.org", username=user_id,
                            password="secret-password-123",
                            properties={"fullname": user_id.title()})
        api.group.add_user(groupname="communesplone-facilities", username="carol")
    return folder


@pytest.fixture
def resource(booking_site):
    return make_resource(booking_site, "salle-du-conseil")


@pytest.fixture
def live(functional):
    """A live site (real HTTP) with a resource folder, three members and a meeting room.

    alice and bob are citizens; carol is in the facilities group (the manager group).
    """
    import transaction

    portal = functional["portal"]
    api.portal.set_registry_record("plone.portal_timezone", TZ)
    with api.env.adopt_roles(["Manager"]):
        folder = api.content.create(container=portal, type="ResourceFolder", id="salles",
                                    title="Salles")
        for user_id in ("alice", "bob", "carol"):
            api.user.create(email=f"{user_id}@example.org", username=user_id,
                            password=PASSWORD, properties={"fullname": user_id.title()})
        api.group.add_user(groupname="communesplone-facilities", username="carol")
    resource = make_resource(folder, "salle-du-conseil")
    transaction.commit()
    return {"portal": portal, "folder": folder, "resource": resource,
            "url": resource.absolute_url()}


@pytest.fixture
def mail_site(live, smtp_server):
    """The live site, its mails sent to the test SMTP server."""
    import transaction
    from smtp import use_server

    use_server(smtp_server.port)
    transaction.commit()
    return live
