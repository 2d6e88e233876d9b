"""Fixtures for the whole suite: Plone layers through pytest-plone."""

from communesplone.testing import COMMUNESPLONE_DEMO_FUNCTIONAL_TESTING
from communesplone.testing import COMMUNESPLONE_FUNCTIONAL_TESTING
from communesplone.testing import COMMUNESPLONE_INTEGRATION_TESTING
from communesplone.testing import COMMUNESPLONE_ZCML_INTEGRATION_TESTING
from hypothesis import settings
from pytest_plone import fixtures_factory

import pytest
import sys
from pathlib import Path

# Speed is measured by `make bench`, never by a test's clock: hypothesis's
# per-example deadline (200 ms) failed a property test on a loaded CI machine.
settings.register_profile("communesplone", deadline=None)
settings.load_profile("communesplone")

sys.path.insert(0, str(Path(__file__).parent))

pytest_plugins = ["pytest_plone"]

globals().update(
    fixtures_factory(
        (
            (COMMUNESPLONE_FUNCTIONAL_TESTING, "functional"),
            (COMMUNESPLONE_INTEGRATION_TESTING, "integration"),
            (COMMUNESPLONE_ZCML_INTEGRATION_TESTING, "bare"),
            # the demo commune as `make start` makes it (tests/test_journeys.py)
            (COMMUNESPLONE_DEMO_FUNCTIONAL_TESTING, "demo_commune"),
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


def _layer_of(item):
    """The most specific plone.testing layer among the fixtures ``item`` uses.

    pytest-plone's fixtures are made by zope.pytestlayer, whose generated
    functions hold their layer in their globals.
    """
    found = []
    for definitions in item._fixtureinfo.name2fixturedefs.values():
        func = getattr(definitions[-1], "func", None)
        layer = getattr(func, "__globals__", {}).get("layer")
        if layer is not None and hasattr(layer, "__bases__"):
            found.append(layer)
    if not found:
        return None
    from inspect import getmro

    return max(found, key=lambda layer: len(getmro(layer) if isinstance(layer, type)
                                            else _bases(layer)))


def _bases(layer):
    seen = []
    stack = [layer]
    while stack:
        current = stack.pop()
        if current not in seen and current is not object:
            seen.append(current)
            stack.extend(getattr(current, "__bases__", ()))
    return seen


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(session, config, items):
    """Tell zope.pytestlayer which layer each test uses (``item.layer``).

    It knows it only for unittest classes; for pytest functions it tore the
    layers down after every test and set them up again before the next (about
    10 s a test). With ``item.layer`` it orders the tests by layer and keeps a
    layer up while the next test needs it, as zope.testrunner does.
    """
    for item in items:
        layer = _layer_of(item)
        if layer is not None:
            item.layer = layer
