"""Recurring bookings: cancel or move one occurrence, or all from one on (all or nothing)."""

from bookinghelpers import book
from bookinghelpers import next_monday
from communesplone.booking.occupancy import BookingConflict
from communesplone.booking.occupancy import BookingInvalid
from communesplone.booking.occupancy import BookingNotAllowed
from communesplone.booking.occupancy import tree_of
from communesplone.booking.series import cancel_occurrences
from communesplone.booking.series import move_occurrences
from datetime import timedelta
from plone import api

import pytest

HOUR = timedelta(hours=1)
WEEK = timedelta(weeks=1)


def _series(resource, start, count=4, user="alice"):
    with api.env.adopt_user(user):
        return book(resource, start, start + HOUR, repeat="weekly", repeat_count=count)


def _held(resource):
    return sorted(tree_of(resource).keys())


def _keys(*moments):
    return sorted(int(moment.timestamp()) for moment in moments)


class TestSeries:
    """In one class: the test layer is set up once for them all, not once per test."""

    def test_requester_cancels_one_then_the_following(self, resource):
        start = next_monday(hour=10)
        series = _series(resource, start)
        with api.env.adopt_user("alice"):
            cancel_occurrences(series, start + WEEK)
        assert _held(resource) == _keys(start, start + 2 * WEEK, start + 3 * WEEK)
        assert [s for s, _e in series.periods()] == [start, start + 2 * WEEK, start + 3 * WEEK]
        # the freed slot can be booked by someone else
        with api.env.adopt_user("bob"):
            book(resource, start + WEEK, start + WEEK + HOUR)
        with api.env.adopt_user("alice"):
            cancel_occurrences(series, (start + 2 * WEEK).isoformat(), "following")
        assert [s for s, _e in series.periods()] == [start]
        assert api.content.get_state(series) == "pending"
        # cancelling the last one cancels the booking
        with api.env.adopt_user("alice"):
            cancel_occurrences(series, start)
        assert api.content.get_state(series) == "cancelled"
        assert _held(resource) == _keys(start + WEEK)  # bob's

    def test_others_may_not_and_managers_need_a_reason(self, resource):
        start = next_monday(hour=10)
        series = _series(resource, start)
        with api.env.adopt_user("bob"), pytest.raises(BookingNotAllowed):
            cancel_occurrences(series, start)
        with api.env.adopt_user("bob"), pytest.raises(BookingNotAllowed):
            move_occurrences(series, start, start + HOUR, start + 2 * HOUR)
        with api.env.adopt_user("carol"):
            with pytest.raises(BookingInvalid) as info:
                cancel_occurrences(series, start)
            assert info.value.errors[0][0] == "comment"
            with pytest.raises(BookingInvalid) as info:
                cancel_occurrences(series, start + timedelta(minutes=30), comment="x")
            assert info.value.errors[0][0] == "occurrence"
            cancel_occurrences(series, start, comment="Élections")
        assert len(series.periods()) == 3

    def test_requester_deadline_per_occurrence(self, booking_site):
        from bookinghelpers import make_resource

        resource = make_resource(booking_site, "salle-delai", cancel_hours=24 * 10)
        start = next_monday(hour=10)  # within 10 days: too late; the next ones are not
        series = _series(resource, start, count=3)
        with api.env.adopt_user("alice"):
            if start - timedelta(days=10) < start.now(start.tzinfo):
                with pytest.raises(BookingNotAllowed):
                    cancel_occurrences(series, start)
            cancel_occurrences(series, start + 2 * WEEK)
        assert len(series.periods()) == 2

    def test_move_one_occurrence_rechecks_everything(self, resource):
        start = next_monday(hour=10)
        series = _series(resource, start)
        with api.env.adopt_user("bob"):
            book(resource, start + WEEK + 3 * HOUR, start + WEEK + 4 * HOUR)
        held = _held(resource)
        with api.env.adopt_user("carol"):
            with pytest.raises(BookingConflict) as info:
                move_occurrences(series, start + WEEK, start + WEEK + 3 * HOUR,
                                 start + WEEK + 4 * HOUR)
            assert info.value.conflicts == [(start + WEEK + 3 * HOUR, start + WEEK + 4 * HOUR)]
            with pytest.raises(BookingInvalid):  # 22:00-23:00: closed
                move_occurrences(series, start + WEEK, start + WEEK + 12 * HOUR,
                                 start + WEEK + 13 * HOUR)
            assert _held(resource) == held and len(series.periods()) == 4
            # moving onto its own old slot (one hour later, overlapping) is fine
            move_occurrences(series, start + WEEK, start + WEEK + HOUR / 2,
                             start + WEEK + 3 * HOUR / 2)
        assert series.periods()[1] == (start + WEEK + HOUR / 2, start + WEEK + 3 * HOUR / 2)
        assert _held(resource) == _keys(start, start + WEEK + HOUR / 2, start + 2 * WEEK,
                                        start + 3 * WEEK, start + WEEK + 3 * HOUR)

    def test_move_the_following_is_all_or_nothing(self, resource):
        start = next_monday(hour=10)
        series = _series(resource, start)
        # someone holds Tuesday 18:00 in the fourth week only
        with api.env.adopt_user("bob"):
            book(resource, start + 3 * WEEK + timedelta(days=1, hours=8),
                 start + 3 * WEEK + timedelta(days=1, hours=9))
        held = _held(resource)
        tuesday = start + WEEK + timedelta(days=1, hours=8)
        with api.env.adopt_user("carol"):
            with pytest.raises(BookingConflict) as info:
                move_occurrences(series, start + WEEK, tuesday, tuesday + HOUR, "following")
            assert len(info.value.conflicts) == 1
        assert _held(resource) == held
        assert [s for s, _e in series.periods()] == [start + n * WEEK for n in range(4)]
        with api.env.adopt_user("carol"):  # without the fourth, the rest can move
            cancel_occurrences(series, start + 3 * WEEK, comment="Conflit")
            move_occurrences(series, start + WEEK, tuesday, tuesday + HOUR, "following",
                             comment="Salle repeinte")
        assert series.periods() == [(start, start + HOUR), (tuesday, tuesday + HOUR),
                                    (tuesday + WEEK, tuesday + WEEK + HOUR)]
