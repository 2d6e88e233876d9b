"""The profile: types, workflow, indexes, permissions, the editors' group."""

from plone import api
from plone.base.utils import get_installer


def test_installed(integration):
    portal = integration["portal"]
    installer = get_installer(portal, integration["request"])
    assert installer.is_product_installed("communesplone.directory")
    types = portal.portal_types
    assert "BusinessDirectory" in types.objectIds() and "Business" in types.objectIds()
    assert portal.portal_workflow.getChainForPortalType("Business") == (
        "communesplone_business_workflow",)
    indexes = set(portal.portal_catalog.indexes())
    assert {"business_categories", "business_locality", "business_latitude",
            "business_longitude", "business_open_slots", "business_closed_days"} <= indexes


def test_moderator_group_gets_local_roles(directory):
    roles = dict(directory.get_local_roles())
    assert set(roles["communesplone-economy"]) == {"Contributor", "Editor", "Reviewer"}
    with api.env.adopt_user("eva"):
        assert api.user.has_permission("communesplone.directory: Moderate businesses",
                                       obj=directory)
    with api.env.adopt_user("alice"):
        assert not api.user.has_permission("communesplone.directory: Moderate businesses",
                                           obj=directory)


def test_categories_are_normalised(directory):
    with api.env.adopt_roles(["Manager"]):
        directory.categories = ["Horeca>Café", "  ", "Horeca > Café"]
        from zope.lifecycleevent import modified

        modified(directory)
    assert directory.categories == ["Horeca", "Horeca > Café"]


def test_a_new_entry_leaves_the_directory_settings_alone(directory, monkeypatch):
    """Adding an entry notifies the directory as modified (its contents changed):
    its settings are not written again then; an edit of the directory still is."""
    from communesplone.directory import events
    from directoryhelpers import make_business
    from zope.lifecycleevent import modified

    calls = []
    monkeypatch.setattr(events, "ensure_search", calls.append)
    make_business(directory, "nouvelle-entree")
    assert "nouvelle-entree" in directory.objectIds()
    assert calls == []
    with api.env.adopt_roles(["Manager"]):
        modified(directory)
    assert calls == [directory]


def test_dashboard_for_editors_only(directory):
    from communesplone.core.faceted import collection_counts
    from directoryhelpers import make_business

    make_business(directory, "a-moderer", state="pending")
    make_business(directory, "refusee", state="rejected")
    make_business(directory, "publiee")
    dashboard = directory["dashboard"]
    with api.env.adopt_user("eva"):
        assert api.user.has_permission("View", obj=dashboard)
        counts = collection_counts(dashboard)
    assert counts == {"to-moderate": 1, "rejected": 1, "not-updated": 0, "all": 3}
    with api.env.adopt_user("alice"):
        assert not api.user.has_permission("View", obj=dashboard)
    # the public listing and exports hold entries only, never the dashboard
    assert [b.getId for b in api.content.find(context=directory, portal_type="Business",
                                              review_state="published")] == ["publiee"]


def test_not_updated_for_a_year(directory):
    from communesplone.core.faceted import collection_counts
    from directoryhelpers import make_business
    from DateTime import DateTime

    old = make_business(directory, "ancienne")
    old.setModificationDate(DateTime() - 400)
    old.reindexObject(idxs=["modified"])
    with api.env.adopt_user("eva"):
        assert collection_counts(directory["dashboard"])["not-updated"] == 1


def test_uninstall_leaves_nothing(integration):
    portal = integration["portal"]
    installer = get_installer(portal, integration["request"])
    installer.uninstall_product("communesplone.directory")
    catalog = portal.portal_catalog
    assert not {name for name in catalog.indexes() if name.startswith("business_")}
    assert not {name for name in catalog.schema() if name.startswith("business_")}
    assert "Business" not in portal.portal_types.objectIds()
    assert "communesplone_business_workflow" not in portal.portal_workflow.objectIds()
    from plone.browserlayer.utils import registered_layers

    assert "communesplone.directory.interfaces.IDirectoryLayer" not in {
        layer.__identifier__ for layer in registered_layers()}
    installer.install_product("communesplone.directory")
    assert "business_open_slots" in catalog.indexes()


def test_moderator_group_can_change(directory):
    from zope.lifecycleevent import modified

    with api.env.adopt_roles(["Manager"]):
        directory.moderator_group = "communesplone-secretariat"
        modified(directory)
    roles = dict(directory.get_local_roles())
    assert "communesplone-economy" not in roles
    assert set(roles["communesplone-secretariat"]) == {"Contributor", "Editor", "Reviewer"}
    assert "communesplone-secretariat" in dict(directory["dashboard"].get_local_roles())
