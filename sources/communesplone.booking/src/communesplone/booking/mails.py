"""The mails of a booking's life: received, confirmed, refused, cancelled, changed, reminder.

All go through :func:`communesplone.core.notifications.send_mail` and leave at
commit, so a refused or conflicting booking sends nothing.
"""

from communesplone.booking import _
from communesplone.core.languages import language_of
from communesplone.core.languages import translated_title
from communesplone.booking.content.resource import site_timezone
from communesplone.booking.dates import amount_text
from communesplone.core.dates import period_text
from communesplone.core.notifications import send_mail
from communesplone.core.payment import transfer_instructions
from plone import api
from zope.i18n import translate


def format_period(start, end, language=None):
    """ "mardi 15 décembre 2026, 18 h – 20 h" (core's dates, with the year: a mail
    and a history line are read later)."""
    return period_text(start, end, language, year=True)


def periods_text(booking):
    """One line per period, as people write it ("- mardi 15 décembre, 18 h – 20 h")."""
    tz = site_timezone()
    language = language_of(booking)
    return "\n".join(f"- {period_text(start, end, language)}"
                     for start, end in booking.periods(tz))


def payment_instructions(booking):
    """``(text, attachments)``: how to pay a booking of a paid resource, with the EPC QR
    code as a PNG attachment; ``("", [])`` when there is nothing to pay."""
    amount = getattr(booking, "payment_amount", None)
    communication = getattr(booking, "payment_communication", None)
    if not amount or not communication:
        return "", []
    info = transfer_instructions(amount, communication)
    request = api.env.getRequest()
    language = language_of(booking)
    text = translate(_(
        "mail_booking_payment",
        default="Please pay ${amount} to ${beneficiary}, account ${iban}, with the structured "
        "communication ${communication}. Your banking app can read the QR code attached to "
        "this message.",
        mapping={"amount": amount_text(amount, language), "beneficiary": info["beneficiary"],
                 "iban": info["iban_display"] or "-", "communication": communication}),
        context=request, target_language=language)
    attachments = [("paiement-betaling-qr.png", info["qr_png"], "image/png")] \
        if info["qr_png"] else []
    return text, attachments


def manager_emails(resource):
    """E-mail addresses of the members of the resource's manager group."""
    group = getattr(resource, "manager_group", None)
    if not group or api.group.get(groupname=group) is None:
        return []
    emails = []
    for user in api.user.get_users(groupname=group):
        email = user.getProperty("email")
        if email and email not in emails:
            emails.append(email)
    return emails


def stable_url(booking):
    """A URL of the booking that survives its renaming after creation (``resolveuid``).

    Mails are written while the booking is being added, when its id is still
    a temporary one; ``absolute_url`` would then point nowhere.
    """
    return f"{api.portal.get().absolute_url()}/resolveuid/{booking.UID()}"


def access_url(booking):
    """The requester's own link: see or cancel this booking without logging in.

    The token is the booking's own random secret (``events.booking_added``);
    the page checks it against this booking only.
    """
    token = getattr(booking, "_access_token", None)
    if not token:
        return ""
    resource = booking.resource()
    return f"{resource.absolute_url()}/@@booking-access?booking={booking.UID()}&token={token}"


def with_link(body, booking):
    """``body`` translated, followed by the requester's link (when the booking has one),
    in the requester's language (recorded when they booked)."""
    language = language_of(booking)
    text = translate(body, target_language=language)
    url = access_url(booking)
    if url:
        text += "\n" + translate(_(
            "mail_booking_access_link",
            default="See or cancel your booking (keep this link to yourself):\n${url}\n",
            mapping={"url": url}), target_language=language)
    return text


def _mapping(booking, reason=""):
    resource = booking.resource()
    payment = getattr(booking, "payment_text", "") or ""
    return {
        "resource": translated_title(resource, language_of(booking)),
        "name": booking.requester_name or "",
        "periods": periods_text(booking),
        "purpose": booking.purpose or "",
        "reason": reason or "-",
        "url": stable_url(booking),
        "payment": payment,
    }


def notify_received(booking):
    mapping = _mapping(booking)
    send_mail(
        booking.requester_email,
        _("mail_booking_received_subject", default="Booking request received: ${resource}",
          mapping=mapping),
        with_link(_("mail_booking_received_body",
          default="Hello ${name},\n\nWe received your request to book ${resource}:\n${periods}\n\n"
          "The slot is held for you until a manager answers; you will receive another "
          "message then.\n",
          mapping=mapping), booking),
        language=language_of(booking),
    )
    managers = manager_emails(booking.resource())
    if managers:
        send_mail(
            managers,
            _("mail_booking_new_subject", default="New booking request: ${resource}",
              mapping=mapping),
            _("mail_booking_new_body",
              default="A booking of ${resource} waits for your decision:\n${periods}\n"
              "Purpose: ${purpose}\n\n${url}\n",
              mapping=mapping),
        )


def notify_confirmed(booking):
    mapping = _mapping(booking)
    mapping["payment"], attachments = payment_instructions(booking)
    send_mail(
        booking.requester_email,
        _("mail_booking_confirmed_subject", default="Booking confirmed: ${resource}",
          mapping=mapping),
        with_link(_("mail_booking_confirmed_body",
          default="Hello ${name},\n\nYour booking of ${resource} is confirmed:\n${periods}\n"
          "${payment}\n",
          mapping=mapping), booking),
        language=language_of(booking),
        attachments=attachments,
    )


def notify_refused(booking, reason):
    mapping = _mapping(booking, reason)
    send_mail(
        booking.requester_email,
        _("mail_booking_refused_subject", default="Booking refused: ${resource}",
          mapping=mapping),
        _("mail_booking_refused_body",
          default="Hello ${name},\n\nYour request to book ${resource} was refused:\n${periods}\n\n"
          "Reason: ${reason}\n",
          mapping=mapping),
        language=language_of(booking),
    )


def notify_cancelled(booking, reason):
    mapping = _mapping(booking, reason)
    recipients = [booking.requester_email] + manager_emails(booking.resource())
    send_mail(
        [address for address in recipients if address],
        _("mail_booking_cancelled_subject", default="Booking cancelled: ${resource}",
          mapping=mapping),
        _("mail_booking_cancelled_body",
          default="The booking of ${resource} by ${name} is cancelled:\n${periods}\n\n"
          "Reason: ${reason}\n",
          mapping=mapping),
    )


def notify_changed(booking, description, reason=""):
    """One occurrence (or the rest of a series) was cancelled or moved: requester, managers."""
    mapping = _mapping(booking, reason)
    mapping["change"] = description
    subject = _("mail_booking_changed_subject", default="Booking changed: ${resource}",
                mapping=mapping)
    body = _("mail_booking_changed_body",
             default="The booking of ${resource} by ${name} has changed: ${change}\n\n"
             "Its periods are now:\n${periods}\n\nReason: ${reason}\n",
             mapping=mapping)
    send_mail(booking.requester_email, subject, with_link(body, booking),
              language=language_of(booking))
    managers = manager_emails(booking.resource())
    if managers:  # the requester's link is theirs alone
        send_mail(managers, subject, body)


def notify_reminder(booking, start, end):
    """The day before an occurrence: a reminder to the requester."""
    mapping = _mapping(booking)
    mapping["period"] = period_text(start, end, language_of(booking))
    mapping["location"] = getattr(booking.resource(), "location", "") or ""
    send_mail(
        booking.requester_email,
        _("mail_booking_reminder_subject", default="Reminder: ${resource} tomorrow",
          mapping=mapping),
        with_link(_("mail_booking_reminder_body",
          default="Hello ${name},\n\nA reminder of your booking of ${resource} tomorrow:\n"
          "${period}\n${location}\n",
          mapping=mapping), booking),
        language=language_of(booking),
    )


def notify_moved(booking, description, pending_again, reason=""):
    """The requester moved their booking: the new time to them, the news to the managers.

    ``pending_again``: the booking was confirmed and the resource needs
    approval, so the managers must decide again (told as for a new request).
    """
    mapping = _mapping(booking, reason)
    mapping["change"] = description
    if pending_again:
        body = _("mail_booking_moved_pending_body",
                 default="Hello ${name},\n\nYour booking of ${resource} is moved: ${change}\n\n"
                 "Its periods are now:\n${periods}\n\nThe new time is held for you until a "
                 "manager confirms it again; you will receive another message then.\n",
                 mapping=mapping)
    else:
        body = _("mail_booking_moved_body",
                 default="Hello ${name},\n\nYour booking of ${resource} is moved: ${change}\n\n"
                 "Its periods are now:\n${periods}\n",
                 mapping=mapping)
    send_mail(
        booking.requester_email,
        _("mail_booking_moved_subject", default="Booking moved: ${resource}", mapping=mapping),
        with_link(body, booking),
        language=language_of(booking),
    )
    managers = manager_emails(booking.resource())
    if not managers:
        return
    if pending_again:
        send_mail(
            managers,
            _("mail_booking_moved_new_subject",
              default="Moved booking waits for your decision: ${resource}", mapping=mapping),
            _("mail_booking_moved_new_body",
              default="${name} moved a booking of ${resource} (${change}); it waits for your "
              "decision again:\n${periods}\nPurpose: ${purpose}\n\n${url}\n",
              mapping=mapping),
        )
    else:
        send_mail(
            managers,
            _("mail_booking_changed_subject", default="Booking changed: ${resource}",
              mapping=mapping),
            _("mail_booking_changed_body",
              default="The booking of ${resource} by ${name} has changed: ${change}\n\n"
              "Its periods are now:\n${periods}\n\nReason: ${reason}\n",
              mapping=mapping),
        )
