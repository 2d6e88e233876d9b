"""REST: POST a Booking into its Resource, 409 on conflict, 400 on bad input, @availability."""

from bookinghelpers import booking_json
from bookinghelpers import make_resource
from bookinghelpers import next_monday
from bookinghelpers import rest
from datetime import datetime
from datetime import timedelta
from plone import api

import transaction


class TestApi:
    """In one class: the test layer is set up once for them all, not once per test."""

    def test_create_then_conflict(self, live):
        start = next_monday(hour=10)
        end = start + timedelta(hours=2)
        created = rest("POST", live["url"], "alice", json=booking_json(start, end))
        assert created.status_code == 201, created.text
        data = created.json()
        assert data["@type"] == "Booking"
        assert datetime.fromisoformat(data["start"]) == start
        assert data["review_state"] == "pending"

        clash = rest("POST", live["url"], "bob",
                     json=booking_json(start + timedelta(hours=1), end + timedelta(hours=1)))
        assert clash.status_code == 409, clash.text
        error = clash.json()["error"]
        assert error["type"] == "BookingConflict"
        assert error["message"]
        assert [(datetime.fromisoformat(c["start"]), datetime.fromisoformat(c["end"]))
                for c in error["conflicts"]] == [(start, end)]
        transaction.begin()
        assert len(live["resource"].objectIds()) == 1

    def test_naive_time_is_brussels_time(self, live):
        start = next_monday(hour=10)
        payload = booking_json(start.replace(tzinfo=None), (start + timedelta(hours=1)).replace(
            tzinfo=None))
        created = rest("POST", live["url"], "alice", json=payload)
        assert created.status_code == 201, created.text
        assert datetime.fromisoformat(created.json()["start"]) == start

    def test_bad_input_answers_400_per_field(self, live):
        start = next_monday(hour=10)
        answer = rest("POST", live["url"], "alice",
                      json=booking_json(start, start - timedelta(hours=1)))
        assert answer.status_code == 400, answer.text
        error = answer.json()["error"]
        assert error["type"] == "ValidationError"
        assert [item["field"] for item in error["errors"]] == ["end"]

        answer = rest("POST", live["url"], "alice",
                      json=booking_json(start + timedelta(minutes=10), start + timedelta(hours=1),
                                        attendees=500))
        assert answer.status_code == 400
        fields = {item["field"] for item in answer.json()["error"]["errors"]}
        assert fields == {"start", "attendees"}

        answer = rest("POST", live["url"], "alice",
                      json=booking_json(start, start + timedelta(hours=1), requester_email="nope"))
        assert answer.status_code == 400
        error = answer.json()["error"]
        assert error["type"] == "ValidationError"
        assert [item["field"] for item in error["errors"]] == ["requester_email"]
        transaction.begin()
        assert live["resource"].objectIds() == []

    def test_anonymous_cannot_book_a_members_resource(self, live):
        start = next_monday(hour=10)
        answer = rest("POST", live["url"], json=booking_json(start, start + timedelta(hours=1)))
        assert answer.status_code in (401, 403), answer.text
        transaction.begin()
        assert live["resource"].objectIds() == []

    def test_anonymous_books_an_open_resource(self, live):
        resource = make_resource(live["folder"], "salle-ouverte", audience="anonymous")
        transaction.commit()
        start = next_monday(hour=10)
        answer = rest("POST", resource.absolute_url(),
                      json=booking_json(start, start + timedelta(hours=1)))
        assert answer.status_code == 201, answer.text
        # anonymous sees free/busy, never the booking itself
        transaction.begin()
        [booking] = resource.objectValues()
        assert rest("GET", booking.absolute_url()).status_code in (401, 403)

    def test_workflow_through_rest(self, live):
        start = next_monday(hour=10)
        created = rest("POST", live["url"], "alice",
                       json=booking_json(start, start + timedelta(hours=1)))
        url = created.json()["@id"]
        # another citizen sees nothing and cannot act
        assert rest("GET", url, "bob").status_code in (401, 403, 404)
        assert rest("POST", f"{url}/@workflow/cancel", "bob").status_code in (401, 403, 404)
        assert rest("POST", f"{url}/@workflow/confirm", "alice").status_code in (400, 401, 403)
        confirmed = rest("POST", f"{url}/@workflow/confirm", "carol")
        assert confirmed.status_code == 200, confirmed.text
        assert confirmed.json()["review_state"] == "confirmed"
        cancelled = rest("POST", f"{url}/@workflow/cancel", "alice",
                         json={"comment": "Plus besoin"})
        assert cancelled.status_code == 200, cancelled.text
        # the slot is free again
        again = rest("POST", live["url"], "bob",
                     json=booking_json(start, start + timedelta(hours=1)))
        assert again.status_code == 201, again.text

    def test_availability(self, live):
        start = next_monday(hour=10)
        rest("POST", live["url"], "alice", json=booking_json(start, start + timedelta(hours=2)))
        day = start.replace(hour=0)
        query = {"start": day.isoformat(), "end": (day + timedelta(days=1)).isoformat()}
        anonymous = rest("GET", f"{live['url']}/@availability", params=query)
        assert anonymous.status_code == 200, anonymous.text
        data = anonymous.json()
        assert "taken" in data, data
        [taken] = data["taken"]
        assert datetime.fromisoformat(taken["start"]) == start
        assert set(taken) == {"start", "end"}  # nothing personal
        free = [(datetime.fromisoformat(f["start"]), datetime.fromisoformat(f["end"]))
                for f in data["free"]]
        assert free == [(start.replace(hour=8), start), (start + timedelta(hours=2),
                                                         start.replace(hour=22))]
        other = rest("GET", f"{live['url']}/@availability", "bob", params=query).json()
        assert "taken" in other, other
        assert set(other["taken"][0]) == {"start", "end"}
        own = rest("GET", f"{live['url']}/@availability", "alice", params=query).json()
        assert own["taken"][0]["own"] is True
        manager = rest("GET", f"{live['url']}/@availability", "carol", params=query).json()
        assert manager["taken"][0]["requester_name"] == "Alice Martin"

        bad = rest("GET", f"{live['url']}/@availability", params={"start": "demain"})
        assert bad.status_code == 400
        assert bad.json()["error"]["type"] == "ValidationError"

    def test_manager_sees_requests_in_availability_of_linked(self, live):
        whole = live["resource"]
        half = make_resource(live["folder"], "demi-salle", part_of=[api.content.get_uuid(whole)])
        transaction.commit()
        start = next_monday(hour=10)
        assert rest("POST", half.absolute_url(), "alice",
                    json=booking_json(start, start + timedelta(hours=1))).status_code == 201
        answer = rest("POST", whole.absolute_url(), "bob",
                      json=booking_json(start, start + timedelta(hours=1)))
        assert answer.status_code == 409
        day = start.replace(hour=0)
        data = rest("GET", f"{whole.absolute_url()}/@availability",
                    params={"start": day.isoformat(), "end": (day + timedelta(days=1)).isoformat()}
                    ).json()
        assert [item.get("via") for item in data["taken"]] == ["Demi Salle"]
