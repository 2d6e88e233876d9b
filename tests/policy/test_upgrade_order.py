"""``sites upgrade`` runs the add-ons' profiles in the order of their dependencies.

Booking's 1001 step makes a dashboard of core 1001's ``Dashboard`` type in
every ResourceFolder: run alphabetically, booking went first, found no type,
made nothing, and its version moved on all the same. Core's steps now run
before those of every add-on whose ``metadata.xml`` names core.
"""

from communesplone.policy.sites import upgrade_order
from communesplone.policy.sites import upgrade_site
from plone import api
from Products.GenericSetup import EXTENSION
from Products.GenericSetup import profile_registry
from Products.GenericSetup.upgrade import UpgradeStep
from Products.GenericSetup.upgrade import _registerUpgradeStep
from Products.GenericSetup.upgrade import _upgrade_registry
from zope.component.hooks import setSite

import pytest

BOOKING = "communesplone.booking:default"
CORE = "communesplone.core:default"


class Profiles:
    """A stand-in for ``portal_setup``: the dependencies each metadata.xml lists."""

    def __init__(self, dependencies):
        self.dependencies = dependencies

    def getDependenciesForProfile(self, profile_id, ignore_broken=False):
        if profile_id not in self.dependencies:
            raise KeyError(profile_id)
        return tuple(f"profile-{d}" for d in self.dependencies[profile_id])


def test_dependencies_come_first_then_alphabetical():
    tool = Profiles({
        "b:default": ["c:default"], "c:default": ["plone.restapi:default"],
        "d:default": ["c:default"], "a:default": ["d:default"], "e:default": [],
        "plone.restapi:default": [],
    })
    order = upgrade_order(tool, ["a:default", "b:default", "c:default", "d:default",
                                 "e:default"])
    assert order == ["c:default", "e:default", "b:default", "d:default", "a:default"]


def test_dependencies_through_a_profile_not_ordered():
    """``a`` needs ``z`` through Plone's ``x``, which is not upgraded by us."""
    tool = Profiles({"a:default": ["x:default"], "x:default": ["z:default"],
                     "z:default": []})
    assert upgrade_order(tool, ["a:default", "z:default"]) == ["z:default", "a:default"]


def test_a_circle_keeps_the_rest_alphabetical():
    tool = Profiles({"a:default": ["b:default"], "b:default": ["a:default"],
                     "c:default": [], "gone:default": []})
    del tool.dependencies["gone:default"]  # unregistered since: depends on nothing
    assert upgrade_order(tool, ["gone:default", "c:default", "b:default", "a:default"]) == [
        "c:default", "gone:default", "a:default", "b:default"]


def test_the_commune_profiles_put_core_first(integration):
    setup_tool = integration["portal"].portal_setup
    order = upgrade_order(setup_tool, [
        "communesplone.booking:default", "communesplone.policy:default",
        "communesplone.core:default", "communesplone.eid:default"])
    assert order[0] == CORE
    assert sorted(order[1:]) == order[1:]


@pytest.fixture
def two_profiles(tmp_path):
    """``communesplone.aaa`` depends on ``communesplone.zzz``, and its step needs zzz's.

    Alphabetically aaa comes first, so only the dependency order passes.
    """
    made = []
    for product, dependency in (("communesplone.aaa", "communesplone.zzz"),
                                ("communesplone.zzz", None)):
        folder = tmp_path / product
        folder.mkdir()
        needs = (f"<dependencies><dependency>profile-{dependency}:default</dependency>"
                 "</dependencies>" if dependency else "")
        (folder / "metadata.xml").write_text(
            f'<?xml version="1.0"?><metadata><version>1001</version>{needs}</metadata>')
        profile_registry.registerProfile("default", product, "", str(folder),
                                         product=product, profile_type=EXTENSION)
        made.append(product)

    def zzz_step(setup_tool):
        api.portal.get()._zzz_ready = True

    def aaa_step(setup_tool):
        if not getattr(api.portal.get(), "_zzz_ready", False):
            raise RuntimeError("zzz 1001 has not run")
        api.portal.get()._aaa_done = True

    _registerUpgradeStep(UpgradeStep("Needs zzz", "communesplone.aaa:default", "1000",
                                     "1001", "", aaa_step))
    _registerUpgradeStep(UpgradeStep("Makes zzz ready", "communesplone.zzz:default", "1000",
                                     "1001", "", zzz_step))
    yield
    for product in made:
        _upgrade_registry.getUpgradeStepsForProfile(f"{product}:default").clear()
        profile_registry.unregisterProfile("default", product)


def test_two_addons_upgraded_together(integration, two_profiles):
    portal = integration["portal"]
    setSite(portal)
    for product in ("communesplone.aaa", "communesplone.zzz"):
        portal.portal_setup.setLastVersionForProfile(f"{product}:default", "1000")
    done = upgrade_site(portal)
    assert list(done)[:2] == ["communesplone.zzz:default", "communesplone.aaa:default"]
    assert portal._aaa_done


def test_booking_dashboards_made_when_core_and_booking_upgrade_together(integration):
    """A site from before core 1001 and booking 1001: one ``sites upgrade`` run
    gives every ResourceFolder its dashboard (booking's step needs core's type)."""
    portal = integration["portal"]
    setSite(portal)
    with api.env.adopt_roles(["Manager"]):
        folder = api.content.create(container=portal, type="ResourceFolder", id="salles",
                                    title="Salles")
        if "dashboard" in folder.objectIds():
            api.content.delete(folder["dashboard"], check_linkintegrity=False)
    portal.portal_types.manage_delObjects(["Dashboard"])
    setup_tool = portal.portal_setup
    setup_tool.setLastVersionForProfile(CORE, "1000")
    setup_tool.setLastVersionForProfile(BOOKING, "1000")
    with api.env.adopt_roles(["Manager"]):
        done = upgrade_site(portal)
    assert list(done).index(CORE) < list(done).index(BOOKING)
    assert "Dashboard" in portal.portal_types.objectIds()
    assert folder["dashboard"].portal_type == "Dashboard"
    for profile_id in (CORE, BOOKING):
        assert setup_tool.getLastVersionForProfile(profile_id) == (
            setup_tool.getVersionForProfile(profile_id),)
