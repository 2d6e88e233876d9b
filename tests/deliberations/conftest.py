"""Fixtures of the deliberation tests: a council with members, services and staff."""

from deliberationhelpers import make_council
from deliberationhelpers import make_users
from plone import api

import pytest



@pytest.fixture
def council(integration):
    """A Walloon council of seven members (three are users), with the people of the tests."""
    portal = integration["portal"]
    make_users()
    return make_council(portal)


@pytest.fixture
def live(functional):
    """The same, committed, on a live server."""
    import transaction

    portal = functional["portal"]
    make_users()
    council = make_council(portal)
    transaction.commit()
    return {"portal": portal, "council": council, "url": council.absolute_url(),
            "portal_url": portal.absolute_url()}


@pytest.fixture
def as_manager():
    with api.env.adopt_roles(["Manager"]):
        yield
