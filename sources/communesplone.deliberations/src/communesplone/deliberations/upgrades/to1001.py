"""1000 → 1001: the staff dashboards get filters on category, service and dates."""

from communesplone.deliberations import logger
from communesplone.deliberations.dashboard import DASHBOARD_ID
from communesplone.deliberations.dashboard import refresh_criteria
from plone import api


def upgrade(context=None):
    """Import the new criteria into the dashboard of every assembly."""
    catalog = api.portal.get_tool("portal_catalog")
    count = 0
    for brain in catalog.unrestrictedSearchResults(portal_type="Assembly"):
        assembly = brain._unrestrictedGetObject()
        if DASHBOARD_ID in assembly.objectIds():
            refresh_criteria(assembly[DASHBOARD_ID])
            count += 1
    logger.info("Dashboard criteria refreshed on %s assemblies", count)
