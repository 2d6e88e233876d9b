"""Every ``communesplone.*:default`` profile installs, uninstalls and reinstalls cleanly.

The add-ons are found on disk (``src/communesplone/<addon>/profiles/default``),
so a new add-on is covered without touching this file; a second test checks
that the list matches what GenericSetup registered.
"""

from communesplone.policy.presets import load_preset
from plone.base.utils import get_installer
from plone.browserlayer.utils import registered_layers
from plone.registry.interfaces import IRegistry
from zope.component import getUtility

import pytest
import re

from layout import package_glob
from layout import part_folder
ADDONS = sorted(
    f"communesplone.{path.parents[2].name}"
    for path in package_glob("*/profiles/default/metadata.xml")
)


def dependencies(addon):
    """The products a profile's metadata.xml depends on (in order)."""
    metadata = part_folder(addon.split(".", 1)[1]) / "profiles" / "default" / "metadata.xml"
    return re.findall(r"<dependency>profile-([\w.]+):default</dependency>", metadata.read_text())


def prerequisites(addon):
    """What must be installed before ``addon`` so that uninstalling it returns to the baseline.

    The policy installs the add-ons of the site's preset: they are its prerequisites.
    """
    products = dependencies(addon)
    if addon == "communesplone.policy":
        products += [name for name in load_preset("commune").addons if name != addon]
    return products


def snapshot(portal):
    """What an add-on may add to a site and must remove on uninstall."""
    catalog = portal.portal_catalog
    return {
        "types": set(portal.portal_types.objectIds()),
        "workflows": set(portal.portal_workflow.objectIds()),
        "registry": set(getUtility(IRegistry).records.keys()),
        "indexes": set(catalog.indexes()),
        "metadata": set(catalog.schema()),
        "layers": {layer.__identifier__ for layer in registered_layers()},
        "controlpanel": {action.id for action in portal.portal_controlpanel.listActions()},
    }


def test_addons_found():
    assert "communesplone.core" in ADDONS
    assert "communesplone.policy" in ADDONS


def test_every_registered_profile_is_tested(bare):
    setup_tool = bare["portal"].portal_setup
    registered = {
        info["id"].split(":")[0]
        for info in setup_tool.listProfileInfo()
        if info["id"].startswith("communesplone.") and info["id"].endswith(":default")
    }
    assert registered == set(ADDONS)


@pytest.mark.parametrize("addon", ADDONS)
def test_install_uninstall_reinstall(bare, addon):
    portal = bare["portal"]
    installer = get_installer(portal, bare["request"])
    for product in prerequisites(addon):
        installer.install_product(product)
    assert not installer.is_product_installed(addon)
    baseline = snapshot(portal)

    assert installer.install_product(addon)
    assert installer.is_product_installed(addon)
    installed = snapshot(portal)

    assert installer.uninstall_product(addon)
    assert not installer.is_product_installed(addon)
    after_uninstall = snapshot(portal)
    for key in baseline:
        assert after_uninstall[key] == baseline[key], (
            f"{addon} left {key} behind: {sorted(after_uninstall[key] - baseline[key])}"
            f" (removed {sorted(baseline[key] - after_uninstall[key])})"
        )

    assert installer.install_product(addon)
    assert snapshot(portal) == installed
