"""Indexing works where no local site is set (the bug that emptied the demo layer).

The indexing queue runs when the transaction commits. A layer's set-up, a
script or a job may commit after ``setSite(None)``; an indexer that asks
``plone.api`` for the portal then raises, the commit fails, and everything the
transaction made is lost (``plone.testing``'s set-up swallows that error: the
demo commune's layer was left without its demo content).
"""

from plone import api
from zope.component.hooks import setSite

import pytest

#: One object of each type that the add-ons' indexers (inbox, translations) see.
TYPES = ("DocumentOrder", "Booking", "Business", "MeetingItem", "Meeting", "DocumentCatalog",
         "Resource", "Document", "Folder")


def test_the_demo_commune_holds_its_demo_content(demo_commune):
    """What the citizen journeys and the cross-site tests walk is there."""
    for portal_type in TYPES:
        assert api.content.find(portal_type=portal_type, unrestricted=True), portal_type


@pytest.mark.parametrize("portal_type", TYPES)
def test_objects_are_indexed_with_no_local_site(demo_commune, portal_type):
    portal = demo_commune["portal"]
    catalog = portal.portal_catalog
    [brain] = catalog.unrestrictedSearchResults(portal_type=portal_type, sort_limit=1)[:1]
    obj = brain._unrestrictedGetObject()
    setSite(None)
    try:
        catalog.catalog_object(obj, brain.getPath())
    finally:
        setSite(portal)
