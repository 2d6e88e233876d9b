"""The mails of a booking's life: received, confirmed, refused, cancelled.

All go through :func:`communesplone.core.notifications.send_mail` and leave at
commit, so a refused or conflicting booking sends nothing.
"""

from communesplone.booking import _
from communesplone.core.notifications import send_mail
from plone import api


def format_period(start, end):
    if start.date() == end.date():
        return f"{start:%d/%m/%Y %H:%M}–{end:%H:%M}"
    return f"{start:%d/%m/%Y %H:%M}–{end:%d/%m/%Y %H:%M}"


def periods_text(booking):
    return "\n".join(f"- {format_period(start, end)}" for start, end in booking.periods())


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


def _mapping(booking, reason=""):
    resource = booking.resource()
    payment = getattr(booking, "payment_text", "") or ""
    return {
        "resource": resource.Title(),
        "name": booking.requester_name or "",
        "periods": periods_text(booking),
        "purpose": booking.purpose or "",
        "reason": reason or "-",
        "url": booking.absolute_url(),
        "payment": payment,
    }


def notify_received(booking):
    mapping = _mapping(booking)
    send_mail(
        booking.requester_email,
        _("mail_booking_received_subject", default="Booking request received: ${resource}",
          mapping=mapping),
        _("mail_booking_received_body",
          default="Hello ${name},\n\nWe received your request to book ${resource}:\n${periods}\n\n"
          "The slot is held for you until a manager answers; you will receive another "
          "message then.\n",
          mapping=mapping),
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
    send_mail(
        booking.requester_email,
        _("mail_booking_confirmed_subject", default="Booking confirmed: ${resource}",
          mapping=mapping),
        _("mail_booking_confirmed_body",
          default="Hello ${name},\n\nYour booking of ${resource} is confirmed:\n${periods}\n"
          "${payment}\n",
          mapping=mapping),
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
