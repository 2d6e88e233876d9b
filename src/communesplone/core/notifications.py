"""Mail notifications, sent through the site's MailHost.

Every person-triggered transition of every add-on sends its mail through
:func:`send_mail`, so that the sender, the encoding and the behaviour when the
site has no mail server are the same everywhere.
"""

from communesplone.core import logger
from email.message import EmailMessage
from email.utils import formataddr
from email.utils import make_msgid
from plone import api
from plone.registry.interfaces import IRegistry
from zope.component import getUtility
from zope.i18n import translate
from zope.i18nmessageid import Message


class MailNotConfigured(Exception):
    """The site has no SMTP server or no sender address."""


def _text(value, request=None):
    """Translate a message id for the person reading the mail."""
    if isinstance(value, Message):
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
                  attachments=(), request=None):
    """An :class:`EmailMessage` ready for the MailHost, texts translated."""
    if isinstance(recipients, str):
        recipients = [recipients]
    message = EmailMessage()
    message["Subject"] = _text(subject, request)
    message["From"] = sender_address()
    message["To"] = ", ".join(recipients)
    message["Message-ID"] = make_msgid(domain="communesplone")
    if reply_to:
        message["Reply-To"] = reply_to
    message.set_content(_text(body, request))
    if html:
        message.add_alternative(_text(html, request), subtype="html")
    for filename, data, mimetype in attachments:
        maintype, _slash, subtype = mimetype.partition("/")
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return message


def send_mail(recipients, subject, body, *, html=None, reply_to=None,
              attachments=(), immediate=False, request=None):
    """Send a mail; return True when it was handed to the MailHost.

    The mail leaves when the transaction commits (unless ``immediate``): an
    aborted transition sends nothing. A site without a mail server logs a
    warning and returns False instead of failing the person's action.
    ``attachments`` is a sequence of ``(filename, bytes, mimetype)``.
    """
    # Plone takes the SMTP server from its mail settings (registry), not
    # from the MailHost's own attributes.
    if not api.portal.get_registry_record("plone.smtp_host", default=None):
        logger.warning("Mail not sent (no SMTP server configured): %s", _text(subject, request))
        return False
    mailhost = api.portal.get_tool("MailHost")
    try:
        message = build_message(
            recipients, subject, body, html=html, reply_to=reply_to,
            attachments=attachments, request=request,
        )
    except MailNotConfigured as error:
        logger.warning("Mail not sent: %s", error)
        return False
    mailhost.send(message, immediate=immediate)
    return True
