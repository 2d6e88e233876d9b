"""Fixtures of the directory tests: a directory, its editors, members and entries."""

from directoryhelpers import make_directory
from directoryhelpers import make_people

import pytest


@pytest.fixture
def directory(integration):
    portal = integration["portal"]
    make_people()
    return make_directory(portal)


@pytest.fixture
def live(functional):
    """A live site (real HTTP): a directory, alice and bob (members), eva (editor)."""
    import transaction

    portal = functional["portal"]
    make_people()
    directory = make_directory(portal)
    transaction.commit()
    return {"portal": portal, "directory": directory, "url": directory.absolute_url()}


@pytest.fixture
def mail_site(live, smtp_server):
    """The live site, its mails sent to the test SMTP server."""
    import transaction
    from smtp import use_server

    use_server(smtp_server.port)
    transaction.commit()
    return live
