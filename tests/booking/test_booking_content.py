"""Creating bookings through api.content.create: rules, conflicts, workflow, linked resources."""

from communesplone.booking.occupancy import BookingConflict
from communesplone.booking.occupancy import BookingInvalid
from communesplone.booking.occupancy import BookingNotAllowed
from communesplone.booking.occupancy import tree_of
from bookinghelpers import book
from bookinghelpers import make_resource
from bookinghelpers import next_monday
from datetime import timedelta
from plone import api

import pytest


BAD_INPUT = [
    # (shift from Monday 10:00, duration in hours, attendees, field in error)
    (timedelta(hours=0), -1, 10, "end"),  # end before start
    (timedelta(minutes=15), 1, 10, "start"),  # not aligned on 30 min
    (timedelta(hours=0), 0.25, 10, "end"),  # shorter than 30 min
    (timedelta(hours=0), 5, 10, "end"),  # longer than 4 h
    (timedelta(hours=13), 1, 10, "start"),  # 23:00: closed
    (-timedelta(days=60), 1, 10, "start"),  # in the past
    (timedelta(days=365), 1, 10, "start"),  # beyond the horizon
    (timedelta(hours=0), 1, 51, "attendees"),  # more people than the capacity
]


class TestContent:
    """In one class: the test layer is set up once for them all, not once per test."""

    def test_booking_holds_its_slot(self, resource):
        start = next_monday(hour=10)
        with api.env.adopt_user("alice"):
            booking = book(resource, start, start + timedelta(hours=2))
        assert api.content.get_state(booking) == "pending"
        assert booking.start.tzinfo is not None
        assert len(tree_of(resource)) == 1
        with api.env.adopt_user("bob"), pytest.raises(BookingConflict) as info:
            book(resource, start + timedelta(hours=1), start + timedelta(hours=3))
        assert info.value.conflicts == [(start, start + timedelta(hours=2))]
        assert len(resource.objectIds()) == 1

    def test_a_new_booking_leaves_the_resource_settings_alone(self, resource, monkeypatch):
        """Adding a booking notifies the resource as modified (its contents
        changed): its roles are not rewritten nor the security of every booking
        it holds reindexed then; an edit of the resource still does both."""
        from communesplone.booking.content.resource import Resource
        from zope.event import notify
        from zope.lifecycleevent import ObjectModifiedEvent

        calls = []
        monkeypatch.setattr(Resource, "reindexObjectSecurity",
                            lambda self, *args, **kw: calls.append(self.getId()))
        start = next_monday(hour=10)
        with api.env.adopt_user("alice"):
            for hour in range(3):
                book(resource, start + timedelta(hours=hour),
                     start + timedelta(hours=hour + 1))
        assert len(resource.objectIds()) == 3
        assert calls == []
        notify(ObjectModifiedEvent(resource))
        assert calls == [resource.getId()]

    def test_adjacent_bookings_do_not_conflict(self, resource):
        start = next_monday(hour=10)
        with api.env.adopt_user("alice"):
            book(resource, start, start + timedelta(hours=1))
            book(resource, start + timedelta(hours=1), start + timedelta(hours=2))
            book(resource, start - timedelta(hours=1), start)
        assert len(tree_of(resource)) == 3
        # a naive time is the site's wall time
        next_week = start + timedelta(weeks=1)
        with api.env.adopt_user("alice"):
            booking = book(resource, next_week.replace(tzinfo=None),
                           (next_week + timedelta(hours=1)).replace(tzinfo=None))
        assert booking.start == next_week
        assert booking.start.utcoffset() == next_week.utcoffset()

    def test_rules_refuse_bad_input(self, resource):
        for shift, hours, attendees, field in BAD_INPUT:
            start = next_monday(hour=10) + shift
            with api.env.adopt_user("alice"), pytest.raises(BookingInvalid) as info:
                book(resource, start, start + timedelta(hours=hours), attendees=attendees)
            assert field in [name for name, _message in info.value.errors], (shift, hours)
            assert all(message.default for _name, message in info.value.errors)  # translatable
        assert len(tree_of(resource)) == 0
        assert resource.objectIds() == []

    def test_group_and_certified_resources(self, booking_site):
        resource = make_resource(booking_site, "local-club", audience="groups",
                                 allowed_groups=["communesplone-facilities"])
        start = next_monday(hour=10)
        with api.env.adopt_user("alice"), pytest.raises(BookingNotAllowed):
            book(resource, start, start + timedelta(hours=1))
        with api.env.adopt_user("carol"):
            book(resource, start, start + timedelta(hours=1))
        certified = make_resource(booking_site, "salle-certifiee", audience="certified")
        with api.env.adopt_user("alice"), pytest.raises(BookingNotAllowed) as info:
            book(certified, start, start + timedelta(hours=1))
        assert "certified" in info.value.message.default

    def test_without_approval_confirms_at_once(self, booking_site):
        resource = make_resource(booking_site, "camionnette", needs_approval=False)
        start = next_monday(hour=10)
        with api.env.adopt_user("alice"):
            booking = book(resource, start, start + timedelta(hours=1))
        assert api.content.get_state(booking) == "confirmed"

    def test_refuse_and_cancel_free_the_slot(self, resource):
        start = next_monday(hour=10)
        end = start + timedelta(hours=1)
        with api.env.adopt_user("alice"):
            first = book(resource, start, end)
        with api.env.adopt_user("carol"):
            api.content.transition(obj=first, transition="refuse", comment="Salle en travaux")
        assert len(tree_of(resource)) == 0
        with api.env.adopt_user("alice"):
            second = book(resource, start, end)
            api.content.transition(obj=second, transition="cancel")
        assert api.content.get_state(second) == "cancelled"
        with api.env.adopt_user("bob"):
            third = book(resource, start, end)
        with api.env.adopt_roles(["Manager"]):
            api.content.delete(third)
        assert len(tree_of(resource)) == 0

    def test_requester_cannot_cancel_after_the_deadline(self, booking_site):
        resource = make_resource(booking_site, "salle-tardive", cancel_hours=24 * 30)
        start = next_monday(hour=10)
        with api.env.adopt_user("alice"):
            booking = book(resource, start, start + timedelta(hours=1))
            with pytest.raises(api.exc.InvalidParameterError):
                api.content.transition(obj=booking, transition="cancel")
        with api.env.adopt_user("carol"):  # a manager still may
            api.content.transition(obj=booking, transition="cancel", comment="Fermeture")
        assert api.content.get_state(booking) == "cancelled"

    def test_other_member_cannot_see_or_cancel(self, resource):
        start = next_monday(hour=10)
        with api.env.adopt_user("alice"):
            booking = book(resource, start, start + timedelta(hours=1))
        with api.env.adopt_user("bob"):
            assert not api.user.has_permission("View", obj=booking)
            assert [t["id"] for t in api.portal.get_tool("portal_workflow").getTransitionsFor(
                booking)] == []
        with api.env.adopt_roles(["Anonymous"]):
            assert not api.user.has_permission("View", obj=booking)
        with api.env.adopt_user("alice"):
            assert api.user.has_permission("View", obj=booking)
        with api.env.adopt_user("carol"):
            assert api.user.has_permission("View", obj=booking)
            assert api.user.has_permission("communesplone.booking: Manage bookings", obj=booking)

    def test_member_of_another_group_sees_nothing(self, resource):
        start = next_monday(hour=10)
        with api.env.adopt_user("alice"):
            booking = book(resource, start, start + timedelta(hours=1))
        api.group.add_user(groupname="communesplone-population", username="bob")
        with api.env.adopt_user("bob"):
            assert not api.user.has_permission("View", obj=booking)
            assert not api.user.has_permission("communesplone.booking: Manage bookings",
                                               obj=booking)

    def test_recurrence_is_all_or_nothing(self, resource):
        start = next_monday(hour=10)
        with api.env.adopt_user("bob"):
            book(resource, start + timedelta(weeks=2), start + timedelta(weeks=2, hours=1))
        with api.env.adopt_user("alice"), pytest.raises(BookingConflict) as info:
            book(resource, start, start + timedelta(hours=1), repeat="weekly",
                 repeat_count=4)
        assert info.value.conflicts == [(start + timedelta(weeks=2),
                                         start + timedelta(weeks=2, hours=1))]
        assert len(tree_of(resource)) == 1
        with api.env.adopt_user("alice"):
            series = book(resource, start + timedelta(hours=2), start + timedelta(hours=3),
                          repeat="weekly", repeat_count=4)
        assert len(series.periods()) == 4
        assert len(tree_of(resource)) == 5

    def test_linked_resources(self, booking_site):
        whole = make_resource(booking_site, "hall-omnisport")
        uid = api.content.get_uuid(whole)
        half_a = make_resource(booking_site, "hall-a", part_of=[uid])
        half_b = make_resource(booking_site, "hall-b", part_of=[uid])
        start = next_monday(hour=10)
        end = start + timedelta(hours=1)
        with api.env.adopt_user("alice"):
            book(half_a, start, end)
            book(half_b, start, end)  # the other half is free
            with pytest.raises(BookingConflict):
                book(whole, start, end)  # a booked part blocks the whole
            book(whole, end, end + timedelta(hours=1))
            with pytest.raises(BookingConflict):
                book(half_a, end, end + timedelta(hours=1))  # the booked whole blocks its parts
