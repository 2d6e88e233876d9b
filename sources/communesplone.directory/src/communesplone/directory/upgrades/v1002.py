"""1001 -> 1002: the directories' faceted listings get counts on their filters and the
result list (name, category, locality, open now) instead of eea's cards."""

from communesplone.directory.faceted import SEARCH_ID
from communesplone.directory.faceted import ensure_search
from communesplone.directory.faceted import update_search
from plone import api


def update_faceted_listings(setup_tool=None):
    """Idempotent; a directory without a listing gets one."""
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type="BusinessDirectory"):
        directory = brain._unrestrictedGetObject()
        had_one = SEARCH_ID in directory.objectIds()
        search = ensure_search(directory)
        if had_one:
            update_search(search)
