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
            "communesplone.booking:default")] == [("1002",), ("1003",), ("1004",), ("1005",),
                                                  ("1006",)]

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
            "communesplone.booking:default")] == [("1003",), ("1004",), ("1005",), ("1006",)]

    def test_upgrade_1003_makes_the_dashboard_a_table(self, integration):
        """A site at 1002: its dashboards show the table, its bookings the new columns."""
        from bookinghelpers import book
        from bookinghelpers import make_resource
        from bookinghelpers import next_monday
        from communesplone.core.tables import table_of
        from datetime import timedelta
        from eea.facetednavigation.layout.interfaces import IFacetedLayout

        portal = integration["portal"]
        setup = portal.portal_setup
        catalog = portal.portal_catalog
        with api.env.adopt_roles(["Manager"]):
            folder = api.content.create(container=portal, type="ResourceFolder", id="salles",
                                        title="Salles")
            monday = next_monday(weeks=2)
            booking = book(make_resource(folder, "salle"), monday,
                           monday + timedelta(hours=1), purpose="Chorale",
                           organisation="Les Amis")
            dashboard = folder["dashboard"]
            # as 1002 left them: cards, no columns
            IFacetedLayout(dashboard).update_layout("faceted-preview-items")
            del dashboard.dashboard_table
            catalog.delColumn("booking_purpose")
            setup.setLastVersionForProfile("communesplone.booking:default", "1002")
            [step] = [step for step in setup.listUpgrades("communesplone.booking:default")
                      if step["dest"] == ("1003",)]
            step["step"].doStep(setup)
            step["step"].doStep(setup)  # twice: nothing more
        assert IFacetedLayout(dashboard).layout == "faceted-table"
        assert table_of(dashboard).name == "bookings"
        [brain] = catalog(UID=booking.UID())
        assert brain.booking_purpose == "Chorale"
        assert brain.booking_requester == "Alice (Les Amis)"

    def test_upgrade_1004_refusing_opens_the_reason_form(self, integration):
        """A site at 1003: the status menu's refuse and cancel open ``@@transition-form``."""
        portal = integration["portal"]
        setup = portal.portal_setup
        workflow = portal.portal_workflow["communesplone_booking_workflow"]
        for transition_id in ("refuse", "cancel"):
            workflow.transitions[transition_id].actbox_url = (
                f"%(content_url)s/content_status_modify?workflow_action={transition_id}")
        with api.env.adopt_roles(["Manager"]):
            setup.setLastVersionForProfile("communesplone.booking:default", "1003")
            [step] = [step for step in setup.listUpgrades("communesplone.booking:default")
                      if step["dest"] == ("1004",)]
            step["step"].doStep(setup)
            setup.setLastVersionForProfile("communesplone.booking:default", "1006")
        for transition_id in ("refuse", "cancel"):
            assert workflow.transitions[transition_id].actbox_url == (
                f"%(content_url)s/@@transition-form?workflow_action={transition_id}")
        assert workflow.transitions["confirm"].actbox_url.endswith(
            "content_status_modify?workflow_action=confirm")
        assert setup.listUpgrades("communesplone.booking:default") == []
