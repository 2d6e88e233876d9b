"""Upgrade steps of communesplone.policy."""

from plone import api
from plone.registry.interfaces import IRegistry
from zope.component import getUtility

BUNDLE = "plone.bundles/communesplone-accessibility"


def test_upgrade_to_1001_adds_the_accessibility_bundle(integration):
    portal = integration["portal"]
    registry = getUtility(IRegistry)
    names = registry.records.keys()
    for name in [name for name in names if name.startswith(BUNDLE)]:
        del registry.records[name]
    setup_tool = portal.portal_setup
    setup_tool.setLastVersionForProfile("communesplone.policy:default", "1000")
    setup_tool.upgradeProfile("communesplone.policy:default")
    assert api.portal.get_registry_record(f"{BUNDLE}.csscompilation").endswith(
        "accessibility.css")
    last = setup_tool.getVersionForProfile("communesplone.policy:default")
    assert setup_tool.getLastVersionForProfile("communesplone.policy:default") == (last,)
