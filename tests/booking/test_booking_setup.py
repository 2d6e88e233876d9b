"""The add-on installs its types, workflow, permissions and layer.

Uninstalling is checked by tests/test_addons.py.
"""

from communesplone.booking.interfaces import IBookingLayer
from plone import api
from plone.base.utils import get_installer
from plone.browserlayer.utils import registered_layers


class TestSetup:
    """In one class: the test layer is set up once for them all, not once per test."""

    def test_installed_with_types_workflow_and_layer(self, integration):
        portal = integration["portal"]
        installer = get_installer(portal, integration["request"])
        assert installer.is_product_installed("communesplone.booking")
        assert IBookingLayer in registered_layers()
        for name in ("ResourceFolder", "Resource", "Booking"):
            assert name in portal.portal_types.objectIds()
        resource_fti = portal.portal_types["Resource"]
        assert resource_fti.filter_content_types
        assert list(resource_fti.allowed_content_types) == ["Booking"]
        assert portal.portal_workflow.getChainForPortalType("Booking") == (
            "communesplone_booking_workflow",
        )
        workflow = portal.portal_workflow["communesplone_booking_workflow"]
        assert set(workflow.states.objectIds()) == {"pending", "confirmed", "refused", "cancelled"}
        assert set(workflow.transitions.objectIds()) == {"confirm", "refuse", "cancel",
                                                          "resubmit"}
        roles = {item["name"] for item in portal.rolesOfPermission(
            "communesplone.booking: Manage bookings") if item["selected"]}
        assert roles == {"Manager", "Site Administrator", "Reviewer"}

    def test_upgrade_1001_adds_the_dashboard(self, integration):
        """A site released with 1000: its resource folders get their faceted dashboard."""
        portal = integration["portal"]
        setup = portal.portal_setup
        with api.env.adopt_roles(["Manager"]):
            folder = api.content.create(container=portal, type="ResourceFolder", id="salles",
                                        title="Salles")
            api.content.delete(folder["dashboard"])
            setup.setLastVersionForProfile("communesplone.booking:default", "1000")
            [step] = [step for step in setup.listUpgrades("communesplone.booking:default")
                      if step["dest"] == ("1001",)]
            step["step"].doStep(setup)
            setup.setLastVersionForProfile("communesplone.booking:default", "1001")
        assert folder["dashboard"].portal_type == "Dashboard"
        assert setup.getLastVersionForProfile("communesplone.booking:default") == ("1001",)
        assert [step["dest"] for step in setup.listUpgrades(
            "communesplone.booking:default")] == [("1002",), ("1003",)]

    def test_upgrade_1002_adds_the_date_filter_and_the_move_transition(self, integration):
        """A site at 1001: its dashboards get the date range once; the workflow its transition."""
        from communesplone.booking.dashboard import date_criterion
        from eea.facetednavigation.interfaces import ICriteria

        portal = integration["portal"]
        setup = portal.portal_setup
        workflow = portal.portal_workflow["communesplone_booking_workflow"]
        with api.env.adopt_roles(["Manager"]):
            folder = api.content.create(container=portal, type="ResourceFolder", id="salles",
                                        title="Salles")
            dashboard = folder["dashboard"]
            assert date_criterion(dashboard) is not None  # a new site has it
            criteria = ICriteria(dashboard)
            criteria.delete(date_criterion(dashboard))  # as a dashboard made by 1001
            workflow.transitions.deleteTransitions(["resubmit"])
            before = len(criteria.keys())
            setup.setLastVersionForProfile("communesplone.booking:default", "1001")
            step = setup.listUpgrades("communesplone.booking:default")[0]
            assert step["dest"] == ("1002",)
            step["step"].doStep(setup)
            step["step"].doStep(setup)  # twice: nothing more
            setup.setLastVersionForProfile("communesplone.booking:default", "1002")
        assert len(criteria.keys()) == before + 1
        added = criteria.get(date_criterion(dashboard))
        assert (added.get("widget"), added.get("index")) == ("daterange", "start")
        assert added.get("title") == "Date of the booking"
        assert "resubmit" in workflow.transitions.objectIds()
        assert "resubmit" in workflow.states["confirmed"].transitions
        assert [step["dest"] for step in setup.listUpgrades(
            "communesplone.booking:default")] == [("1003",)]
