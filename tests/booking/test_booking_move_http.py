"""Real HTTP: the requester moves their booking through the link, their page and REST.

From the side of who must not get through: another citizen, anonymous without
the token, a wrong or another booking's token, past the deadline, an overlap.
"""

from bookinghelpers import PASSWORD
from bookinghelpers import booking_json
from bookinghelpers import make_resource
from bookinghelpers import next_monday
from bookinghelpers import rest
from browser import page_fixture  # noqa: F401 - the ``page`` fixture
from communesplone.booking.mails import access_url
from communesplone.core.dates import period_text
from communesplone.booking.mails import format_period
from datetime import timedelta
from plone import api
from plone.dexterity.utils import createContentInContainer

import html
import pytest
import re
import requests
import transaction

HOUR = timedelta(hours=1)


def _token(text):
    return re.search(r'name="_authenticator"\s+value="([^"]+)"', text).group(1)


def _as_anonymous(resource, start, **fields):
    values = {"requester_email": "jean@example.org", "attendees": 5,
              "requester_name": "Jean Visiteur", "purpose": "Réunion de parents"}
    values.update(fields)
    with api.env.adopt_roles(["Anonymous"]):
        return createContentInContainer(resource, "Booking", title="booking", start=start,
                                        end=start + HOUR, **values)


def _open_resource(live, id_, **fields):
    return make_resource(live["folder"], id_, audience="anonymous", **fields)


def _move_data(page_text, booking, day, start, end, **extra):
    data = {"_authenticator": _token(page_text), "booking": booking.UID(),
            "token": booking._access_token, "move": "1", "move_form": "1",
            "occurrence": booking.periods()[0][0].isoformat(),
            "new_date": day, "new_start": start, "new_end": end}
    data.update(extra)
    return data


def _periods(booking):
    transaction.begin()  # see what the server committed
    return booking.periods()


def _sent_since(smtp_server, count):
    return [(recipients, message["Subject"], message.get_body(("plain",)).get_content())
            for _sender, recipients, message in smtp_server.inbox.messages[count:]]


class TestMoveOverHttp:
    """In one class: the test layer is set up once for them all, not once per test."""

    def test_the_link_moves_back_to_pending_and_mails(self, mail_site, smtp_server):
        resource = _open_resource(mail_site, "salle-lien")
        start = next_monday(hour=14)
        booking = _as_anonymous(resource, start)
        with api.env.adopt_user("carol"):
            api.content.transition(obj=booking, transition="confirm")
        transaction.commit()
        before = len(smtp_server.inbox.messages)
        session = requests.Session()
        page = session.get(access_url(booking), timeout=60)
        assert page.status_code == 200 and 'name="move_form"' in page.text
        new_day = start + timedelta(days=1)
        answer = session.post(f"{resource.absolute_url()}/@@booking-access", timeout=60,
                              data=_move_data(page.text, booking, new_day.date().isoformat(),
                                              "16:00", "17:30"))
        assert answer.status_code == 200, answer.text[-2000:]
        assert answer.url == access_url(booking)  # redirected back to the link's page
        new_start = new_day.replace(hour=16)
        assert _periods(booking) == [(new_start, new_start + 1.5 * HOUR)]
        assert api.content.get_state(booking) == "pending"  # the resource needs approval
        sent = _sent_since(smtp_server, before)
        [(to_requester, subject, body)] = [m for m in sent if m[0] == ["jean@example.org"]]
        assert "moved" in subject.lower()
        assert format_period(new_start, new_start + 1.5 * HOUR) in body
        assert access_url(booking) in body
        [(to_managers, subject, body)] = [m for m in sent if m[0] == ["carol@example.org"]]
        assert "decision" in subject.lower()
        assert f"/resolveuid/{booking.UID()}" in body and booking._access_token not in body

    def test_rest_move_without_approval_stays_confirmed_and_mails(self, mail_site,
                                                                   smtp_server):
        resource = make_resource(mail_site["folder"], "salle-directe", needs_approval=False)
        transaction.commit()
        start = next_monday(hour=10)
        created = rest("POST", resource.absolute_url(), "alice",
                       json=booking_json(start, start + HOUR))
        assert created.json()["review_state"] == "confirmed"
        before = len(smtp_server.inbox.messages)
        later = start + timedelta(days=2, hours=1)
        moved = rest("POST", f"{created.json()['@id']}/@occurrences", "alice", json={
            "action": "move", "start": later.isoformat(), "end": (later + HOUR).isoformat()})
        assert moved.status_code == 200, moved.text
        assert rest("GET", created.json()["@id"], "alice").json()["review_state"] == "confirmed"
        sent = _sent_since(smtp_server, before)
        [(_to, subject, body)] = [m for m in sent if m[0] == ["alice@example.org"]]
        assert "moved" in subject.lower() and format_period(later, later + HOUR) in body
        assert "confirms it again" not in body
        [(_to, subject, body)] = [m for m in sent if m[0] == ["carol@example.org"]]
        assert "changed" in subject.lower() and "/@@booking-access" not in body

    def test_the_link_refuses_other_tokens_overlaps_and_bad_input(self, live):
        resource = _open_resource(live, "salle-refus")
        start = next_monday(hour=14)
        booking = _as_anonymous(resource, start)
        other = _as_anonymous(resource, start + 2 * HOUR, requester_name="Autre Personne",
                              requester_email="autre@example.org")
        transaction.commit()
        session = requests.Session()
        page = session.get(access_url(booking), timeout=60)
        url = f"{resource.absolute_url()}/@@booking-access"
        day = start.date().isoformat()
        # another booking's token, a wrong one, none: the same 404, nothing moved
        for params in ({"token": other._access_token}, {"token": "x" * 43}, {"token": ""}):
            data = _move_data(page.text, booking, day, "18:00", "19:00")
            data.update(params)
            answer = session.post(url, data=data, timeout=60)
            assert answer.status_code == 404, params
            assert "Jean" not in answer.text and "Autre" not in answer.text
        # onto the other booking: 409, the clear message, what was typed kept
        answer = session.post(url, timeout=60,
                              data=_move_data(page.text, booking, day, "16:00", "17:00"))
        assert answer.status_code == 409, answer.text[-2000:]
        text = html.unescape(answer.text)
        assert "This resource is already booked for" in text
        assert period_text(start + 2 * HOUR, start + 3 * HOUR, "en") in text
        assert f'value="{day}"' in answer.text
        assert re.search(r'<option value="16:00"\s+selected="selected"', answer.text)
        assert "Autre Personne" not in answer.text  # whose booking is not said
        # no time chosen: 400, the field named, the date kept
        answer = session.post(url, timeout=60,
                              data=_move_data(page.text, booking, day, "", "17:00"))
        assert answer.status_code == 400
        assert 'id="move-error-new_start"' in answer.text and "Choose a time." in answer.text
        assert f'value="{day}"' in answer.text
        assert re.search(r'<option value="17:00"\s+selected="selected"', answer.text)
        assert _periods(booking) == [(start, start + HOUR)]
        assert _periods(other) == [(start + 2 * HOUR, start + 3 * HOUR)]

    def test_the_link_after_the_deadline(self, live):
        resource = _open_resource(live, "salle-tard", cancel_hours=24 * 60)
        start = next_monday(hour=14)
        booking = _as_anonymous(resource, start)
        transaction.commit()
        session = requests.Session()
        page = session.get(access_url(booking), timeout=60)
        assert page.status_code == 200 and 'name="move_form"' not in page.text
        form_page = session.get(resource.absolute_url(), timeout=60)  # a CSRF token
        answer = session.post(f"{resource.absolute_url()}/@@booking-access", timeout=60,
                              data=_move_data(form_page.text, booking, start.date().isoformat(),
                                              "16:00", "17:00"))
        assert answer.status_code == 403
        assert "can no longer be moved online" in html.unescape(answer.text)
        assert _periods(booking) == [(start, start + HOUR)]

    def test_the_booking_page_for_its_requester_only(self, live):
        start = next_monday(hour=10)
        mine = rest("POST", live["url"], "alice",
                    json=booking_json(start, start + HOUR)).json()["@id"]
        rest("POST", live["url"], "bob",
             json=booking_json(start + 2 * HOUR, start + 3 * HOUR))
        day = start.date().isoformat()
        page = requests.get(mine, auth=("alice", PASSWORD), timeout=60)
        assert 'name="move_form"' in page.text
        data = {"_authenticator": _token(page.text), "move": "1", "move_form": "1",
                "occurrence": start.isoformat(), "new_date": day,
                "new_start": "12:00", "new_end": "13:00"}
        # bob may not even see it; anonymous neither
        bob_page = requests.get(mine, auth=("bob", PASSWORD), timeout=60,
                                allow_redirects=False)
        bob_data = dict(data, _authenticator=_token(requests.get(
            live["url"], auth=("bob", PASSWORD), timeout=60).text))
        for auth, form in ((("bob", PASSWORD), bob_data), (None, data)):
            answer = requests.post(f"{mine}/@@booking-occurrences", auth=auth, data=form,
                                   timeout=60, allow_redirects=False)
            # refused: an error, or Plone's redirect of an Unauthorized to the login form
            assert answer.status_code in (401, 403, 404) or (
                answer.status_code == 302 and "login" in answer.headers["Location"]), \
                answer.status_code
        assert bob_page.status_code in (302, 401, 403, 404)
        assert "move_form" not in bob_page.text and "Assemblée" not in bob_page.text
        clash = requests.post(f"{mine}/@@booking-occurrences", auth=("alice", PASSWORD),
                              data=dict(data, new_start="12:30", new_end="13:30"), timeout=60)
        assert clash.status_code == 409
        assert "This resource is already booked for" in html.unescape(clash.text)
        assert re.search(r'<option value="12:30"\s+selected="selected"', clash.text)
        transaction.begin()
        booking = live["resource"][mine.rsplit("/", 1)[1]]
        assert _periods(booking) == [(start, start + HOUR)]
        moved = requests.post(f"{mine}/@@booking-occurrences", auth=("alice", PASSWORD),
                              data=dict(data, new_start="10:30", new_end="11:30"), timeout=60)
        assert moved.status_code == 200 and moved.url == mine
        assert _periods(booking) == [(start + HOUR / 2, start + 1.5 * HOUR)]

    def test_rest_occurrences_and_the_link(self, live):
        start = next_monday(hour=10)
        mine = rest("POST", live["url"], "alice",
                    json=booking_json(start, start + HOUR)).json()["@id"]
        rest("POST", live["url"], "bob", json=booking_json(start + 2 * HOUR, start + 3 * HOUR))
        body = {"action": "move", "start": (start + 4 * HOUR).isoformat(),
                "end": (start + 5 * HOUR).isoformat()}
        assert rest("POST", f"{mine}/@occurrences", "bob", json=body).status_code in (
            401, 403, 404)
        assert rest("POST", f"{mine}/@occurrences", json=body).status_code in (401, 403, 404)
        clash = rest("POST", f"{mine}/@occurrences", "alice", json=dict(
            body, start=(start + 2 * HOUR).isoformat(), end=(start + 3 * HOUR).isoformat()))
        assert clash.status_code == 409
        assert clash.json()["error"]["conflicts"][0]["start"] == (start + 2 * HOUR).isoformat()
        past = rest("POST", f"{mine}/@occurrences", "alice", json=dict(
            body, start=(start - timedelta(weeks=3)).isoformat(),
            end=(start - timedelta(weeks=3) + HOUR).isoformat()))
        assert past.status_code == 400 and past.json()["error"]["type"] == "ValidationError"
        moved = rest("POST", f"{mine}/@occurrences", "alice", json=body)
        assert moved.status_code == 200, moved.text
        assert [item["start"] for item in moved.json()["items"]] == [body["start"]]
        # the link through REST: an anonymous requester's booking
        transaction.begin()  # after what the server committed
        resource = _open_resource(live, "salle-rest")
        booking = _as_anonymous(resource, start)
        other = _as_anonymous(resource, start + 3 * HOUR, requester_email="autre@example.org")
        transaction.commit()
        url = f"{resource.absolute_url()}/@booking-access"
        link = {"booking": booking.UID(), "token": booking._access_token}
        got = rest("GET", url, params=link)
        assert got.status_code == 200 and got.json()["review_state"] == "pending"
        for wrong in ({"token": other._access_token}, {"token": "x" * 43}, {"token": None}):
            refused = rest("POST", url, json=dict(body, **dict(link, **wrong)))
            assert refused.status_code == 404, wrong
            assert "Jean" not in refused.text
        assert rest("GET", url, params={"booking": booking.UID()}).status_code == 404
        clash = rest("POST", url, json=dict(
            link, action="move", start=(start + 3 * HOUR).isoformat(),
            end=(start + 4 * HOUR).isoformat()))
        assert clash.status_code == 409
        moved = rest("POST", url, json=dict(
            link, action="move", start=(start + 5 * HOUR).isoformat(),
            end=(start + 6 * HOUR).isoformat()))
        assert moved.status_code == 200, moved.text
        assert moved.json()["items"][0]["start"] == (start + 5 * HOUR).isoformat()
        assert _periods(booking) == [(start + 5 * HOUR, start + 6 * HOUR)]

    @pytest.mark.browser
    def test_the_move_form_of_the_link_is_accessible(self, live, page):
        """The link's page with its move form, then with the errors of a refused move."""
        from browser import axe_violations

        resource = _open_resource(live, "salle-axe")
        start = next_monday(hour=14)
        booking = _as_anonymous(resource, start)
        _as_anonymous(resource, start + 2 * HOUR, requester_email="autre@example.org")
        transaction.commit()
        page.goto(access_url(booking))
        page.wait_for_load_state("load")
        assert axe_violations(page) == []
        page.fill("#move-new_date", start.date().isoformat())
        page.select_option("#move-new_start", "16:00")
        page.select_option("#move-new_end", "17:00")
        page.click(".booking-move button[type=submit]")
        page.wait_for_load_state("load")
        assert page.locator("#move-errors").count() == 1
        assert page.locator("#move-new_start").input_value() == "16:00"
        assert axe_violations(page) == []
