"""The mails of an order's life, in the applicant's language, with its reference.

All go through :func:`communesplone.core.notifications.send_mail` and leave
at commit: a refused order or transition sends nothing. Texts are translated
here for the applicant's language (not the language of the staff member who
triggers the transition).
"""

from communesplone.core.dates import day_text
from communesplone.core.notifications import send_mail
from communesplone.eguichet import _
from communesplone.eguichet.deadlines import local_date
from communesplone.eguichet.payment import provider_of
from communesplone.eguichet.vocabularies import DELIVERY_METHODS
from communesplone.eguichet.tracking import tracking_url
from plone import api
from zope.i18n import translate
from zope.i18nmessageid import Message

LANGUAGES = ("fr", "nl", "en", "de")


def language_of(order):
    language = getattr(order, "applicant_language", None)
    if language in LANGUAGES:
        return language
    default = (api.portal.get_default_language() or "fr").split("-")[0]
    return default if default in LANGUAGES else "fr"


def _t(message, language):
    if isinstance(message, Message) and message.mapping:
        mapping = {key: _t(value, language) for key, value in message.mapping.items()}
        message = Message(message, mapping=mapping)
    return translate(message, target_language=language) if isinstance(message, Message) \
        else message


def order_link(order):
    """Where the applicant follows the order: its page, or the tracking link."""
    token = getattr(order, "_tracking_token", None)
    if token:
        return tracking_url(order)
    return order.absolute_url()


def amount(value):
    return f"{float(value or 0):.2f} EUR"


def _mapping(order, **extra):
    mapping = {
        "reference": order.reference or "",
        "document": order.document_title or "",
        "name": order.applicant_name or "",
        "quantity": order.quantity,
        "delivery": DELIVERY_METHODS.getTerm(order.delivery_method).title
        if order.delivery_method in DELIVERY_METHODS else order.delivery_method,
        "total": amount(order.total),
        "url": order_link(order),
    }
    mapping.update(extra)
    return mapping


def _payment_text(order, language):
    """Payment instructions and the QR code attachment, when something is to pay."""
    if not order.is_payable():
        return "", []
    info = provider_of(order).instructions(order)
    text = _t(_("eguichet_mail_payment",
                default="Please pay ${amount} to ${beneficiary}, account ${iban}, with the "
                "structured communication ${communication}. Your banking app can read the "
                "QR code attached to this message.",
                mapping={"amount": amount(info["amount"]), "beneficiary": info["beneficiary"],
                         "iban": info["iban"] or "-", "communication": info["communication"]}),
              language)
    attachments = [("paiement-betaling-qr.png", info["qr_png"], "image/png")] \
        if info["qr_png"] else []
    return text, attachments


def _send(order, subject, body, attachments=()):
    if not order.applicant_email:
        return False
    language = language_of(order)
    return send_mail(order.applicant_email, _t(subject, language), _t(body, language),
                     attachments=list(attachments))


def notify_received(order):
    """The order was made: its reference, what it costs and how to pay."""
    language = language_of(order)
    payment, attachments = _payment_text(order, language)
    mapping = _mapping(order, payment=payment)
    body = _t(_("eguichet_mail_received_body",
                default="Hello ${name},\n\nWe received your order ${reference}: ${quantity} x "
                "${document}, delivery: ${delivery}, total ${total}.\n\n${payment}\n\n"
                "Follow your order here: ${url}\n",
                mapping=mapping), language)
    return _send(
        order,
        _("eguichet_mail_received_subject",
          default="Order ${reference} received: ${document}", mapping=mapping),
        body + _due_text(order, language),
        attachments,
    )


def _due_text(order, language):
    """The announced date, on the applicant's local day (working days, see deadlines)."""
    day = local_date(order.due_date)
    if day is None:
        return ""
    return "\n" + _t(_("eguichet_mail_due",
                       default="Your document is announced for ${due} (the processing time "
                       "counts working days: weekends and public holidays do not count).",
                       mapping={"due": day_text(day, language, year=True)}),
                    language) + "\n"


def notify_transition(order, transition, comment=""):
    """The mail of ``transition``; the delivered file goes with ``deliver`` by e-mail."""
    mapping = _mapping(order, reason=comment or "-")
    messages = {
        "confirm_payment": (
            _("eguichet_mail_paid_subject", default="Order ${reference}: payment received",
              mapping=mapping),
            _("eguichet_mail_paid_body",
              default="Hello ${name},\n\nWe received your payment of ${total} for order "
              "${reference} (${document}). The service will now process it.\n\n${url}\n",
              mapping=mapping)),
        "take": (
            _("eguichet_mail_taken_subject", default="Order ${reference} is being processed",
              mapping=mapping),
            _("eguichet_mail_taken_body",
              default="Hello ${name},\n\nThe service is processing your order ${reference} "
              "(${document}).\n\n${url}\n", mapping=mapping)),
        "mark_ready": (
            _("eguichet_mail_ready_subject", default="Order ${reference} is ready",
              mapping=mapping),
            _("eguichet_mail_ready_body",
              default="Hello ${name},\n\nYour document ${document} (order ${reference}) is "
              "ready. Delivery: ${delivery}.\n\n${url}\n", mapping=mapping)),
        "deliver": (
            _("eguichet_mail_delivered_subject", default="Order ${reference} delivered",
              mapping=mapping),
            _("eguichet_mail_delivered_body",
              default="Hello ${name},\n\nYour document ${document} (order ${reference}) has "
              "been delivered (${delivery}).\n\n${url}\n", mapping=mapping)),
        "reject": (
            _("eguichet_mail_rejected_subject", default="Order ${reference} rejected",
              mapping=mapping),
            _("eguichet_mail_rejected_body",
              default="Hello ${name},\n\nYour order ${reference} (${document}) was rejected.\n"
              "Reason: ${reason}\n\n${url}\n", mapping=mapping)),
        "cancel": (
            _("eguichet_mail_cancelled_subject", default="Order ${reference} cancelled",
              mapping=mapping),
            _("eguichet_mail_cancelled_body",
              default="Hello ${name},\n\nYour order ${reference} (${document}) is cancelled.\n"
              "\n${url}\n", mapping=mapping)),
    }
    if transition not in messages:
        return False
    subject, body = messages[transition]
    attachments = []
    if transition == "deliver" and order.delivery_method == "email" and order.delivered_file:
        attachments.append((order.delivered_file.filename or f"{order.reference}.pdf",
                            order.delivered_file.data,
                            order.delivered_file.contentType or "application/pdf"))
    return _send(order, subject, body, attachments)


def notify_service(order):
    """Tell the processing service's members that an order waits for them."""
    group = getattr(order, "processing_group", None)
    if not group or api.group.get(groupname=group) is None:
        return False
    emails = sorted({user.getProperty("email") for user in api.user.get_users(groupname=group)
                     if user.getProperty("email")})
    if not emails:
        return False
    language = (api.portal.get_default_language() or "fr").split("-")[0]
    mapping = {"reference": order.reference, "document": order.document_title,
               "url": order.absolute_url()}
    return send_mail(
        emails,
        _t(_("eguichet_mail_new_subject", default="New order ${reference}: ${document}",
             mapping=mapping), language),
        _t(_("eguichet_mail_new_body",
             default="A new order waits for your service: ${reference} (${document}).\n\n"
             "${url}\n", mapping=mapping), language),
    )
