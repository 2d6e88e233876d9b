"""1003: the managers' dashboard of every ResourceFolder becomes a table (resource,
when, requester, purpose, state) with batch actions; the bookings get the catalog
columns the table reads."""

from communesplone.booking.dashboard import DASHBOARD_ID
from communesplone.booking.dashboard import TABLE_NAME
from communesplone.core.tables import move_dashboards
from plone import api


def upgrade(setup_tool):
    setup_tool.runImportStepFromProfile("profile-communesplone.booking:default", "catalog",
                                        run_dependencies=False)
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type="Booking"):
        # only the columns are new: one cheap index to recatalog the metadata
        brain._unrestrictedGetObject().reindexObject(idxs=["getId"])
    move_dashboards("ResourceFolder", DASHBOARD_ID, TABLE_NAME)
