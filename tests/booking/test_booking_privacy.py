"""A booking leaves the room as it was: no citizen among its creators, no new date,
and nothing about the citizen on the room, its folder or their listings."""

from bookinghelpers import PASSWORD
from bookinghelpers import booking_json
from bookinghelpers import next_monday
from bookinghelpers import rest
from datetime import timedelta
from plone import api
from privacy import CITIZEN_NAME
from privacy import as_demo
from privacy import dublin_core
from privacy import leaks

import transaction


def test_a_booking_changes_nothing_of_the_room_and_shows_nobody(live):
    resource, folder = live["resource"], live["folder"]
    api.user.get(userid="alice").setMemberProperties({"fullname": CITIZEN_NAME})
    as_demo(resource)
    as_demo(folder)
    before = dublin_core(resource), dublin_core(folder)
    start = next_monday(weeks=2, hour=10)
    created = rest("POST", live["url"], "alice",
                   json=booking_json(start, start + timedelta(hours=1),
                                     requester_name=CITIZEN_NAME))
    assert created.status_code == 201, created.text
    booking_url = created.json()["@id"]
    assert (dublin_core(resource), dublin_core(folder)) == before
    transaction.begin()
    urls = [live["url"], folder.absolute_url(), live["portal"].absolute_url(),
            f"{live['portal'].absolute_url()}/@search?SearchableText=Salle"]
    assert leaks(urls, "alice", other="bob", password=PASSWORD) == []
    assert rest("GET", booking_url, "bob").status_code in (401, 403, 404)
