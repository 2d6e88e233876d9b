"""communesplone.core installs its control panel, registry, groups and layer."""

from communesplone.core.groups import SHARED_GROUPS
from communesplone.core.interfaces import ICommunesploneCoreLayer
from plone import api

import pytest


def test_installed(installer):
    assert installer.is_product_installed("communesplone.core")


def test_browser_layer(browser_layers):
    assert ICommunesploneCoreLayer in browser_layers


def test_controlpanel_in_site_setup(controlpanel_actions):
    assert "communesplone-commune" in controlpanel_actions


@pytest.mark.parametrize("group_id", [group_id for group_id, _title in SHARED_GROUPS])
def test_shared_group_created(portal, group_id):
    assert api.group.get(groupname=group_id) is not None


def test_shared_groups_idempotent(portal):
    from communesplone.core.groups import ensure_shared_groups

    group = api.group.get(groupname="communesplone-population")
    api.group.add_user(group=group, username="test_user_1_")
    assert ensure_shared_groups() == []
    members = api.user.get_users(groupname="communesplone-population")
    assert [member.getId() for member in members] == ["test_user_1_"]


def test_commune_settings_records(portal):
    assert api.portal.get_registry_record("communesplone.core.languages") == ["fr"]
    assert api.portal.get_registry_record("communesplone.core.site_preset") == "commune"
