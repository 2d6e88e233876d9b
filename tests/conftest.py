"""Fixtures for the whole suite: Plone layers through pytest-plone."""

from communesplone.testing import COMMUNESPLONE_FUNCTIONAL_TESTING
from communesplone.testing import COMMUNESPLONE_INTEGRATION_TESTING
from communesplone.testing import COMMUNESPLONE_ZCML_INTEGRATION_TESTING
from pytest_plone import fixtures_factory

import pytest
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

pytest_plugins = ["pytest_plone"]

globals().update(
    fixtures_factory(
        (
            (COMMUNESPLONE_FUNCTIONAL_TESTING, "functional"),
            (COMMUNESPLONE_INTEGRATION_TESTING, "integration"),
            (COMMUNESPLONE_ZCML_INTEGRATION_TESTING, "bare"),
        ),
        keep_session=False,
    )
)


@pytest.fixture
def smtp_server():
    """A real SMTP server (aiosmtpd) on loopback for the duration of a test."""
    from smtp import SMTPServer

    with SMTPServer() as server:
        yield server
