"""Real HTTP: the requester's secret link, and REST transitions that need a reason."""

from bookinghelpers import PASSWORD
from bookinghelpers import booking_json
from bookinghelpers import make_resource
from bookinghelpers import next_monday
from bookinghelpers import rest
from communesplone.booking.mails import access_url
from datetime import timedelta
from plone import api
from plone.dexterity.utils import createContentInContainer

import re
import requests
import transaction


def _token(html):
    return re.search(r'name="_authenticator"\s+value="([^"]+)"', html).group(1)


def _as_anonymous(resource, start, **fields):
    """A booking made by an anonymous visitor, as the form makes it."""
    values = {"requester_email": "jean@example.org", "attendees": 5}
    values.update(fields)
    with api.env.adopt_roles(["Anonymous"]):
        return createContentInContainer(resource, "Booking", title="booking", start=start,
                                        end=start + timedelta(hours=1), **values)


def _anonymous_booking(live, resource_id="salle-ouverte", **fields):
    resource = make_resource(live["folder"], resource_id, audience="anonymous", **fields)
    booking = _as_anonymous(resource, next_monday(hour=14), requester_name="Jean Visiteur",
                            purpose="Réunion de parents")
    transaction.commit()
    return resource, booking


class TestRequesterLink:
    """In one class: the test layer is set up once for them all, not once per test."""

    def test_the_link_shows_and_cancels_only_its_booking(self, live):
        resource, booking = _anonymous_booking(live)
        other = _as_anonymous(resource, next_monday(hour=16), requester_name="Autre Personne",
                              purpose="Secret")
        transaction.commit()
        session = requests.Session()
        url = access_url(booking)
        page = session.get(url, timeout=60)
        assert page.status_code == 200
        assert "Jean Visiteur" in page.text and "Réunion de parents" in page.text
        assert "Autre Personne" not in page.text
        # a wrong token, another booking's token, no token: the same 404, nothing shown
        base = f"{resource.absolute_url()}/@@booking-access"
        for params in ({"booking": booking.UID(), "token": "x" * 43},
                       {"booking": booking.UID(), "token": other._access_token},
                       {"booking": other.UID(), "token": booking._access_token},
                       {"booking": booking.UID()}):
            answer = session.get(base, params=params, timeout=60)
            assert answer.status_code == 404, params
            assert "Jean" not in answer.text and "Autre" not in answer.text
        # cancelling with another booking's token does nothing
        answer = session.post(base, timeout=60, data={
            "_authenticator": _token(page.text), "booking": other.UID(),
            "token": booking._access_token, "cancel": "1"})
        assert answer.status_code == 404
        answer = session.post(base, timeout=60, data={
            "_authenticator": _token(page.text), "booking": booking.UID(),
            "token": booking._access_token, "cancel": "1", "comment": "Empêché"})
        assert answer.status_code == 200, answer.text[-3000:]
        transaction.begin()
        assert api.content.get_state(booking) == "cancelled"
        assert api.content.get_state(other) == "pending"
        assert not booking._booking_held  # the slot is free again

    def test_the_link_cancels_one_occurrence_of_a_series(self, live):
        resource = make_resource(live["folder"], "salle-serie", audience="anonymous")
        start = next_monday(hour=14)
        series = _as_anonymous(resource, start, requester_name="Jean", purpose="Club",
                               repeat="weekly", repeat_count=3)
        transaction.commit()
        session = requests.Session()
        page = session.get(access_url(series), timeout=60)
        second = (start + timedelta(weeks=1)).isoformat()
        assert f'value="{second}"' in page.text
        answer = session.post(f"{resource.absolute_url()}/@@booking-access", timeout=60, data={
            "_authenticator": _token(page.text), "booking": series.UID(),
            "token": series._access_token, "cancel": "1", "occurrence": second,
            "scope": "one"})
        assert answer.status_code == 200
        transaction.begin()
        assert [s for s, _e in series.periods()] == [start, start + timedelta(weeks=2)]
        assert api.content.get_state(series) == "pending"

    def test_the_link_honours_the_cancellation_deadline(self, live):
        resource, booking = _anonymous_booking(live, "salle-tardive", cancel_hours=24 * 30)
        session = requests.Session()
        page = session.get(access_url(booking), timeout=60)
        assert page.status_code == 200
        assert 'name="cancel"' not in page.text
        form_page = session.get(resource.absolute_url(), timeout=60)
        session.post(f"{resource.absolute_url()}/@@booking-access", timeout=60, data={
            "_authenticator": _token(form_page.text), "booking": booking.UID(),
            "token": booking._access_token, "cancel": "1"})
        transaction.begin()
        assert api.content.get_state(booking) == "pending"

    def test_rest_refuse_and_manager_cancel_need_a_reason(self, live):
        start = next_monday(hour=10)
        created = rest("POST", live["url"], "alice",
                       json=booking_json(start, start + timedelta(hours=1)))
        url = created.json()["@id"]
        for transition in ("refuse", "cancel"):
            for body in ({}, {"comment": ""}, {"comment": "  "}):
                answer = rest("POST", f"{url}/@workflow/{transition}", "carol", json=body)
                assert answer.status_code == 400, answer.text
                error = answer.json()["error"]
                assert error["type"] == "ValidationError"
                assert error["errors"] == [{
                    "field": "comment",
                    "message": "Give the reason: it is sent to the requester."}]
        transaction.begin()
        [booking] = live["resource"].objectValues()
        assert api.content.get_state(booking) == "pending"
        assert len(api.portal.get_tool("portal_workflow").getInfoFor(
            booking, "review_history")) == 1
        answer = rest("POST", f"{url}/@workflow/refuse", "carol",
                      json={"comment": "Salle en travaux"})
        assert answer.status_code == 200, answer.text
        assert answer.json()["review_state"] == "refused"

    def test_series_through_rest_and_the_form(self, live):
        start = next_monday(hour=10)
        week = timedelta(weeks=1)
        created = rest("POST", live["url"], "alice", json=booking_json(
            start, start + timedelta(hours=1), repeat="weekly", repeat_count=3))
        assert created.status_code == 201, created.text
        url = created.json()["@id"]
        listed = rest("GET", f"{url}/@occurrences", "alice").json()["items"]
        assert [item["index"] for item in listed] == [0, 1, 2]
        assert rest("GET", f"{url}/@occurrences", "bob").status_code in (401, 403, 404)
        second = (start + week).isoformat()
        refused = rest("POST", f"{url}/@occurrences", "bob",
                       json={"action": "cancel", "occurrence": second})
        assert refused.status_code in (401, 403, 404)
        # bob holds Tuesday 10:00 of the third week: moving the following ones conflicts
        tuesday = start + week + timedelta(days=1)
        assert rest("POST", live["url"], "bob", json=booking_json(
            tuesday + week, tuesday + week + timedelta(hours=1))).status_code == 201
        clash = rest("POST", f"{url}/@occurrences", "carol", json={
            "action": "move", "occurrence": second, "scope": "following",
            "start": tuesday.isoformat(), "end": (tuesday + timedelta(hours=1)).isoformat()})
        assert clash.status_code == 409, clash.text
        assert clash.json()["error"]["conflicts"][0]["start"] == (tuesday + week).isoformat()
        assert len(rest("GET", f"{url}/@occurrences", "alice").json()["items"]) == 3
        # the requester cancels the third one, with the form of the booking page
        page = requests.get(url, auth=("alice", PASSWORD), timeout=60)
        assert 'name="occurrence"' in page.text
        # the requester's own move form, not the managers' one of the series form
        assert 'name="move_form"' in page.text and 'id="series-new-date"' not in page.text
        answer = requests.post(f"{url}/@@booking-occurrences", auth=("alice", PASSWORD),
                               timeout=60, data={
                                   "_authenticator": _token(page.text), "cancel": "1",
                                   "occurrence": (start + 2 * week).isoformat(),
                                   "scope": "one"})
        assert answer.status_code == 200
        moved = rest("POST", f"{url}/@occurrences", "carol", json={
            "action": "move", "occurrence": second, "scope": "following",
            "start": tuesday.isoformat(), "end": (tuesday + timedelta(hours=1)).isoformat(),
            "comment": "Salle repeinte"})
        assert moved.status_code == 200, moved.text
        assert [item["start"] for item in moved.json()["items"]] == [
            start.isoformat(), tuesday.isoformat()]

    def test_rest_patch_rechecks_every_rule(self, live):
        start = next_monday(hour=10)
        first = rest("POST", live["url"], "alice",
                     json=booking_json(start, start + timedelta(hours=1))).json()["@id"]
        second = rest("POST", live["url"], "bob", json=booking_json(
            start + timedelta(hours=2), start + timedelta(hours=3))).json()["@id"]
        too_many = rest("PATCH", first, "carol", json={"attendees": 500})
        assert too_many.status_code == 400, too_many.text
        assert [e["field"] for e in too_many.json()["error"]["errors"]] == ["attendees"]
        closed = rest("PATCH", first, "carol", json={
            "end": (start.replace(hour=23)).isoformat()})
        assert closed.status_code == 400, closed.text
        clash = rest("PATCH", second, "carol", json={
            "start": (start + timedelta(minutes=30)).isoformat()})
        assert clash.status_code == 409, clash.text
        transaction.begin()
        booking = live["resource"][first.rsplit("/", 1)[1]]
        assert (booking.attendees, booking.end) == (12, start + timedelta(hours=1))
        moved = rest("PATCH", first, "carol", json={
            "start": (start + timedelta(hours=4)).isoformat(),
            "end": (start + timedelta(hours=5)).isoformat()})
        assert moved.status_code == 204, moved.text
        assert rest("POST", live["url"], "bob", json=booking_json(
            start, start + timedelta(hours=1))).status_code == 201  # the old slot is free
