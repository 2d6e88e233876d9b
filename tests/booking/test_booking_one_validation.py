"""One validation on every way in: the resource page's form refuses what REST refuses
(same bad values, same field), and refusing a booking opens the reason form."""

from bookinghelpers import PASSWORD
from bookinghelpers import book
from bookinghelpers import booking_json
from bookinghelpers import next_monday
from bookinghelpers import rest
from datetime import timedelta
from plone import api

import html
import re
import requests
import transaction

#: values the schema of a booking refuses, whichever way they come in
BAD = {"requester_email": "bob@exemple", "attendees": 0}


def _token(text):
    return re.search(r'name="_authenticator"\s+value="([^"]+)"', text).group(1)


def test_form_and_rest_refuse_the_same_values(live):
    start = next_monday(hour=10)
    answer = rest("POST", live["url"], "bob",
                  json=booking_json(start, start + timedelta(hours=1), **BAD))
    assert answer.status_code == 400, answer.text
    assert {error["field"] for error in answer.json()["error"]["errors"]} == set(BAD)
    page = requests.get(live["url"], auth=("bob", PASSWORD), timeout=60)
    form = {"_authenticator": _token(page.text), "form.submitted": "1",
            "date": start.date().isoformat(), "start_time": "10:00", "end_time": "11:00",
            "requester_name": "Bob Dupont", "purpose": "Répétition", "repeat": "none",
            **{name: str(value) for name, value in BAD.items()}}
    answer = requests.post(f"{live['url']}/@@book", data=form, auth=("bob", PASSWORD),
                           timeout=60)
    assert answer.status_code == 200
    text = html.unescape(answer.text)
    assert "This is not a valid e-mail address." in text
    for name in BAD:
        assert re.search(rf'id="booking-{name}"[^>]*aria-invalid="true"', text) or \
            re.search(rf'aria-invalid="true"[^>]*id="booking-{name}"', text), name
    assert 'value="bob@exemple"' in text  # what was typed is kept
    transaction.begin()
    assert live["resource"].objectIds() == []


def test_refusing_from_the_menu_asks_for_the_reason(live):
    start = next_monday(hour=14)
    with api.env.adopt_user("alice"):
        booking = book(live["resource"], start, start + timedelta(hours=1))
    transaction.commit()
    url = f"{booking.absolute_url()}/@@transition-form"
    page = requests.get(url, params={"workflow_action": "refuse"}, auth=("carol", PASSWORD),
                        timeout=60)
    assert page.status_code == 200
    assert 'name="comment"' in page.text
    # alice, who booked, may not refuse: the form sends her back to the booking
    assert requests.get(url, params={"workflow_action": "refuse"}, auth=("alice", PASSWORD),
                        timeout=60, allow_redirects=False).status_code == 302
    form = {"_authenticator": _token(page.text), "workflow_action": "refuse", "comment": ""}
    answer = requests.post(url, data=form, auth=("carol", PASSWORD), timeout=60)
    assert answer.status_code == 400
    assert "Traceback" not in answer.text
    assert 'aria-invalid="true"' in answer.text
    transaction.begin()
    assert api.content.get_state(booking) == "pending"
    form["comment"] = "La salle est en travaux"
    answer = requests.post(url, data=form, auth=("carol", PASSWORD), timeout=60)
    assert answer.status_code == 200 and answer.url.rstrip("/") == booking.absolute_url()
    transaction.begin()
    assert api.content.get_state(booking) == "refused"
