"""1002: the requester may move a booking (workflow transition ``resubmit``), and the
faceted dashboard of every ResourceFolder gets its date range on the bookings' start."""

from communesplone.booking.dashboard import DASHBOARD_ID
from communesplone.booking.dashboard import add_date_criterion
from plone import api


def upgrade(setup_tool):
    """Import the workflow again; add the date criterion where it is missing."""
    setup_tool.runImportStepFromProfile("profile-communesplone.booking:default", "workflow",
                                        run_dependencies=False)
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type="ResourceFolder"):
        folder = brain._unrestrictedGetObject()
        dashboard = folder.get(DASHBOARD_ID) if DASHBOARD_ID in folder.objectIds() else None
        if dashboard is not None and dashboard.portal_type == "Dashboard":
            add_date_criterion(dashboard)
