"""Operating many sites: upgrades, add-ons, export and import (in-process).

The upgrade test registers a test-only profile ``communesplone.hostingtest``
whose metadata says 1002, with real GenericSetup upgrade steps 1000 -> 1001
-> 1002, and marks it installed at 1000: exactly what a site sees after a
release bumps an add-on's profile version.
"""

from communesplone.hosting.views import operate
from communesplone.policy.sites import SiteError
from communesplone.policy.sites import change_addon
from communesplone.policy.sites import create_site
from communesplone.policy.sites import describe_site
from communesplone.policy.sites import export_site
from communesplone.policy.sites import import_site
from communesplone.policy.sites import upgrade_site
from plone import api
from plone.namedfile.file import NamedBlobFile
from Products.GenericSetup import EXTENSION
from Products.GenericSetup import profile_registry
from Products.GenericSetup.upgrade import UpgradeStep
from Products.GenericSetup.upgrade import _registerUpgradeStep
from Products.GenericSetup.upgrade import _upgrade_registry
from zope.component.hooks import setSite

import pytest

PRODUCT = "communesplone.hostingtest"
PROFILE = f"{PRODUCT}:default"
FAIL = {"second": False}


def first_step(setup_tool):
    portal = api.portal.get()
    portal._hosting_test_runs = getattr(portal, "_hosting_test_runs", 0) + 1


def second_step(setup_tool):
    if FAIL["second"]:
        raise RuntimeError("the catalog is on fire")
    api.portal.get()._hosting_test_second = True


@pytest.fixture
def test_profile(tmp_path):
    (tmp_path / "metadata.xml").write_text(
        '<?xml version="1.0"?><metadata><version>1002</version></metadata>'
    )
    profile_registry.registerProfile("default", "Hosting test", "", str(tmp_path),
                                     product=PRODUCT, profile_type=EXTENSION)
    _registerUpgradeStep(UpgradeStep("Count the runs", PROFILE, "1000", "1001", "", first_step))
    _registerUpgradeStep(UpgradeStep("Mark the site", PROFILE, "1001", "1002", "",
                                     second_step))
    yield PROFILE
    FAIL["second"] = False
    _upgrade_registry.getUpgradeStepsForProfile(PROFILE).clear()
    profile_registry.unregisterProfile("default", PRODUCT)


@pytest.fixture
def portal(integration):
    portal = integration["portal"]
    setSite(portal)
    return portal


def test_upgrade_runs_pending_steps_once_and_is_safe_to_rerun(portal, test_profile):
    portal.portal_setup.setLastVersionForProfile(test_profile, "1000")
    before = {a["id"]: a for a in describe_site(portal)["addons"]}[PRODUCT]
    assert (before["version"], before["available"], before["pending"]) == ("1000", "1002", 2)

    done = upgrade_site(portal)
    assert done == {PROFILE: {"from": "1000", "to": "1002",
                              "steps": ["Count the runs", "Mark the site"]}}
    assert portal._hosting_test_runs == 1 and portal._hosting_test_second
    assert portal.portal_setup.getLastVersionForProfile(PROFILE) == ("1002",)

    assert upgrade_site(portal) == {}  # nothing pending: nothing runs again
    assert portal._hosting_test_runs == 1
    after = {a["id"]: a for a in describe_site(portal)["addons"]}[PRODUCT]
    assert (after["version"], after["pending"]) == ("1002", 0)


def test_failing_step_names_the_site_and_the_step(portal, test_profile):
    portal.portal_setup.setLastVersionForProfile(test_profile, "1000")
    FAIL["second"] = True
    with pytest.raises(SiteError) as raised:
        upgrade_site(portal)
    message = str(raised.value)
    assert "Site 'plone'" in message
    assert "'Mark the site'" in message and PROFILE in message and "1001 -> 1002" in message
    assert "the catalog is on fire" in message


def test_profile_not_installed_is_left_alone(portal, test_profile):
    assert portal.portal_setup.getLastVersionForProfile(PROFILE) == "unknown"
    assert upgrade_site(portal) == {}
    assert not hasattr(portal, "_hosting_test_runs")


def test_addon_install_and_uninstall(portal):
    assert change_addon(portal, "communesplone.booking", install=False) is True
    assert "Resource" not in portal.portal_types.objectIds()
    assert change_addon(portal, "communesplone.booking", install=False) is False
    assert change_addon(portal, "communesplone.booking", install=True) is True
    assert "Resource" in portal.portal_types.objectIds()
    with pytest.raises(SiteError, match="Site 'plone': unknown add-on 'plone.app.nope'"):
        change_addon(portal, "plone.app.nope")


def test_operate_names_a_missing_site(integration):
    with pytest.raises(SiteError, match="No site 'nowhere'"):
        operate(integration["app"], {"action": "upgrade", "site": "nowhere"})
    with pytest.raises(SiteError, match="Unknown action"):
        operate(integration["app"], {"action": "explode", "site": "plone"})


def test_caching_turned_on_for_an_existing_site(integration):
    """``communesplone sites caching ID --proxy URL``: an existing site gets the cache."""
    registry = integration["portal"].portal_registry
    assert not registry.get("plone.caching.interfaces.ICacheSettings.enabled", False)
    result = operate(integration["app"], {"action": "caching", "site": "plone",
                                          "proxies": ["http://127.0.0.1:6081"]})
    assert result == {"site": "plone", "proxies": ["http://127.0.0.1:6081"]}
    assert registry["plone.caching.interfaces.ICacheSettings.enabled"] is True
    purging = "plone.cachepurging.interfaces.ICachePurgingSettings"
    assert registry[f"{purging}.cachingProxies"] == ("http://127.0.0.1:6081",)
    assert registry[f"{purging}.enabled"] is True
    operate(integration["app"], {"action": "caching", "site": "plone", "proxies": []})
    assert registry[f"{purging}.enabled"] is False
    assert registry["plone.caching.interfaces.ICacheSettings.enabled"] is True


def test_export_then_import_into_a_new_site(integration, tmp_path):
    app, portal = integration["app"], integration["portal"]
    setSite(portal)
    with api.env.adopt_roles(["Manager"]):
        page = api.content.create(container=portal, type="Document", id="horaires",
                                  title="Horaires de l'administration")
        api.content.create(container=portal, type="File", id="budget", title="Budget 2027",
                           file=NamedBlobFile(data=b"%PDF-1.4 budget" * 100,
                                              filename="budget.pdf"))
        api.content.transition(page, "publish")
        # the command runs as Zope's system user, the HTTP view as the root admin
        export_site(portal, tmp_path / "export")
        assert (tmp_path / "export" / "content").is_dir()
        copy, _report = import_site(app, "copie", tmp_path / "export", preset_name="commune")
    assert copy.getId() == "copie"
    assert copy["horaires"].Title() == "Horaires de l'administration"
    assert api.content.get_state(copy["horaires"]) == "published"
    assert copy["budget"].file.data == b"%PDF-1.4 budget" * 100
    with pytest.raises(SiteError, match="Site 'other': .* is not an export"):
        import_site(app, "other", tmp_path)
    setSite(portal)


def test_import_refuses_an_existing_non_site(integration, tmp_path):
    app = integration["app"]
    (tmp_path / "content").mkdir()
    with pytest.raises(SiteError, match="'acl_users' exists and is not a Plone site"):
        import_site(app, "acl_users", tmp_path)


def test_created_site_lists_versions(integration):
    app = integration["app"]
    site = create_site(app, "namur", preset_name="commune")
    addons = {a["id"]: a for a in describe_site(site)["addons"]}
    assert addons["communesplone.booking"]["installed"] is True
    assert addons["communesplone.core"]["version"] == addons["communesplone.core"]["available"]
    assert addons["communesplone.core"]["pending"] == 0
    setSite(integration["portal"])
