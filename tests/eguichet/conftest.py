"""Fixtures of the e-guichet tests: a catalog with document types, citizens and staff."""

from eguichethelpers import PASSWORD
from eguichethelpers import make_site
from smtp import use_server

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
    use_server(smtp_server.port, sender_name="Commune de Demo")
    transaction.commit()
    return smtp_server


__all__ = ["PASSWORD"]
