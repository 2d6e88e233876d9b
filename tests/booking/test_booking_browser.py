"""The resource page (week calendar, no-JS form), a booking's page, My bookings, iCalendar."""

from bookinghelpers import PASSWORD
from bookinghelpers import book
from bookinghelpers import next_monday
from communesplone.core.dates import period_text
from datetime import timedelta
from icalendar import Calendar
from browser import page_fixture  # noqa: F401 - the ``page`` fixture
from plone import api

import html
import pytest
import re
import requests
import transaction


def _get(url, user=None, **kwargs):
    return requests.get(url, auth=(user, PASSWORD) if user else None, timeout=60, **kwargs)


def _token(html):
    return re.search(r'name="_authenticator"\s+value="([^"]+)"', html).group(1)


def _alice_booking(live, start):
    with api.env.adopt_user("alice"):
        booking = book(live["resource"], start, start + timedelta(hours=2),
                       requester_name="Alice Secret", purpose="Anniversaire privé")
    transaction.commit()
    return booking


class TestPagesOverHttp:
    """In one class: the test layer is set up once for them all, not once per test."""

    def test_page_shows_week_without_personal_data(self, live):
        start = next_monday(hour=10)
        _alice_booking(live, start)
        week = start.date().isoformat()
        listing = _get(live["folder"].absolute_url())
        assert listing.status_code == 200
        assert "Salle Du Conseil" in listing.text
        page = _get(f"{live['url']}?week={week}")
        assert page.status_code == 200
        assert "booking-week" in page.text
        assert "slot-taken" in page.text and "slot-free" in page.text
        assert "Alice Secret" not in page.text
        assert "Anniversaire" not in page.text
        assert "token=" not in page.text  # the private feed is for managers
        other = _get(f"{live['url']}?week={week}", "bob")
        assert "Alice Secret" not in other.text
        own = _get(f"{live['url']}?week={week}", "alice")
        assert "slot-taken" in own.text
        manager = _get(f"{live['url']}?week={week}", "carol")
        assert "Alice Secret" in manager.text
        assert "token=" in manager.text

    def test_form_books_without_javascript(self, live):
        start = next_monday(hour=10)
        page = _get(live["url"], "bob")
        assert 'name="start_time"' in page.text
        form = {
            "_authenticator": _token(page.text),
            "form.submitted": "1",
            "date": start.date().isoformat(),
            "start_time": "10:00",
            "end_time": "11:30",
            "requester_name": "Bob Dupont",
            "requester_email": "bob@example.org",
            "purpose": "Répétition de la chorale",
            "attendees": "20",
            "repeat": "none",
        }
        answer = requests.post(f"{live['url']}/@@book", data=form, auth=("bob", PASSWORD),
                               timeout=60)
        assert answer.status_code == 200
        transaction.begin()
        [booking] = live["resource"].objectValues()
        assert booking.start == start
        assert booking.end == start + timedelta(minutes=90)
        assert booking.requester_name == "Bob Dupont"
        # the same slot again: an error next to the field, the input kept, nothing saved
        page = _get(live["url"], "alice")
        form["_authenticator"] = _token(page.text)
        form["requester_name"] = "Alice Martin"
        answer = requests.post(f"{live['url']}/@@book", data=form, auth=("alice", PASSWORD),
                               timeout=60)
        assert answer.status_code == 200
        assert 'role="alert"' in answer.text
        assert 'aria-invalid="true"' in answer.text
        assert 'value="Alice Martin"' in answer.text
        text = html.unescape(answer.text)
        # the clash once, next to its field, with the period as people write it
        assert text.count("already booked for") == 1
        assert period_text(start, start + timedelta(minutes=90), "en") in text
        # the calendar stays on the week that was chosen
        assert f'name="week" id="booking-week" value="{start.date().isoformat()}"' in text
        transaction.begin()
        assert len(live["resource"].objectIds()) == 1

    def test_form_shows_rule_errors(self, live):
        start = next_monday(hour=10)
        page = _get(live["url"], "bob")
        form = {
            "_authenticator": _token(page.text),
            "form.submitted": "1",
            "date": start.date().isoformat(),
            "start_time": "10:00",
            "end_time": "10:00",
            "requester_name": "Bob",
            "requester_email": "bob@example.org",
            "purpose": "x",
            "attendees": "500",
        }
        answer = requests.post(f"{live['url']}/@@book", data=form, auth=("bob", PASSWORD),
                               timeout=60)
        assert 'id="error-attendees"' in answer.text
        transaction.begin()
        assert live["resource"].objectIds() == []

    def test_anonymous_sees_no_form_for_members_resource(self, live):
        page = _get(live["url"])
        assert 'name="start_time"' not in page.text

    def test_booking_page_and_manager_decision(self, live):
        start = next_monday(hour=10)
        booking = _alice_booking(live, start)
        url = booking.absolute_url()
        assert _get(url, "bob").status_code in (401, 403) or "Anniversaire" not in _get(
            url, "bob").text
        assert "Anniversaire privé" in _get(url, "alice").text
        page = _get(url, "carol")
        assert 'value="refuse"' in page.text
        # refusing needs a reason
        answer = requests.post(f"{url}/@@booking-transition", auth=("carol", PASSWORD), data={
            "_authenticator": _token(page.text), "transition": "refuse", "comment": ""},
            timeout=60)
        assert answer.status_code == 200
        transaction.begin()
        assert api.content.get_state(booking) == "pending"
        answer = requests.post(f"{url}/@@booking-transition", auth=("carol", PASSWORD), data={
            "_authenticator": _token(page.text), "transition": "refuse",
            "comment": "Salle réservée par le collège"}, timeout=60)
        transaction.begin()
        assert api.content.get_state(booking) == "refused"

    def test_other_citizen_cannot_cancel_through_the_form(self, live):
        start = next_monday(hour=10)
        booking = _alice_booking(live, start)
        page = _get(live["url"], "bob")
        answer = requests.post(f"{booking.absolute_url()}/@@booking-transition",
                               auth=("bob", PASSWORD),
                               data={"_authenticator": _token(page.text), "transition": "cancel"},
                               timeout=60)
        assert answer.status_code in (401, 403, 404) or "Anniversaire" not in answer.text
        transaction.begin()
        assert api.content.get_state(booking) == "pending"

    def test_my_bookings(self, live):
        start = next_monday(hour=10)
        _alice_booking(live, start)
        site = api.portal.get().absolute_url()
        mine = _get(f"{site}/@@my-bookings", "alice")
        assert mine.status_code == 200
        assert "Anniversaire privé" in mine.text
        assert 'value="cancel"' in mine.text
        other = _get(f"{site}/@@my-bookings", "bob")
        assert other.status_code == 200
        assert "Anniversaire" not in other.text
        anonymous = _get(f"{site}/@@my-bookings", allow_redirects=False)
        assert anonymous.status_code in (302, 401, 403)

    def test_public_ical_is_free_busy_only(self, live):
        start = next_monday(hour=10)
        _alice_booking(live, start)
        answer = _get(f"{live['url']}/@@ical")
        assert answer.status_code == 200
        assert answer.headers["Content-Type"].startswith("text/calendar")
        calendar = Calendar.from_ical(answer.content)
        assert not calendar.walk("VEVENT")
        [busy] = calendar.walk("VFREEBUSY")
        periods = busy.get("FREEBUSY")
        periods = periods if isinstance(periods, list) else [periods]
        assert [p.dt[0] for p in periods] == [start]
        assert b"Alice" not in answer.content and b"Anniversaire" not in answer.content

    def test_private_ical_needs_the_token(self, live):
        start = next_monday(hour=10)
        _alice_booking(live, start)
        token = live["resource"].ical_token
        assert _get(f"{live['url']}/@@ical", params={"token": "wrong"}).status_code == 403
        answer = _get(f"{live['url']}/@@ical", params={"token": token})
        assert answer.status_code == 200
        [event] = Calendar.from_ical(answer.content).walk("VEVENT")
        assert event.decoded("dtstart") == start
        assert "Alice Secret" in str(event["summary"])
        assert str(event["status"]) == "TENTATIVE"

    def test_anonymous_books_an_open_resource_with_the_form(self, live):
        from bookinghelpers import make_resource

        resource = make_resource(live["folder"], "salle-ouverte", audience="anonymous")
        transaction.commit()
        url = resource.absolute_url()
        session = requests.Session()
        page = session.get(url, timeout=60)
        start = next_monday(hour=14)
        answer = session.post(f"{url}/@@book", timeout=60, data={
            "_authenticator": _token(page.text), "form.submitted": "1",
            "date": start.date().isoformat(), "start_time": "14:00", "end_time": "15:00",
            "requester_name": "Jean Visiteur", "requester_email": "jean@example.org",
            "purpose": "Réunion de parents", "attendees": "8", "repeat": "none"})
        assert answer.status_code == 200
        assert "Jean Visiteur" not in answer.text  # back on the page, nothing personal shown
        transaction.begin()
        [booking] = resource.objectValues()
        assert booking.start == start
        assert api.content.get_state(booking) == "pending"

    def test_add_form_renders(self, live):
        answer = _get(f"{live['url']}/++add++Booking", "bob")
        assert answer.status_code == 200
        assert 'name="form.widgets.requester_email"' in answer.text

    @pytest.mark.browser
    def test_citizen_pages_have_no_axe_violation(self, live, page):
        """Resource page (week and month), form with errors, booking page, my bookings, link."""
        import base64

        from browser import axe_violations
        from bookinghelpers import make_resource
        from communesplone.booking.mails import access_url

        start = next_monday(hour=10)
        open_resource = make_resource(live["folder"], "salle-ouverte", audience="anonymous")
        with api.env.adopt_user("alice"):
            series = book(live["resource"], start, start + timedelta(hours=2), repeat="weekly",
                          repeat_count=3, requester_name="Alice Martin")
        transaction.commit()
        week = f"?week={start.date().isoformat()}"

        def check(url, label):
            page.goto(url)
            page.wait_for_load_state("load")
            assert page.locator("#content").count() == 1, label
            assert axe_violations(page) == [], label

        check(open_resource.absolute_url() + week, "anonymous: resource page with its form")
        check(live["url"] + f"?month={start:%Y-%m}", "anonymous: month calendar")
        check(access_url(series), "the requester's link")
        credentials = base64.b64encode(f"alice:{PASSWORD}".encode()).decode()
        page.set_extra_http_headers({"Authorization": f"Basic {credentials}"})
        check(live["url"] + week, "alice: resource page, her booking in the week")
        # the form after a refused submission: errors announced and linked to their fields
        page.select_option("#booking-start_time", "10:00")
        page.select_option("#booking-end_time", "11:00")
        page.fill("#booking-date", start.date().isoformat())
        page.fill("#booking-attendees", "500")
        page.click("button[type=submit].btn-primary")
        page.wait_for_load_state("load")
        assert page.locator("#booking-errors").count() == 1
        assert axe_violations(page) == [], "form with errors"
        check(series.absolute_url(), "alice: her recurring booking")
        check(api.portal.get().absolute_url() + "/@@my-bookings", "alice: my bookings")
