"""Upgrade 1004 of communesplone.core: an existing site gets Mon espace in the user
menu, the editing UI for staff only, and its rooms cleared of citizen creators."""

from plone import api

import pytest


@pytest.fixture
def site(integration):
    portal = integration["portal"]
    with api.env.adopt_roles(["Manager"]):
        for user_id in ("marie", "clerk"):
            api.user.create(email=f"{user_id}@example.org", username=user_id,
                            password="secret-password-123")
        folder = api.content.create(container=portal, type="ResourceFolder", id="salles",
                                    title="Salles")
        room = api.content.create(container=folder, type="Resource", id="salle",
                                  title="Salle", manager_group="communesplone-facilities")
        api.group.add_user(groupname="communesplone-facilities", username="clerk")
    return portal, room


def _roles(portal, permission):
    return {role["name"] for role in portal.rolesOfPermission(permission) if role["selected"]}


def test_upgrade_to_1004(site):
    portal, room = site
    setup_tool = portal.portal_setup
    # a site as 1003 left it: Plone's defaults, a room polluted by a booking
    portal.manage_permission("Show Toolbar", ["Authenticated"], acquire=False)
    portal.manage_permission("Sharing page: Delegate roles", ["Owner", "Manager"], acquire=True)
    portal.portal_actions.user.manage_delObjects(["my-space"])
    room.setCreators(["clerk", "marie"])
    room.reindexObject(idxs=["Creator", "listCreators"])
    modified = room.modified()
    setup_tool.setLastVersionForProfile("communesplone.core:default", "1003")
    setup_tool.upgradeProfile("communesplone.core:default")
    assert _roles(portal, "Show Toolbar") == {"Manager", "Site Administrator", "Editor",
                                              "Reviewer", "Contributor"}
    assert "Owner" not in _roles(portal, "Sharing page: Delegate roles")
    assert "Owner" not in _roles(portal, "List folder contents")
    assert portal.portal_actions.user.objectIds()[0] == "my-space"
    # the citizen is gone, the clerk of the room's service stays, the date is kept
    assert room.listCreators() == ("clerk",)
    [brain] = api.content.find(UID=room.UID())
    assert brain.listCreators == ("clerk",)
    assert room.modified() == modified
    assert setup_tool.getLastVersionForProfile("communesplone.core:default") == (
        setup_tool.getVersionForProfile("communesplone.core:default"),)


def test_uninstall_gives_plone_its_settings_back(integration):
    portal = integration["portal"]
    setup_tool = portal.portal_setup
    for step in ("rolemap", "actions"):
        setup_tool.runImportStepFromProfile("profile-communesplone.core:uninstall", step)
    assert "my-space" not in portal.portal_actions.user.objectIds()
    assert _roles(portal, "Show Toolbar") == {"Authenticated"}
    assert "Owner" in _roles(portal, "Sharing page: Delegate roles")
