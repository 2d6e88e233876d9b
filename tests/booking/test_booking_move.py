"""The requester moves their own booking (or occurrences of a series): every rule applies.

Integration layer: ``series.move_occurrences`` as each kind of person. The
pages, the link, REST and the mails are in test_booking_move_http.py.
"""

from DateTime import DateTime
from bookinghelpers import book
from bookinghelpers import make_resource
from bookinghelpers import next_monday
from communesplone.booking.occupancy import BookingConflict
from communesplone.booking.occupancy import BookingInvalid
from communesplone.booking.occupancy import BookingNotAllowed
from communesplone.booking.occupancy import tree_of
from communesplone.booking.series import move_occurrences
from datetime import datetime
from datetime import timedelta
from plone import api

import pytest

HOUR = timedelta(hours=1)
WEEK = timedelta(weeks=1)


def _held(resource):
    return sorted(tree_of(resource).keys())


def _alice_books(resource, start, **fields):
    with api.env.adopt_user("alice"):
        return book(resource, start, start + HOUR, **fields)


def _history(booking):
    workflow = api.portal.get_tool("portal_workflow")
    return [(entry["action"], entry["actor"])
            for entry in workflow.getInfoFor(booking, "review_history")]


class TestRequesterMoves:
    """In one class: the test layer is set up once for them all, not once per test."""

    def test_single_booking_moves_and_frees_its_old_slot(self, booking_site):
        resource = make_resource(booking_site, "salle-libre", needs_approval=False)
        start = next_monday(hour=10)
        booking = _alice_books(resource, start)
        assert api.content.get_state(booking) == "confirmed"
        later = start + timedelta(days=1, hours=3)
        with api.env.adopt_user("alice"):
            move_occurrences(booking, start, later, later + 2 * HOUR)
        assert booking.periods() == [(later, later + 2 * HOUR)]
        assert (booking.start, booking.end) == (later, later + 2 * HOUR)
        assert _held(resource) == [int(later.timestamp())]
        # no approval needed: it stays confirmed
        assert api.content.get_state(booking) == "confirmed"
        # the catalog follows (dashboards, My bookings sort and filter on it)
        catalog = api.portal.get_tool("portal_catalog")
        for moment, found in ((later, 1), (later + HOUR / 2, 0)):
            assert len(catalog.unrestrictedSearchResults(UID=booking.UID(), start={
                "query": DateTime(moment.isoformat()), "range": "min"})) == found
        with api.env.adopt_user("bob"):  # the old slot is free again
            book(resource, start, start + HOUR)

    def test_confirmed_goes_back_to_pending_where_approval_is_needed(self, resource):
        start = next_monday(hour=10)
        booking = _alice_books(resource, start)
        with api.env.adopt_user("carol"):
            api.content.transition(obj=booking, transition="confirm")
        with api.env.adopt_user("alice"):
            move_occurrences(booking, start, start + 2 * HOUR, start + 3 * HOUR)
        assert api.content.get_state(booking) == "pending"
        assert _history(booking)[-1] == ("resubmit", "alice")
        # a pending booking stays pending; a manager's move never sends it back
        with api.env.adopt_user("alice"):
            move_occurrences(booking, start + 2 * HOUR, start + 4 * HOUR, start + 5 * HOUR)
        assert api.content.get_state(booking) == "pending"
        with api.env.adopt_user("carol"):
            api.content.transition(obj=booking, transition="confirm")
            move_occurrences(booking, start + 4 * HOUR, start, start + HOUR, comment="Salle")
        assert api.content.get_state(booking) == "confirmed"

    def test_nobody_else_moves_it_and_every_rule_applies(self, booking_site):
        resource = make_resource(booking_site, "salle-regles", horizon_days=30)
        start = next_monday(hour=10)
        booking = _alice_books(resource, start)
        with api.env.adopt_user("bob"):
            other = book(resource, start + 3 * HOUR, start + 4 * HOUR)
        held = _held(resource)
        attempts = {
            "bob moves alice's": ("bob", start + HOUR, start + 2 * HOUR, BookingNotAllowed),
            "overlap with bob's": ("alice", start + 3 * HOUR, start + 4 * HOUR,
                                   BookingConflict),
            "closed at night": ("alice", start + 12 * HOUR, start + 13 * HOUR,
                                BookingInvalid),
            "in the past": ("alice", start - 2 * WEEK, start - 2 * WEEK + HOUR,
                            BookingInvalid),
            "beyond the horizon": ("alice", start + 8 * WEEK, start + 8 * WEEK + HOUR,
                                   BookingInvalid),
            "end before start": ("alice", start + 2 * HOUR, start + HOUR, BookingInvalid),
            "too long": ("alice", start, start + 6 * HOUR, BookingInvalid),
            "not on a slot": ("alice", start + HOUR / 4, start + HOUR, BookingInvalid),
        }
        for label, (user, new_start, new_end, error) in attempts.items():
            with api.env.adopt_user(user), pytest.raises(error):
                move_occurrences(booking, start, new_start, new_end)
            assert booking.periods() == [(start, start + HOUR)], label
            assert _held(resource) == held, label
        with api.env.adopt_user("alice"), pytest.raises(BookingConflict) as info:
            move_occurrences(booking, start, start + 3 * HOUR, start + 4 * HOUR)
        assert info.value.conflicts == [(start + 3 * HOUR, start + 4 * HOUR)]
        assert api.content.get_state(other) == "pending"
        with api.env.adopt_user("alice"), pytest.raises(BookingInvalid) as info:
            move_occurrences(booking, start + HOUR / 2, start + HOUR, start + 2 * HOUR)
        assert info.value.errors[0][0] == "occurrence"

    def test_the_cancellation_deadline_is_the_move_deadline(self, booking_site):
        resource = make_resource(booking_site, "salle-delai", cancel_hours=24 * 60)
        start = next_monday(hour=10)
        booking = _alice_books(resource, start)
        with api.env.adopt_user("alice"), pytest.raises(BookingNotAllowed) as info:
            move_occurrences(booking, start, start + HOUR, start + 2 * HOUR)
        assert "no longer be moved" in info.value.message.default
        assert booking.periods() == [(start, start + HOUR)]
        with api.env.adopt_user("carol"):  # managers move at any time
            move_occurrences(booking, start, start + HOUR, start + 2 * HOUR)
        assert booking.periods() == [(start + HOUR, start + 2 * HOUR)]

    def test_quota_applies_to_the_move(self, booking_site):
        resource = make_resource(booking_site, "salle-quota", quota_hours=2,
                                 quota_period="week")
        start = next_monday(hour=10)
        booking = _alice_books(resource, start)
        with api.env.adopt_user("alice"):
            book(resource, start + WEEK, start + WEEK + 2 * HOUR)  # next week: 2 hours
        # moving the first one into next week would make 3 hours there
        with api.env.adopt_user("alice"), pytest.raises(BookingInvalid) as info:
            move_occurrences(booking, start, start + WEEK + 4 * HOUR,
                             start + WEEK + 5 * HOUR)
        assert info.value.errors[0][0] == "start"
        assert booking.periods() == [(start, start + HOUR)]

    def test_requester_moves_one_occurrence_then_the_following(self, resource):
        start = next_monday(hour=10)
        series = _alice_books(resource, start, repeat="weekly", repeat_count=3)
        with api.env.adopt_user("alice"):
            move_occurrences(series, start + WEEK, start + WEEK + 2 * HOUR,
                             start + WEEK + 3 * HOUR)
            move_occurrences(series, (start + 2 * WEEK).isoformat(),
                             start + 2 * WEEK + timedelta(days=1),
                             start + 2 * WEEK + timedelta(days=1) + HOUR, "following")
        assert series.periods() == [
            (start, start + HOUR), (start + WEEK + 2 * HOUR, start + WEEK + 3 * HOUR),
            (start + 2 * WEEK + timedelta(days=1), start + 2 * WEEK + timedelta(days=1) + HOUR)]
        with api.env.adopt_user("bob"), pytest.raises(BookingNotAllowed):
            move_occurrences(series, start, start + HOUR, start + 2 * HOUR, "following")
        assert isinstance(series.start, datetime) and series.start == start
