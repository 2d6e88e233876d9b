"""A citizen over the pending-bookings limit reads why, beside what they typed."""

from bookinghelpers import book
from browser import page_fixture  # noqa: F401 - the ``page`` fixture
from bookinghelpers import next_monday
from bookinghelpers import PASSWORD
from datetime import timedelta
from plone import api

import base64
import pytest
import transaction


@pytest.mark.browser
def test_the_form_says_the_limit_and_keeps_what_was_typed(live, page):
    from pagechecks import assert_fit_for_people

    api.portal.set_registry_record("plone.default_language", "fr")
    api.portal.set_registry_record("plone.available_languages", ["fr", "nl"])
    api.portal.set_registry_record("communesplone.core.limits.bookings_pending_per_resource", 1)
    start = next_monday(hour=10)
    with api.env.adopt_user("alice"):
        book(live["resource"], start, start + timedelta(hours=1))
    transaction.commit()
    credentials = base64.b64encode(f"alice:{PASSWORD}".encode()).decode()
    page.set_extra_http_headers({"Authorization": f"Basic {credentials}",
                                 "Accept-Language": "fr"})
    page.goto(live["url"] + f"?week={start.date().isoformat()}&set_language=fr")
    page.select_option("#booking-start_time", "14:00")
    page.select_option("#booking-end_time", "15:00")
    page.fill("#booking-date", start.date().isoformat())
    page.fill("#booking-purpose", "Répétition de la chorale")
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.click("button[type=submit].btn-primary")
    page.wait_for_load_state("load")
    assert posted.value.status == 429
    assert int(posted.value.headers["retry-after"]) > 0
    errors = page.locator("#booking-errors").inner_text()
    assert "Réservations de cette ressource en attente" in errors
    assert page.input_value("#booking-purpose") == "Répétition de la chorale"
    assert page.input_value("#booking-date") == start.date().isoformat()
    assert_fit_for_people(page, "fr", "booking form over the limit", citizen=True)
    transaction.begin()
    assert len(live["resource"].objectIds()) == 1
