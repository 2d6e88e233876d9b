"""The staff inbox reads brains only: no order, booking or entry wakes up.

The inbox must stay fast with 10,000 open things (issue 15, ``benchmarks/inbox.py``):
a page that loaded each row's object would read 50 objects from the database per
page and the counts would not stay cheap. Loading is what costs, so this test counts
loads: the objects are turned into ghosts, every ``setstate`` of the connection is
recorded, and ``getObject`` fails, while the REST data and the page are made.
"""

from communesplone.core.inbox import inbox
from myspacehelpers import make_commune
from plone import api
from plone.app.testing import login
from Products.ZCatalog.CatalogBrains import AbstractCatalogBrain
from ZODB.Connection import Connection

import transaction

#: What waits in the inbox: none of these may be loaded to list them.
WAITING_TYPES = {"DocumentOrder", "Booking", "Business", "MeetingItem", "Meeting"}


def test_the_inbox_lists_from_brains_and_wakes_no_object(functional, monkeypatch):
    portal = functional["portal"]
    commune = make_commune(portal)
    with api.env.adopt_roles(["Manager"]):
        commune.room.manager_group = "communesplone-facilities"
        commune.room.reindexObject()
        for booking in commune.room.objectValues():
            booking.reindexObject()
    transaction.commit()

    loaded = []
    real_setstate = Connection.setstate

    def setstate(connection, obj):
        real_setstate(connection, obj)
        loaded.append(getattr(obj, "portal_type", None))

    def no_object(brain, *args, **kwargs):
        raise AssertionError(f"the inbox woke {brain.getPath()} through its brain")

    monkeypatch.setattr(Connection, "setstate", setstate)
    monkeypatch.setattr(AbstractCatalogBrain, "getObject", no_object)
    monkeypatch.setattr(AbstractCatalogBrain, "_unrestrictedGetObject", no_object)

    # a manager sees every kind: an order, a booking and an entry wait
    portal.acl_users.userFolderAddUser("chief", "secret-password-123", ["Manager"], [])
    transaction.commit()
    reference = commune.order.reference  # read now: the test must not wake it either
    portal._p_jar.cacheMinimize()  # every object a ghost: using one loads it
    loaded.clear()
    login(portal, "chief")
    request = functional["request"]
    data = inbox(request, scope="all")
    kinds = {row["kind"] for row in data["items"]}
    assert {"order-payment", "booking-confirm", "entry-moderate"} <= kinds, kinds
    page = portal.restrictedTraverse("@@inbox")()
    assert reference in page

    woken = sorted(set(loaded) & WAITING_TYPES)
    assert woken == [], f"the inbox loaded objects of {woken}"
