"""Claiming an entry: a logged-in member asks to manage an existing entry; an editor decides.

The request is kept in the entry's annotations (one per member); granting it
gives the member the local role Owner on that entry only. When the directory
asks for a certified identity, the member needs it to ask.
"""

from communesplone.core.notifications import send_mail
from communesplone.directory import _
from communesplone.directory.mails import moderator_emails
from communesplone.directory.vocabularies import directory_of
from datetime import UTC
from datetime import datetime
from persistent.mapping import PersistentMapping
from plone import api
from zope.annotation.interfaces import IAnnotations

ANNOTATION_KEY = "communesplone.directory.claims"


def claims(business):
    """``{user id: {"message", "date"}}`` of the pending requests."""
    return IAnnotations(business).get(ANNOTATION_KEY) or {}


def add_claim(business, user_id, message):
    """Record ``user_id``'s request and tell the editors; False if it was already made."""
    annotations = IAnnotations(business)
    store = annotations.get(ANNOTATION_KEY)
    if store is None:
        store = annotations[ANNOTATION_KEY] = PersistentMapping()
    if user_id in store:
        return False
    store[user_id] = {"message": (message or "").strip()[:2000], "date": datetime.now(UTC)}
    directory = directory_of(business)
    recipients = moderator_emails(directory) if directory is not None else []
    if recipients:
        mapping = {"title": business.title, "user": user_id,
                   "url": f"{business.absolute_url()}/@@claims"}
        send_mail(recipients,
                  _("directory_mail_claim_subject", default="Request to manage ${title}",
                    mapping=mapping),
                  _("directory_mail_claim_body",
                    default="The member ${user} asks to manage the entry \"${title}\". "
                    "Decide here:\n${url}", mapping=mapping))
    return True


def decide(business, user_id, grant):
    """Grant (local role Owner) or refuse the request of ``user_id``; mail the member."""
    store = IAnnotations(business).get(ANNOTATION_KEY)
    if not store or user_id not in store:
        return False
    del store[user_id]
    if grant:
        roles = set(dict(business.get_local_roles()).get(user_id, ())) | {"Owner"}
        business.manage_setLocalRoles(user_id, sorted(roles))
        business.reindexObjectSecurity()
    member = api.user.get(userid=user_id)
    email = member.getProperty("email") if member is not None else None
    if email:
        mapping = {"title": business.title, "url": business.absolute_url()}
        if grant:
            subject = _("directory_mail_claim_granted_subject",
                        default="You may now manage ${title}", mapping=mapping)
            body = _("directory_mail_claim_granted_body",
                     default="Your request was accepted: once logged in, you may edit the "
                     "entry \"${title}\":\n${url}", mapping=mapping)
        else:
            subject = _("directory_mail_claim_refused_subject",
                        default="Your request about ${title}", mapping=mapping)
            body = _("directory_mail_claim_refused_body",
                     default="Your request to manage the entry \"${title}\" was not accepted. "
                     "Contact the commune for more information.", mapping=mapping)
        send_mail([email], subject, body)
    return True
