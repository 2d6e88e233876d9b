"""Plone's "full view" of a folder with core's staff-only listing in place.

Core replaces ``listing_view`` (the "last modified" line is for staff only);
Plone's ``full_view`` reuses that view's macros, and without them every folder
shown in full view answered 500 (found by the deliberations benchmark run at a
tiny size, ``tests/test_benchmarks.py``).
"""

from communesplone.core.interfaces import ICommunesploneCoreLayer
from plone import api
from zope.component.hooks import setSite
from zope.interface import alsoProvides


def test_a_folder_in_full_view(integration):
    portal, request = integration["portal"], integration["request"]
    setSite(portal)
    alsoProvides(request, ICommunesploneCoreLayer)
    with api.env.adopt_roles(["Manager"]):
        folder = api.content.create(container=portal, type="Folder", id="conseil",
                                    title="Conseil")
        api.content.create(container=folder, type="Document", id="point-1",
                           title="Point 1 du conseil", description="Approuvé")
    html = api.content.get_view("full_view", folder, request)()
    assert "Point 1 du conseil" in html
