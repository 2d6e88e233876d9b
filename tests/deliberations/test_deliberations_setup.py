"""Install, uninstall, the staff dashboard."""

from communesplone.deliberations.interfaces import IDeliberationsLayer
from deliberationhelpers import make_item
from deliberationhelpers import transition
from plone import api
from plone.base.utils import get_installer
from plone.browserlayer.utils import registered_layers

TYPES = ("Assembly", "Meeting", "MeetingItem", "Annex")


class TestSetup:
    def test_installed(self, integration):
        portal = integration["portal"]
        assert get_installer(portal, integration["request"]).is_product_installed(
            "communesplone.deliberations")
        assert IDeliberationsLayer in registered_layers()
        for name in TYPES:
            assert name in portal.portal_types.objectIds()
        chain = portal.portal_workflow.getChainForPortalType
        assert chain("MeetingItem") == ("communesplone_meetingitem_workflow",)
        assert chain("Meeting") == ("communesplone_meeting_workflow",)
        item_workflow = portal.portal_workflow["communesplone_meetingitem_workflow"]
        assert set(item_workflow.states.objectIds()) == {
            "created", "proposed", "validated", "presented", "frozen", "accepted",
            "accepted_but_modified", "refused", "postponed", "withdrawn", "published"}
        meeting_workflow = portal.portal_workflow["communesplone_meeting_workflow"]
        assert set(meeting_workflow.states.objectIds()) == {
            "created", "frozen", "in_session", "decided", "closed", "published"}
        assert "delib_meeting" in portal.portal_catalog.indexes()

    def test_uninstall_leaves_nothing(self, integration):
        portal = integration["portal"]
        installer = get_installer(portal, integration["request"])
        with api.env.adopt_roles(["Manager"]):
            installer.uninstall_product("communesplone.deliberations")
        assert not set(TYPES) & set(portal.portal_types.objectIds())
        assert "communesplone_meetingitem_workflow" not in portal.portal_workflow.objectIds()
        assert not [i for i in portal.portal_catalog.indexes() if i.startswith("delib_")]
        assert not [c for c in portal.portal_catalog.schema() if c.startswith("delib_")]
        assert IDeliberationsLayer not in registered_layers()
        assert api.portal.get_registry_record(
            "communesplone.deliberations.template_agenda", default=None) is None
        assert "Adviser" not in portal.valid_roles()


def test_dashboard_of_an_assembly(council):
    from communesplone.core.faceted import collection_counts

    dashboard = council["dashboard"]
    item = make_item(council, "Subside")
    transition(item, "propose", "eco")
    with api.env.adopt_user(username="clerk"):
        counts = collection_counts(dashboard)
    assert counts["to-validate"] == 1 and counts["meetings"] == 0
    with api.env.adopt_user(username="eco"):
        assert collection_counts(dashboard)["my-items"] == 1
    with api.env.adopt_user(username="pop"):
        assert collection_counts(dashboard)["to-validate"] == 0
    with api.env.adopt_user(username="citizen"):
        assert not api.user.has_permission("View", obj=dashboard)
