"""Mail notifications, sent through the site's MailHost.

Every person-triggered transition of every add-on sends its mail through
:func:`send_mail`, so that the sender, the encoding and the behaviour when the
site has no mail server are the same everywhere.
"""

from communesplone.core import limits
from communesplone.core import logger
from email import policy
from email.message import EmailMessage
from email.utils import formataddr
from email.utils import make_msgid
from plone import api
from plone.registry.interfaces import IRegistry
from zope.component import getUtility
from zope.i18n import translate
from zope.i18nmessageid import Message

from contextlib import contextmanager

import socket
import threading
import time
import transaction


class MailNotConfigured(Exception):
    """The site has no SMTP server or no sender address."""


def _text(value, request=None, language=None):
    """Translate a message id for the person reading the mail: into ``language``
    when given (the citizen's, recorded on their order or booking), else into
    the request's."""
    if isinstance(value, Message):
        if language:
            return translate(value, target_language=language)
        return translate(value, context=request or api.env.getRequest())
    return value


def sender_address():
    """The ``From`` header: Plone's mail settings, else the commune's e-mail."""
    registry = getUtility(IRegistry)
    address = registry.get("plone.email_from_address") or registry.get(
        "communesplone.core.email"
    )
    if not address:
        raise MailNotConfigured("No sender address in the mail settings")
    name = registry.get("plone.email_from_name") or registry.get(
        "communesplone.core.commune_name", ""
    )
    return formataddr((name, address)) if name else address


def build_message(recipients, subject, body, *, html=None, reply_to=None,
                  attachments=(), request=None, language=None):
    """An :class:`EmailMessage` ready for the MailHost, texts translated."""
    if isinstance(recipients, str):
        recipients = [recipients]
    # CRLF line ends (RFC 5322): smtplib sends the bytes as they are, and with
    # bare LFs a strict server (Postfix, aiosmtpd) takes a long mail for one
    # line and refuses it ("500 Line too long").
    message = EmailMessage(policy=policy.SMTP)
    message["Subject"] = _text(subject, request, language)
    message["From"] = sender_address()
    message["To"] = ", ".join(recipients)
    message["Message-ID"] = make_msgid(domain="communesplone")
    if reply_to:
        message["Reply-To"] = reply_to
    message.set_content(_text(body, request, language))
    if html:
        message.add_alternative(_text(html, request, language), subtype="html")
    for filename, data, mimetype in attachments:
        maintype, _slash, subtype = mimetype.partition("/")
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return message


_suppressed = threading.local()

#: How long the answer of :func:`can_send_mail` about one server is kept (seconds).
PROBE_TTL = 30
_probes = {}


def _server_answers(host, port):
    """Whether ``host:port`` accepts a connection (asked at most every ``PROBE_TTL``)."""
    key = (host, port)
    now = time.monotonic()
    known = _probes.get(key)
    if known is not None and now - known[0] < PROBE_TTL:
        return known[1]
    try:
        with socket.create_connection((host, port), timeout=1):
            answers = True
    except OSError:
        answers = False
    _probes[key] = (now, answers)
    return answers


def can_send_mail():
    """Whether a mail the site sends now would leave: the one answer every page asks.

    True when the mail settings name an SMTP server that accepts connections
    and a sender address is known. A page that would say "a confirmation is on
    its way by e-mail" asks this first, so it never promises a mail that
    cannot leave (Plone's default server, ``localhost:25``, is often absent).
    A test's mock MailHost keeps every mail: it counts as able to send.
    """
    mailhost = api.portal.get_tool("MailHost")
    try:
        sender_address()
    except MailNotConfigured:
        return False
    if type(mailhost).__name__ == "MockMailHost":
        return True
    host = api.portal.get_registry_record("plone.smtp_host", default=None)
    if not host:
        return False
    port = api.portal.get_registry_record("plone.smtp_port", default=25) or 25
    return _server_answers(host, int(port))


@contextmanager
def notifications_suppressed():
    """No mail inside this block (demo content, imports, migrations)."""
    previous = getattr(_suppressed, "active", False)
    _suppressed.active = True
    try:
        yield
    finally:
        _suppressed.active = previous


def _send_after_commit(success, mailhost, message):
    """After-commit hook: an unreachable SMTP server is logged, never raised.

    Sending inside the commit (zope.sendmail's data manager) would abort the
    person's booking or order when the mail server is down; after the commit
    their action is saved whatever happens to the mail.
    """
    if not success:
        return
    try:
        mailhost.send(message, immediate=True)
    except Exception:
        logger.exception("Mail %r to %s could not be sent", message["Subject"], message["To"])


def _addresses(recipients):
    if isinstance(recipients, str):
        recipients = [recipients]
    found = []
    for recipient in recipients or ():
        text = recipient[1] if isinstance(recipient, tuple) else str(recipient)
        address = text.rsplit("<", 1)[-1].rstrip(">").strip().lower()
        if address and address not in found:
            found.append(address)
    return found


def is_staff_address(address):
    """The commune's own addresses and its staff's are not limited (see ``limits``)."""
    own = {api.portal.get_registry_record(name, default="") or ""
           for name in ("plone.email_from_address", "communesplone.core.email")}
    if address in {value.strip().lower() for value in own}:
        return True
    acl_users = api.portal.get_tool("acl_users")
    for found in acl_users.searchUsers(email=address, exact_match=True)[:3]:
        user = api.user.get(userid=found.get("userid") or found.get("id"))
        groups = [g for g in (user.getGroups() if user else ()) if g != "AuthenticatedUsers"]
        if groups or user is not None and set(user.getRoles()) - {"Member", "Authenticated"}:
            return True
    return False


def send_mail(recipients, subject, body, *, html=None, reply_to=None,
              attachments=(), immediate=False, request=None, language=None):
    """Send a mail; return True when it was handed to the MailHost.

    The mail leaves once the transaction has committed (unless ``immediate``):
    an aborted transition sends nothing, and a mail server that fails does not
    undo what the person did (it is logged). A site without a mail server or
    sender logs a warning and returns False.
    ``attachments`` is a sequence of ``(filename, bytes, mimetype)``; ``language``:
    the reader's (:func:`communesplone.core.languages.language_of`), else the request's.
    """
    if getattr(_suppressed, "active", False):
        return False
    # Plone takes the SMTP server from its mail settings (registry), not
    # from the MailHost's own attributes.
    if not api.portal.get_registry_record("plone.smtp_host", default=None):
        logger.warning("Mail not sent (no SMTP server configured): %s", _text(subject, request))
        return False
    for address in _addresses(recipients):
        if not is_staff_address(address):
            limits.check_mail(address)  # LimitReached (429) over the mails per hour
    mailhost = api.portal.get_tool("MailHost")
    try:
        message = build_message(
            recipients, subject, body, html=html, reply_to=reply_to,
            attachments=attachments, request=request, language=language,
        )
    except MailNotConfigured as error:
        logger.warning("Mail not sent: %s", error)
        return False
    if immediate:
        mailhost.send(message, immediate=True)
    else:
        transaction.get().addAfterCommitHook(_send_after_commit, args=(mailhost, message))
    return True
