"""The add-on installs its types, workflow, permissions and layer.

Uninstalling is checked by tests/test_addons.py.
"""

from communesplone.booking.interfaces import IBookingLayer
from plone.base.utils import get_installer
from plone.browserlayer.utils import registered_layers


def test_installed_with_types_workflow_and_layer(integration):
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
    assert set(workflow.transitions.objectIds()) == {"confirm", "refuse", "cancel"}
    roles = {item["name"] for item in portal.rolesOfPermission(
        "communesplone.booking: Manage bookings") if item["selected"]}
    assert roles == {"Manager", "Site Administrator", "Reviewer"}
