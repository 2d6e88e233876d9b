"""Mails of a booking's life through a real SMTP server: received, confirmed, refused, cancelled."""

from bookinghelpers import book
from bookinghelpers import make_resource
from bookinghelpers import next_monday
from communesplone.booking.dates import amount_text
from communesplone.core.dates import day_text
from communesplone.core.dates import period_text
from datetime import timedelta
from plone import api

import pytest
import transaction


def _sent(smtp_server):
    return [(recipients, message["Subject"], message.get_body(("plain",)).get_content())
            for _sender, recipients, message in smtp_server.inbox.messages]


class TestMails:
    """In one class: the test layer is set up once for them all, not once per test."""

    def test_received_then_confirmed(self, mail_site, smtp_server):
        start = next_monday(hour=10)
        with api.env.adopt_user("alice"):
            booking = book(mail_site["resource"], start, start + timedelta(hours=1))
        transaction.commit()
        sent = sorted(_sent(smtp_server))
        assert [recipients for recipients, _s, _b in sent] == [["alice@example.org"],
                                                              ["carol@example.org"]]
        assert "Salle Du Conseil" in sent[0][1]
        assert period_text(start, start + timedelta(hours=1), "en") in sent[0][2]
        # the manager's link survives the renaming of the new booking
        assert f"/resolveuid/{booking.UID()}" in sent[1][2]
        with api.env.adopt_user("carol"):
            api.content.transition(obj=booking, transition="confirm")
        transaction.commit()
        [(recipients, subject, _body)] = [item for item in _sent(smtp_server)
                                          if "confirmed" in item[1].lower()]
        assert recipients == ["alice@example.org"]

    def test_refused_with_reason(self, mail_site, smtp_server):
        start = next_monday(hour=10)
        with api.env.adopt_user("alice"):
            booking = book(mail_site["resource"], start, start + timedelta(hours=1))
        with api.env.adopt_user("carol"):
            api.content.transition(obj=booking, transition="refuse",
                                   comment="La salle est en travaux")
        transaction.commit()
        [(recipients, subject, body)] = [item for item in _sent(smtp_server)
                                         if "refused" in item[1].lower()]
        assert recipients == ["alice@example.org"]
        assert "La salle est en travaux" in body

    def test_cancelled_notifies_requester_and_managers(self, mail_site, smtp_server):
        start = next_monday(hour=10)
        with api.env.adopt_user("alice"):
            booking = book(mail_site["resource"], start, start + timedelta(hours=1))
            api.content.transition(obj=booking, transition="cancel", comment="Plus besoin")
        transaction.commit()
        [(recipients, _subject, _body)] = [item for item in _sent(smtp_server)
                                           if "Plus besoin" in item[2]]
        assert recipients == ["alice@example.org", "carol@example.org"]

    def test_no_approval_sends_confirmation_only(self, mail_site, smtp_server):
        van = make_resource(mail_site["folder"], "camionnette", needs_approval=False,
                            price=10.0, payment="transfer")
        start = next_monday(hour=10)
        with api.env.adopt_user("alice"):
            book(van, start, start + timedelta(hours=1))
        transaction.commit()
        [(recipients, subject, body)] = _sent(smtp_server)
        assert recipients == ["alice@example.org"]
        assert amount_text(20, "en") in body  # two slots of 30 minutes
        assert "+++" in body  # the structured communication

    def test_conflict_sends_nothing(self, mail_site, smtp_server):
        from communesplone.booking.occupancy import BookingConflict

        start = next_monday(hour=10)
        with api.env.adopt_user("alice"):
            book(mail_site["resource"], start, start + timedelta(hours=1))
        transaction.commit()
        count = len(smtp_server.inbox.messages)
        with api.env.adopt_user("bob"), pytest.raises(BookingConflict):
            book(mail_site["resource"], start, start + timedelta(hours=1))
        transaction.abort()
        transaction.commit()
        assert len(smtp_server.inbox.messages) == count

    def test_received_mail_has_the_requester_link(self, mail_site, smtp_server):
        from communesplone.booking.mails import access_url

        start = next_monday(hour=10)
        with api.env.adopt_user("alice"):
            booking = book(mail_site["resource"], start, start + timedelta(hours=1))
        transaction.commit()
        bodies = {recipients[0]: body for recipients, _subject, body in _sent(smtp_server)}
        link = access_url(booking)
        assert "@@booking-access?booking=" in link and booking._access_token in link
        assert link in bodies["alice@example.org"]
        assert booking._access_token not in bodies["carol@example.org"]  # never to managers

    def test_reminder_the_day_before_once(self, mail_site, smtp_server):
        from communesplone.booking.jobs import send_reminders

        resource = mail_site["resource"]
        monday = next_monday(weeks=2, hour=10)
        with api.env.adopt_user("alice"):
            weekly = book(resource, monday, monday + timedelta(hours=1), repeat="weekly",
                          repeat_count=3, purpose="Chorale")
            book(resource, monday + timedelta(hours=2), monday + timedelta(hours=3),
                           purpose="En attente")
            other_day = book(resource, monday + timedelta(days=1), monday + timedelta(days=1,
                                                                                      hours=1))
        with api.env.adopt_user("carol"):
            for booking in (weekly, other_day):
                api.content.transition(obj=booking, transition="confirm")
        transaction.commit()
        del smtp_server.inbox.messages[:]
        portal = mail_site["portal"]
        sunday_evening = monday.replace(hour=20) - timedelta(days=1)
        assert send_reminders(portal, sunday_evening) == 1
        transaction.commit()
        [(recipients, subject, body)] = _sent(smtp_server)
        assert recipients == ["alice@example.org"]
        assert "Salle Du Conseil" in subject
        assert day_text(monday, "en") in body
        assert weekly._access_token in body
        # run again (cron twice, or a retry): nothing more
        assert send_reminders(portal, sunday_evening + timedelta(hours=1)) == 0
        transaction.commit()
        assert len(smtp_server.inbox.messages) == 1
        # the next week's occurrence of the series gets its own reminder
        assert send_reminders(portal, sunday_evening + timedelta(days=7)) == 1
        transaction.commit()
        assert len(smtp_server.inbox.messages) == 2
        assert "12:00" not in str(_sent(smtp_server))  # the pending booking is not reminded
