"""The managers' faceted dashboard of a ResourceFolder (``communesplone.core.faceted``).

Every ResourceFolder gets a ``dashboard`` (a faceted ``Dashboard`` of
communesplone.core) with three saved searches, the first one opening by
default: bookings waiting for a decision, the confirmed ones, all of them. Its
results use the ``booking-faceted-items`` layout: one row per booking with the
one-click confirm button and the refuse form (a reason is required).

The catalog filters every result by the reader's permissions: a manager group
sees the bookings of the resources it manages, and nothing else. Without the
``Dashboard`` type (an older communesplone.core) nothing is made; the plain
``@@bookings-dashboard`` page does the same work without JavaScript.
"""

from communesplone.booking import _
from communesplone.booking.content.resource import DEFAULT_MANAGER_GROUP
from plone import api

DASHBOARD_ID = "dashboard"
LAYOUT = "booking-faceted-items"


def _collections():
    from communesplone.core.faceted import DashboardCollection

    return [
        DashboardCollection(
            "pending", _("booking_collection_pending", default="Waiting for a decision"),
            query={"portal_type": "Booking", "review_state": "pending"},
            sort_on="start", sort_reversed=False),
        DashboardCollection(
            "confirmed", _("booking_collection_confirmed", default="Confirmed"),
            query={"portal_type": "Booking", "review_state": "confirmed"},
            sort_on="start", sort_reversed=False),
        DashboardCollection(
            "all", _("booking_collection_all", default="All bookings"),
            query={"portal_type": "Booking"}, sort_on="start", sort_reversed=True),
    ]


def ensure_dashboard(folder):
    """The faceted dashboard of ``folder``, made when missing (None without the type)."""
    if "Dashboard" not in api.portal.get_tool("portal_types").objectIds():
        return None
    from communesplone.core.faceted import make_dashboard
    from eea.facetednavigation.layout.interfaces import IFacetedLayout

    existed = DASHBOARD_ID in folder.objectIds()
    dashboard = make_dashboard(
        folder, DASHBOARD_ID, _("booking_dashboard_title", default="Bookings to handle"),
        collections=_collections(), groups=[DEFAULT_MANAGER_GROUP])
    if not existed:
        IFacetedLayout(dashboard).update_layout(LAYOUT)
    return dashboard


def resource_folder_added(folder, event):
    ensure_dashboard(folder)
