"""1001: the managers' faceted dashboard in every ResourceFolder (needs communesplone.core 1001)."""

from communesplone.booking.dashboard import ensure_dashboard
from plone import api


def upgrade(setup_tool):
    """Give every existing ResourceFolder the dashboard new folders get at creation."""
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type="ResourceFolder"):
        ensure_dashboard(brain._unrestrictedGetObject())
