"""Demo content of communesplone.booking: resources and a month of bookings.

:func:`populate` is idempotent: a second call finds what the first made
and adds nothing. It is called with Manager rights by the policy's demo profile.
"""

from communesplone.booking import _
from communesplone.booking.content.resource import site_timezone
from communesplone.booking.occupancy import BookingError
from communesplone.booking.rules import attach
from datetime import datetime
from datetime import time
from datetime import timedelta
from plone import api
from plone.dexterity.utils import createContentInContainer
from zope.i18n import translate

import transaction

FOLDER_ID = "reservations"


def _t(message, language):
    return translate(message, target_language=language)


RESOURCES = (
    # id, title, description, fields
    ("salle-communale",
     _("demo_booking_hall_title", default="Community hall"),
     _("demo_booking_hall_description",
       default="The large hall for parties, shows and association meetings."),
     {"kind": "hall", "capacity": 200, "needs_approval": True, "audience": "members",
      "slot_minutes": 60, "min_minutes": 120, "max_minutes": 12 * 60,
      "hours_sunday": "10:00-20:00", "price": 25.0, "price_unit": "slot",
      "payment": "transfer", "location": "Place communale 1"}),
    ("salle-de-reunion",
     _("demo_booking_room_title", default="Meeting room"),
     _("demo_booking_room_description",
       default="A room for twenty people with a screen, booked at once."),
     {"kind": "room", "capacity": 20, "needs_approval": False, "audience": "members",
      "slot_minutes": 30, "min_minutes": 30, "max_minutes": 4 * 60}),
    ("hall-omnisports",
     _("demo_booking_sports_title", default="Sports hall"),
     _("demo_booking_sports_description",
       default="The whole sports hall; booking it blocks both halves."),
     {"kind": "sports", "capacity": 300, "needs_approval": True, "audience": "members",
      "slot_minutes": 60, "min_minutes": 60, "max_minutes": 4 * 60}),
    ("hall-omnisports-a",
     _("demo_booking_sports_a_title", default="Sports hall, half A"),
     _("demo_booking_sports_a_description", default="One half of the sports hall."),
     {"kind": "sports", "capacity": 150, "needs_approval": True, "audience": "members",
      "slot_minutes": 60, "min_minutes": 60, "max_minutes": 4 * 60,
      "part_of": ["hall-omnisports"]}),
    ("hall-omnisports-b",
     _("demo_booking_sports_b_title", default="Sports hall, half B"),
     _("demo_booking_sports_b_description", default="The other half of the sports hall."),
     {"kind": "sports", "capacity": 150, "needs_approval": True, "audience": "members",
      "slot_minutes": 60, "min_minutes": 60, "max_minutes": 4 * 60,
      "part_of": ["hall-omnisports"]}),
    ("camionnette",
     _("demo_booking_van_title", default="Van"),
     _("demo_booking_van_description",
       default="A nine-seat van lent to associations, for a day at most."),
     {"kind": "vehicle", "capacity": 9, "needs_approval": True, "audience": "certified",
      "slot_minutes": 60, "min_minutes": 60, "max_minutes": 14 * 60,
      "hours_sunday": "08:00-22:00", "price": 30.0, "price_unit": "day",
      "payment": "informative"}),
)

#: (resource id, day offset from next Monday, start hour, hours, purpose, organisation)
BOOKINGS = (
    ("salle-de-reunion", 0, 9, 2, "Comité de quartier", "Quartier du Centre"),
    ("salle-de-reunion", 2, 14, 1, "Permanence énergie", "CPAS"),
    ("salle-communale", 4, 18, 4, "Souper aux moules", "Les Amis du Folklore"),
    ("hall-omnisports-a", 1, 17, 2, "Entraînement mini-foot", "RFC Demo"),
    ("hall-omnisports-b", 1, 17, 2, "Badminton", "Shuttle Club"),
    ("hall-omnisports", 5, 9, 4, "Tournoi des écoles", "École communale"),
    ("camionnette", 3, 8, 10, "Déménagement de la ludothèque", "Ludothèque"),
)


def _ensure_resources(folder, language):
    created = {}
    for resource_id, title, description, fields in RESOURCES:
        if resource_id in folder.objectIds():
            created[resource_id] = folder[resource_id]
            continue
        values = dict(fields)
        if "part_of" in values:
            values["part_of"] = [api.content.get_uuid(created[name]) for name in values["part_of"]]
        created[resource_id] = api.content.create(
            container=folder, type="Resource", id=resource_id,
            title=_t(title, language), description=_t(description, language),
            closed_on_holidays=False, **values,
        )
    return created


def _book(resource, start, end, purpose, organisation):
    savepoint = transaction.savepoint()
    try:
        return createContentInContainer(
            resource, "Booking", title="booking", start=start, end=end,
            requester_name=organisation, requester_email="demo@example.org",
            organisation=organisation, purpose=purpose, attendees=5,
        )
    except BookingError:
        savepoint.rollback()
        return None


def populate(portal, language):
    """A resource folder, six resources (a hall in two halves) and a month of bookings."""
    if FOLDER_ID in portal.objectIds():
        folder = portal[FOLDER_ID]
    else:
        folder = api.content.create(
            container=portal, type="ResourceFolder", id=FOLDER_ID,
            title=_t(_("demo_booking_folder_title", default="Book a room or equipment"),
                     language),
            description=_t(_("demo_booking_folder_description",
                             default="Rooms, halls and equipment the commune lends."),
                           language),
        )
    resources = _ensure_resources(folder, language)
    if any(resource.objectIds() for resource in resources.values()):
        return folder
    tz = site_timezone()
    today = datetime.now(tz).date()
    monday = today + timedelta(days=7 - today.weekday())
    for week in range(4):
        for resource_id, offset, hour, hours, purpose, organisation in BOOKINGS:
            day = monday + timedelta(days=7 * week + offset)
            start = attach(datetime.combine(day, time(hour)), tz)
            _book(resources[resource_id], start, start + timedelta(hours=hours), purpose,
                  organisation)
    return folder
