"""1000 -> 1001: every existing directory gets its faceted listing (``<directory>/search``)."""

from communesplone.directory.faceted import ensure_search
from plone import api


def add_faceted_listings(setup_tool=None):
    """Idempotent: directories that already have one are left as they are."""
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type="BusinessDirectory"):
        ensure_search(brain._unrestrictedGetObject())
