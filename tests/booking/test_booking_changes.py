"""Changing bookings: reasons for refusals, edits checked against every rule, quotas."""

from bookinghelpers import book
from bookinghelpers import make_resource
from bookinghelpers import monday_mid_month
from bookinghelpers import next_monday
from communesplone.booking.occupancy import BookingConflict
from communesplone.booking.occupancy import BookingInvalid
from communesplone.booking.occupancy import tree_of
from datetime import timedelta
from plone import api
from zope.event import notify
from zope.i18n import translate
from zope.lifecycleevent import ObjectModifiedEvent

import pytest
import transaction


def _fields(info):
    return [name for name, _message in info.value.errors]


def _edit(booking, **values):
    """Change fields and notify as the edit form and PATCH do; roll back on refusal."""
    savepoint = transaction.savepoint()
    try:
        for name, value in values.items():
            setattr(booking, name, value)
        notify(ObjectModifiedEvent(booking))
    except Exception:
        savepoint.rollback()
        raise


EDITS = [
    # (what changes, field in error)
    ({"end": 23}, "start"),  # until 23:00: closed at 22:00
    ({"start": 10.25}, "start"),  # 10:15: not aligned on 30 minutes
    ({"end": 10.25}, "end"),  # 15 minutes: too short
    ({"end": 15}, "end"),  # 5 hours: too long
    ({"attendees": 51}, "attendees"),  # over capacity
    ({"shift": -timedelta(days=30)}, "start"),  # in the past
    ({"shift": timedelta(days=400)}, "start"),  # beyond the horizon
]


class TestChanges:
    """In one class: the test layer is set up once for them all, not once per test."""

    # --- a reason for a refusal and for a manager's cancellation ---------------

    def test_refuse_without_reason_changes_nothing(self, resource):
        start = next_monday(hour=10)
        with api.env.adopt_user("alice"):
            booking = book(resource, start, start + timedelta(hours=1))
        with api.env.adopt_user("carol"):
            for comment in ("", "   "):
                with pytest.raises(BookingInvalid) as info:
                    api.content.transition(obj=booking, transition="refuse", comment=comment)
                assert _fields(info) == ["comment"]
                assert info.value.errors[0][1].default.startswith("Give the reason")
            assert api.content.get_state(booking) == "pending"
            with pytest.raises(BookingInvalid):
                api.content.transition(obj=booking, transition="cancel")
            assert api.content.get_state(booking) == "pending"
            api.content.transition(obj=booking, transition="cancel", comment="Travaux")
        assert api.content.get_state(booking) == "cancelled"

    def test_requester_cancels_without_reason(self, resource):
        start = next_monday(hour=10)
        with api.env.adopt_user("alice"):
            booking = book(resource, start, start + timedelta(hours=1))
            api.content.transition(obj=booking, transition="cancel")
        assert api.content.get_state(booking) == "cancelled"

    # --- editing checks every rule again ---------------------------------------

    def test_edit_rechecks_every_rule(self, resource):
        start = next_monday(hour=10)
        with api.env.adopt_user("alice"):
            booking = book(resource, start, start + timedelta(hours=1))
        for change, field in EDITS:
            values = {}
            if "shift" in change:
                values = {"start": start + change["shift"],
                          "end": start + change["shift"] + timedelta(hours=1)}
            if "start" in change:
                values["start"] = start.replace(hour=0) + timedelta(hours=change["start"])
            if "end" in change:
                values["end"] = start.replace(hour=0) + timedelta(hours=change["end"])
            if "attendees" in change:
                values["attendees"] = change["attendees"]
            with api.env.adopt_user("carol"), pytest.raises(BookingInvalid) as info:
                _edit(booking, **values)
            assert field in _fields(info), change
            # nothing changed: the same period is held, the same values kept
            assert (booking.start, booking.end, booking.attendees) == (
                start, start + timedelta(hours=1), 10)
            assert list(tree_of(resource).items()) == [
                (int(start.timestamp()), (int((start + timedelta(hours=1)).timestamp()),
                                          booking.UID()))]
        # a valid change is held, the old period freed
        with api.env.adopt_user("carol"):
            _edit(booking, start=start + timedelta(hours=2), end=start + timedelta(hours=3))
        assert list(tree_of(resource).keys()) == [
            int((start + timedelta(hours=2)).timestamp())]

    def test_edit_keeps_the_invariant(self, resource):
        start = next_monday(hour=10)
        with api.env.adopt_user("alice"):
            first = book(resource, start, start + timedelta(hours=1))
            second = book(resource, start + timedelta(hours=2), start + timedelta(hours=3))
        with api.env.adopt_user("carol"), pytest.raises(BookingConflict):
            _edit(second, start=start + timedelta(minutes=30))
        assert second.start == start + timedelta(hours=2)
        assert len(tree_of(resource)) == 2
        # only the people change: the (unchanged) period is not checked again
        with api.env.adopt_user("carol"):
            _edit(first, attendees=20, purpose="Autre")
        assert first.attendees == 20

    def test_edit_form_shows_the_error_and_keeps_nothing(self, resource, integration):
        from communesplone.booking.browser.booking import BookingEditForm

        start = next_monday(hour=10)
        with api.env.adopt_user("alice"):
            booking = book(resource, start, start + timedelta(hours=1))
        request = integration["request"]
        with api.env.adopt_user("carol"):
            form = BookingEditForm(booking, request)
            form.update()
            from z3c.form.interfaces import ActionExecutionError

            with pytest.raises(ActionExecutionError) as info:
                form.applyChanges({"attendees": 500})
        assert "50" in str(info.value.error)
        assert booking.attendees == 10

    # --- quotas ----------------------------------------------------------------

    def test_quota_per_member_per_month(self, booking_site):
        resource = make_resource(booking_site, "salle-quota", quota_hours=3, quota_period="month")
        start = monday_mid_month(weeks=5, hour=10)
        with api.env.adopt_user("alice"):
            book(resource, start, start + timedelta(hours=2))
            with pytest.raises(BookingInvalid) as info:
                book(resource, start + timedelta(days=1), start + timedelta(days=1, hours=2))
            assert "at most 3 hours a month" in translate(info.value.errors[0][1])
            assert "would hold 4 hours" in translate(info.value.errors[0][1])
            book(resource, start + timedelta(days=1), start + timedelta(days=1, hours=1))
        # another person has their own quota; a manager books outside any quota
        with api.env.adopt_user("bob"):
            book(resource, start + timedelta(days=2), start + timedelta(days=2, hours=3))
        with api.env.adopt_user("carol"):
            book(resource, start + timedelta(days=3), start + timedelta(days=3, hours=4))
        assert len(resource.objectIds()) == 4

    def test_quota_frees_with_cancel_and_counts_edits(self, booking_site):
        resource = make_resource(booking_site, "salle-quota", quota_hours=2, quota_period="week")
        start = next_monday(weeks=2, hour=10)
        with api.env.adopt_user("alice"):
            first = book(resource, start, start + timedelta(hours=2))
            with pytest.raises(BookingInvalid):
                book(resource, start + timedelta(days=2), start + timedelta(days=2, hours=1))
            api.content.transition(obj=first, transition="cancel")
            second = book(resource, start + timedelta(days=2), start + timedelta(days=2, hours=1))
            # next week is another week
            book(resource, start + timedelta(days=7), start + timedelta(days=7, hours=2))
        with api.env.adopt_user("carol"), pytest.raises(BookingInvalid):
            _edit(second, end=start + timedelta(days=2, hours=3))
        assert second.end == start + timedelta(days=2, hours=1)

    def test_quota_of_certified_identity_across_accounts(self, booking_site, integration):
        """Two accounts certified as the same person share one quota."""
        from communesplone.core.assurance import AssuranceRecord
        from communesplone.core.assurance import set_request_assurance

        request = integration["request"]
        resource = make_resource(booking_site, "salle-certifiee", audience="certified",
                                 quota_hours=2)
        start = monday_mid_month(weeks=5, hour=10)

        def as_person(user_id, national_number):
            set_request_assurance(request, AssuranceRecord(
                level="substantial", user_id=user_id, provider="eid", provider_title="eID",
                national_number=national_number))

        with api.env.adopt_user("alice"):
            as_person("alice", "85073003328")
            book(resource, start, start + timedelta(hours=2))
        with api.env.adopt_user("bob"):
            as_person("bob", "85073003328")  # the same person, another account
            with pytest.raises(BookingInvalid) as info:
                book(resource, start + timedelta(days=1), start + timedelta(days=1, hours=1),
                     requester_email="other@example.org")
            assert info.value.errors[0][0] == "start"
            as_person("bob", "17073003384")  # another person
            book(resource, start + timedelta(days=1), start + timedelta(days=1, hours=1))
        key = resource.objectValues()[0]._quota_key
        assert key.startswith("id:") and "85073003328" not in key

    def test_quota_of_anonymous_requesters_by_email(self, booking_site):
        from AccessControl.SpecialUsers import nobody
        from plone.dexterity.utils import createContentInContainer

        resource = make_resource(booking_site, "salle-libre", audience="anonymous",
                                 quota_hours=1, quota_period="year")
        start = next_monday(weeks=2, hour=10)

        def anonymous(offset, email):
            savepoint = transaction.savepoint()
            try:
                with api.env.adopt_user(user=nobody):
                    return createContentInContainer(
                        resource, "Booking", title="booking", start=start + offset,
                        end=start + offset + timedelta(hours=1), requester_name="Jean",
                        requester_email=email, purpose="Réunion", attendees=5)
            except BookingInvalid:
                savepoint.rollback()
                raise

        anonymous(timedelta(0), "jean@example.org")
        with pytest.raises(BookingInvalid) as info:
            anonymous(timedelta(days=1), " Jean@Example.org ")  # the same address
        assert "1 hours a year" in translate(info.value.errors[0][1])
        anonymous(timedelta(days=1), "marie@example.org")
        assert len(resource.objectIds()) == 2
