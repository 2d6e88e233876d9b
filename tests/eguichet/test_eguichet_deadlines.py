"""``processing_days`` counts Belgian working days: the order's announced date and "late"."""

from datetime import date
from datetime import datetime
from datetime import UTC
from eguichethelpers import order
from eguichethelpers import order_json
from eguichethelpers import rest
from plone import api
from zoneinfo import ZoneInfo

import pytest
import transaction

BRUSSELS = ZoneInfo("Europe/Brussels")
FRIDAY = datetime(2026, 11, 20, 10, 30, tzinfo=BRUSSELS)


@pytest.mark.parametrize("ordered, days, due", [
    (date(2026, 11, 20), 2, date(2026, 11, 24)),  # Friday + 2 -> Tuesday
    (date(2026, 11, 19), 3, date(2026, 11, 24)),  # Thursday + 3, across a weekend
    (date(2026, 11, 21), 1, date(2026, 11, 23)),  # ordered on a Saturday
    (date(2026, 11, 18), 0, date(2026, 11, 18)),  # no processing time: the same day
    (date(2026, 4, 2), 2, date(2026, 4, 7)),  # Thursday, Easter Monday 6 April
    (date(2026, 7, 20), 1, date(2026, 7, 22)),  # 21 July, national day (a Tuesday)
    (date(2026, 12, 24), 1, date(2026, 12, 28)),  # Christmas Friday, then the weekend
    # 26 December is not one of the ten legal holidays (see docs/eguichet.md)
    (date(2025, 12, 24), 1, date(2025, 12, 26)),
    (date(2025, 12, 24), 2, date(2025, 12, 29)),
    (date(2026, 10, 30), 2, date(2026, 11, 3)),  # Friday; 1 November is a Sunday
    (date(2027, 11, 10), 1, date(2027, 11, 12)),  # 11 November, Armistice (a Thursday)
])
def test_working_days(ordered, days, due):
    from communesplone.eguichet.deadlines import due_day

    assert due_day(ordered, days) == due


def test_due_datetime_keeps_the_local_time_and_is_stored_in_utc():
    from communesplone.eguichet.deadlines import due_datetime

    due = due_datetime(FRIDAY, 2, BRUSSELS)
    assert due.tzinfo == UTC
    assert due.astimezone(BRUSSELS) == datetime(2026, 11, 24, 10, 30, tzinfo=BRUSSELS)
    # just after midnight in Brussels is still the previous day in UTC
    night = datetime(2026, 11, 21, 0, 15, tzinfo=BRUSSELS)  # Saturday
    assert due_datetime(night, 1, BRUSSELS).astimezone(BRUSSELS).date() == date(2026, 11, 23)


@pytest.fixture
def on_friday(monkeypatch):
    """Orders are made on Friday 20 November 2026 at 10:30 in Brussels."""
    monkeypatch.setattr("communesplone.eguichet.events.site_now", lambda: FRIDAY)


def test_order_made_on_friday_is_due_on_tuesday(site, on_friday):
    site.residence.processing_days = 2
    with api.env.adopt_user("alice"):
        made = order(site.catalog, site.residence)
    assert made.due_date.astimezone(BRUSSELS).date() == date(2026, 11, 24)
    view = api.content.get_view("view", made, made.REQUEST)
    with api.env.adopt_user("alice"):
        facts = {fact["value"] for fact in view.facts()}
    assert "Tuesday 24 November" in facts  # in words (the test site is English)


def test_late_counts_working_days(site, on_friday):
    """Calendar days would make it late on Monday; it is late from Tuesday 10:30."""
    from communesplone.eguichet.listing import filter_query
    from communesplone.eguichet.listing import order_brains

    site.regulation.processing_days = 2
    with api.env.adopt_user("alice"):
        made = order(site.catalog, site.regulation, answers={})  # submitted at once

    def late(when):
        with api.env.adopt_user("paula"):
            query = filter_query("late", now=when.astimezone(UTC).isoformat())
            return [brain.eguichet_reference for brain in order_brains(site.catalog, **query)]

    assert late(datetime(2026, 11, 23, 17, 0, tzinfo=BRUSSELS)) == []  # Monday
    assert late(datetime(2026, 11, 24, 10, 0, tzinfo=BRUSSELS)) == []  # Tuesday morning
    assert late(datetime(2026, 11, 25, 9, 0, tzinfo=BRUSSELS)) == [made.reference]


def test_existing_orders_keep_their_due_date(site):
    with api.env.adopt_user("alice"):
        made = order(site.catalog, site.residence)
    before = made.due_date
    site.residence.processing_days = 30
    with api.env.adopt_user("paula"):
        api.content.transition(obj=made, transition="confirm_payment")
        api.content.transition(obj=made, transition="take")
    assert made.due_date == before


def test_lists_give_the_due_day_of_the_commune(site):
    """An order due at 00:30 in Brussels is due the day before in UTC: the listings
    (dashboard, ``@my-orders``) give the Brussels day."""
    from communesplone.eguichet.listing import order_brains
    from communesplone.eguichet.listing import summary

    api.portal.set_registry_record("plone.portal_timezone", "Europe/Brussels")
    with api.env.adopt_user("alice"):
        made = order(site.catalog, site.residence)
    made.due_date = datetime(2026, 11, 24, 23, 30, tzinfo=UTC)
    made.reindexObject()
    with api.env.adopt_user("paula"):
        [line] = [summary(b) for b in order_brains(UID=made.UID())]
    assert line["due"].startswith("2026-11-24T23:30")
    assert line["due_day"] == "2026-11-25"


def test_document_type_page_announces_working_days(site):
    from communesplone.core.dates import day_text
    from communesplone.eguichet.deadlines import due_day

    site.residence.processing_days = 4
    view = api.content.get_view("view", site.residence, site.residence.REQUEST)
    facts = [fact["value"] for fact in view.facts()]
    assert "4" in facts
    expected = due_day(datetime.now(BRUSSELS).date(), 4)
    assert day_text(expected) in facts  # "jeudi 3 décembre": in words, never 03/12/2026
    assert expected.weekday() < 5


def test_confirmation_mail_and_rest_give_the_date(live, mail, monkeypatch):
    monkeypatch.setattr("communesplone.eguichet.events.site_now", lambda: FRIDAY)
    live.residence.processing_days = 2
    transaction.commit()
    answer = rest("POST", live.url, "alice", json=order_json(live.residence))
    assert answer.status_code == 201, answer.text
    assert answer.json()["due_date"].startswith("2026-11-24T09:30")  # 10:30 in Brussels
    [received] = [message for _sender, recipients, message in mail.inbox.messages
                  if recipients == ["alice@example.org"]]
    assert "Tuesday 24 November 2026" in received.get_body(("plain",)).get_content()
    page = rest("GET", answer.json()["@id"], "alice", headers={"Accept": "text/html"})
    assert "Tuesday 24 November" in page.text
