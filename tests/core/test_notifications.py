"""Mail goes out through the site's MailHost to a real SMTP server, at commit only."""

from communesplone.core.notifications import send_mail
from plone import api
from plone.app.testing import TEST_USER_ID
from plone.app.testing import setRoles

import pytest
import transaction


@pytest.fixture
def site_with_smtp(functional, smtp_server):
    portal = functional["portal"]
    api.portal.set_registry_record("plone.smtp_host", "127.0.0.1")
    api.portal.set_registry_record("plone.smtp_port", smtp_server.port)
    api.portal.set_registry_record("plone.email_from_address", "noreply@demo.example")
    api.portal.set_registry_record("plone.email_from_name", "Commune de Démo")
    setRoles(portal, TEST_USER_ID, ["Manager"])
    transaction.commit()
    return portal


def test_mail_sent_at_commit(site_with_smtp, smtp_server):
    assert send_mail(
        ["citoyen@example.org"],
        "Votre commande 2026-000001",
        "Bonjour,\n\nVotre certificat est prêt.",
        attachments=[("certificat.pdf", b"%PDF-1.4 test", "application/pdf")],
    )
    assert smtp_server.inbox.messages == []  # nothing leaves before the commit
    transaction.commit()
    [(sender, recipients, message)] = smtp_server.inbox.messages
    assert sender == "noreply@demo.example"
    assert recipients == ["citoyen@example.org"]
    assert message["Subject"] == "Votre commande 2026-000001"
    assert "Commune de Démo" in message["From"]
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert "Votre certificat est prêt." in body
    [attachment] = list(message.iter_attachments())
    assert attachment.get_filename() == "certificat.pdf"
    assert attachment.get_content() == b"%PDF-1.4 test"


def test_long_mail_with_a_large_attachment(site_with_smtp, smtp_server):
    """A mail of several kilobytes reaches a strict server (CRLF line ends)."""
    document = bytes(range(256)) * 200
    assert send_mail(["citoyen@example.org"], "Extrait", "Ligne.\n" * 400,
                     attachments=[("extrait.pdf", document, "application/pdf")])
    transaction.commit()
    [(_sender, _recipients, message)] = smtp_server.inbox.messages
    [attachment] = list(message.iter_attachments())
    assert attachment.get_content() == document


def test_aborted_transaction_sends_nothing(site_with_smtp, smtp_server):
    send_mail("citoyen@example.org", "Annulé", "Ce message ne part pas.")
    transaction.abort()
    transaction.commit()
    assert smtp_server.inbox.messages == []


def test_no_sender_address_does_not_fail_the_action(functional, smtp_server):
    api.portal.set_registry_record("plone.smtp_host", "127.0.0.1")
    api.portal.set_registry_record("plone.smtp_port", smtp_server.port)
    assert not api.portal.get_registry_record("plone.email_from_address")
    assert not api.portal.get_registry_record("communesplone.core.email")
    assert send_mail("citoyen@example.org", "Sujet", "Texte") is False
    transaction.commit()
    assert smtp_server.inbox.messages == []


def test_unreachable_mail_server_does_not_undo_the_action(functional, caplog):
    from smtp import free_port

    portal = functional["portal"]
    api.portal.set_registry_record("plone.smtp_host", "127.0.0.1")
    api.portal.set_registry_record("plone.smtp_port", free_port())  # nobody listens
    api.portal.set_registry_record("plone.email_from_address", "noreply@demo.example")
    with api.env.adopt_roles(["Manager"]):
        api.content.create(container=portal, type="Document", id="saved", title="Saved")
    assert send_mail("citoyen@example.org", "Sujet", "Texte")
    transaction.commit()  # does not raise
    transaction.begin()
    assert "saved" in portal.objectIds()
    assert "could not be sent" in caplog.text


def test_suppressed_notifications(site_with_smtp, smtp_server):
    from communesplone.core.notifications import notifications_suppressed

    with notifications_suppressed():
        assert send_mail("citoyen@example.org", "Démo", "Pas envoyé") is False
    transaction.commit()
    assert smtp_server.inbox.messages == []


def test_can_send_mail_only_with_a_server_that_answers(site_with_smtp, smtp_server, monkeypatch):
    """The one answer pages ask before promising a confirmation mail."""
    from communesplone.core import notifications
    from smtp import free_port

    monkeypatch.setattr(notifications, "_probes", {})
    assert notifications.can_send_mail()
    api.portal.set_registry_record("plone.smtp_port", free_port())  # nobody listens there
    assert not notifications.can_send_mail()
    api.portal.set_registry_record("plone.smtp_host", "")
    assert not notifications.can_send_mail()
    api.portal.set_registry_record("plone.smtp_host", "127.0.0.1")
    api.portal.set_registry_record("plone.smtp_port", smtp_server.port)
    api.portal.set_registry_record("plone.email_from_address", "")
    api.portal.set_registry_record("communesplone.core.email", "")
    assert not notifications.can_send_mail()  # no sender address
