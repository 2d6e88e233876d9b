"""Mails of a Business's life: to the editors, to the person who proposed it."""

from communesplone.core.notifications import send_mail
from communesplone.directory import _
from communesplone.directory.vocabularies import directory_of
from plone import api


def moderator_emails(directory):
    """E-mails of the members of the directory's moderator group (sorted, unique)."""
    group_id = getattr(directory, "moderator_group", None)
    if not group_id or api.group.get(groupname=group_id) is None:
        return []
    emails = {member.getProperty("email") for member in api.user.get_users(groupname=group_id)}
    return sorted(email for email in emails if email)


def submitter_emails(business):
    """Who hears about the moderation: the proposer, the owner, else the business's e-mail."""
    found = []
    if getattr(business, "submitter_email", ""):
        found.append(business.submitter_email)
    owner = business.getOwner()
    email = owner.getProperty("email", None) if owner is not None and \
        hasattr(owner, "getProperty") else None
    if email:
        found.append(email)
    if not found and getattr(business, "email", ""):
        found.append(business.email)
    return sorted(set(found))


def notify_to_moderate(business, again=False):
    """Tell the editors an entry waits for them."""
    directory = directory_of(business)
    recipients = moderator_emails(directory) if directory is not None else []
    if not recipients:
        return False
    mapping = {"title": business.title, "url": business.absolute_url()}
    if again:
        subject = _("directory_mail_moderate_again_subject",
                    default="Changed entry to moderate: ${title}", mapping=mapping)
        body = _("directory_mail_moderate_again_body",
                 default="The business changed its published entry \"${title}\"; it waits "
                 "for your moderation and is not public meanwhile:\n${url}", mapping=mapping)
    else:
        subject = _("directory_mail_moderate_subject",
                    default="New entry to moderate: ${title}", mapping=mapping)
        body = _("directory_mail_moderate_body",
                 default="A new entry \"${title}\" waits for your moderation:\n${url}",
                 mapping=mapping)
    return send_mail(recipients, subject, body)


def notify_rejected(business, reason):
    recipients = submitter_emails(business)
    if not recipients:
        return False
    mapping = {"title": business.title, "reason": reason}
    return send_mail(
        recipients,
        _("directory_mail_rejected_subject", default="Your entry was not accepted: ${title}",
          mapping=mapping),
        _("directory_mail_rejected_body",
          default="Your entry \"${title}\" in the business directory was not accepted.\n\n"
          "Reason: ${reason}", mapping=mapping),
    )


def notify_published(business):
    recipients = submitter_emails(business)
    if not recipients:
        return False
    mapping = {"title": business.title, "url": business.absolute_url()}
    return send_mail(
        recipients,
        _("directory_mail_published_subject", default="Your entry is online: ${title}",
          mapping=mapping),
        _("directory_mail_published_body",
          default="Your entry \"${title}\" is now published in the business directory:\n${url}",
          mapping=mapping),
    )


def send_confirmation_link(email, title, url):
    """The link that turns a proposal into a pending entry (see ``registration``)."""
    mapping = {"title": title, "url": url}
    return send_mail(
        [email],
        _("directory_mail_confirm_subject", default="Please confirm your proposal: ${title}",
          mapping=mapping),
        _("directory_mail_confirm_body",
          default="You proposed \"${title}\" for the business directory. Please confirm your "
          "e-mail address by opening this link within 48 hours:\n${url}\n\n"
          "If you did not do this, ignore this mail.", mapping=mapping),
        immediate=False,
    )


def send_data_confirmation_request(business, recipients, confirm_url):
    mapping = {"title": business.title, "url": business.absolute_url(), "confirm": confirm_url}
    return send_mail(
        recipients,
        _("directory_mail_yearly_subject", default="Is your entry still right? ${title}",
          mapping=mapping),
        _("directory_mail_yearly_body",
          default="Once a year we ask the businesses of the commune to check their entry "
          "\"${title}\" in the business directory:\n${url}\n\nIf it is still right, confirm "
          "it with this link:\n${confirm}\n\nIf something changed, log in and correct it, or "
          "answer this mail.", mapping=mapping),
    )
