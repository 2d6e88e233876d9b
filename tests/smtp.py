"""A real SMTP server for the tests (aiosmtpd), on a free loopback port."""

from aiosmtpd.controller import Controller
from email import message_from_bytes
from email import policy

import socket


class Inbox:
    """aiosmtpd handler keeping every message it receives."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        message = message_from_bytes(envelope.content, policy=policy.default)
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), message))
        return "250 Message accepted"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class SMTPServer:
    """``with SMTPServer() as smtp:`` serves on ``smtp.port``; ``smtp.inbox.messages``."""

    def __init__(self):
        self.inbox = Inbox()
        self.port = free_port()
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.controller.stop()


def use_server(port, sender="noreply@demo.example", sender_name=None):
    """Point the current site's mail settings at the test server on ``port`` (the
    caller commits when a live server must see them)."""
    from plone import api

    api.portal.set_registry_record("plone.smtp_host", "127.0.0.1")
    api.portal.set_registry_record("plone.smtp_port", port)
    api.portal.set_registry_record("plone.email_from_address", sender)
    if sender_name is not None:
        api.portal.set_registry_record("plone.email_from_name", sender_name)
