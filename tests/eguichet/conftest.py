"""Fixtures of the e-guichet tests: a catalog with document types, citizens and staff."""

from eguichethelpers import PASSWORD
from eguichethelpers import make_site
from plone import api

import pytest
import transaction


@pytest.fixture
def site(integration):
    """alice, bob (citizens), paula (population), cedric (civil status); a catalog."""
    return make_site(integration["portal"])


@pytest.fixture
def live(functional):
    """The same on the live server (real HTTP), committed."""
    data = make_site(functional["portal"])
    transaction.commit()
    return data


@pytest.fixture
def mail(smtp_server):
    api.portal.set_registry_record("plone.smtp_host", "127.0.0.1")
    api.portal.set_registry_record("plone.smtp_port", smtp_server.port)
    api.portal.set_registry_record("plone.email_from_address", "noreply@demo.example")
    api.portal.set_registry_record("plone.email_from_name", "Commune de Demo")
    transaction.commit()
    return smtp_server


__all__ = ["PASSWORD"]
