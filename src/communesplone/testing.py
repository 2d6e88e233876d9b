"""Test layers shared by every CommunesPlone add-on's tests.

``COMMUNESPLONE_ZCML_FIXTURE`` loads every add-on's ZCML on a Plone site that
has none of them installed (the generic install/uninstall test uses it);
``COMMUNESPLONE_FIXTURE`` installs the ``commune`` preset (every add-on) the
way ``communesplone sites create --preset commune`` does.
"""

from plone.app.contenttypes.testing import PLONE_APP_CONTENTTYPES_FIXTURE
from plone.app.testing import FunctionalTesting
from plone.app.testing import IntegrationTesting
from plone.app.testing import PloneSandboxLayer
from plone.app.testing import applyProfile
from plone.testing.zope import STARTUP
from plone.testing.zope import WSGIServer

import os

# Translations are compiled from the .po files when Zope starts, as in production.
os.environ.setdefault("zope_i18n_compile_mo_files", "true")


class FreshPortWSGIServer(WSGIServer):
    """plone.testing's WSGI server layer, on a new free port at each set-up.

    plone.testing keeps the port it was given by the system for the layer's
    next set-up; by then (another layer ran in between) another process, the
    other pytest worker or a server a test started, may hold it: "Address
    already in use". Forgetting it lets the system pick a free one again.
    """

    defaultBases = (STARTUP,)

    def tearDown(self):
        super().tearDown()
        self.__dict__.pop("host", None)
        self.__dict__.pop("port", None)


WSGI_SERVER_FIXTURE = FreshPortWSGIServer(name="CommunesPlone:WSGIServer")


class CommunesploneZCMLLayer(PloneSandboxLayer):
    """Every CommunesPlone add-on's ZCML, no profile installed."""

    defaultBases = (PLONE_APP_CONTENTTYPES_FIXTURE,)

    def setUpZope(self, app, configurationContext):
        import communesplone.policy
        import plone.restapi

        self.loadZCML(package=plone.restapi)
        self.loadZCML(package=communesplone.policy)
        _register_add_view_again()


def _register_add_view_again():
    """Register plone.dexterity's default add view in this layer's component registry.

    plone.testing stacks a global registry per layer, and a lookup stops at the
    first registry of the stack that has a match. collective.eeafaceted.collectionwidget
    (loaded here through communesplone.core) registers an unnamed catch-all
    multi-adapter ``(*, *, *)``; in this layer's registry it would hide the more
    specific add view of the base registry, and every ``++add++<type>`` would answer
    404 in the tests only. In a real instance there is one global registry and the
    most specific registration wins (``tests/policy/test_cli.py`` checks it).
    """
    from plone.dexterity.browser.add import DefaultAddView
    from plone.dexterity.interfaces import IDexterityFTI
    from Products.CMFCore.interfaces import IFolderish
    from zope.component import provideAdapter
    from zope.publisher.interfaces.browser import IBrowserPage
    from zope.publisher.interfaces.browser import IDefaultBrowserLayer

    provideAdapter(DefaultAddView, adapts=(IFolderish, IDefaultBrowserLayer, IDexterityFTI),
                   provides=IBrowserPage)


COMMUNESPLONE_ZCML_FIXTURE = CommunesploneZCMLLayer()


class CommunesploneLayer(PloneSandboxLayer):
    """A site with the ``commune`` preset: every add-on installed."""

    defaultBases = (COMMUNESPLONE_ZCML_FIXTURE,)

    def setUpPloneSite(self, portal):
        applyProfile(portal, "communesplone.policy:default")


COMMUNESPLONE_FIXTURE = CommunesploneLayer()

COMMUNESPLONE_ZCML_INTEGRATION_TESTING = IntegrationTesting(
    bases=(COMMUNESPLONE_ZCML_FIXTURE,), name="CommunesPlone:ZCMLIntegration"
)
COMMUNESPLONE_INTEGRATION_TESTING = IntegrationTesting(
    bases=(COMMUNESPLONE_FIXTURE,), name="CommunesPlone:Integration"
)
COMMUNESPLONE_FUNCTIONAL_TESTING = FunctionalTesting(
    bases=(COMMUNESPLONE_FIXTURE, WSGI_SERVER_FIXTURE), name="CommunesPlone:Functional"
)


class AddonLayer(PloneSandboxLayer):
    """``COMMUNESPLONE_FIXTURE`` plus one add-on that is not (yet) in the preset.

    While an add-on is being built, its tests run on this layer: its ZCML and
    its profile are loaded on top of the commune preset, so a half-built
    add-on never breaks the other add-ons' tests. Once the add-on is in the
    preset, loading it again changes nothing.
    """

    defaultBases = (COMMUNESPLONE_FIXTURE,)

    def __init__(self, addon):
        self.addon = addon
        super().__init__(name=f"CommunesPlone:{addon}:Fixture", module=__name__)

    def setUpZope(self, app, configurationContext):
        import importlib

        self.loadZCML(package=importlib.import_module(f"communesplone.{self.addon}"))

    def setUpPloneSite(self, portal):
        applyProfile(portal, f"communesplone.{self.addon}:default")


def addon_testing(addon):
    """(integration, functional) testing layers for one add-on, see ``AddonLayer``."""
    fixture = AddonLayer(addon)
    return (
        IntegrationTesting(bases=(fixture,), name=f"CommunesPlone:{addon}:Integration"),
        FunctionalTesting(
            bases=(fixture, WSGI_SERVER_FIXTURE), name=f"CommunesPlone:{addon}:Functional"
        ),
    )


class CommunesploneDemoLayer(PloneSandboxLayer):
    """The demo commune as ``make start`` makes it: the ``demo`` preset's commune
    settings (bilingual French and Dutch) and its demo content. The citizen
    journeys (``tests/test_journeys.py``) walk it."""

    defaultBases = (COMMUNESPLONE_FIXTURE,)

    def setUpPloneSite(self, portal):
        from communesplone.policy.presets import load_preset
        from plone import api
        from zope.globalrequest import setRequest

        # The demo's order numbering reads the request, as under `make start`.
        setRequest(portal.REQUEST)
        preset = load_preset("demo")
        for key, value in preset.commune.items():
            api.portal.set_registry_record(f"communesplone.core.{key}", value)
        applyProfile(portal, "communesplone.policy:demo")


COMMUNESPLONE_DEMO_FIXTURE = CommunesploneDemoLayer()
COMMUNESPLONE_DEMO_FUNCTIONAL_TESTING = FunctionalTesting(
    bases=(COMMUNESPLONE_DEMO_FIXTURE, WSGI_SERVER_FIXTURE), name="CommunesPlone:DemoFunctional"
)
