"""What follows a meeting's freezing and publication: convocation, documents, register."""

from communesplone.core.notifications import send_mail
from communesplone.deliberations import _
from communesplone.deliberations import agenda
from communesplone.deliberations import documents
from communesplone.deliberations import register
from communesplone.deliberations.lifecycle import PUBLISHABLE_STATES
from communesplone.deliberations.lifecycle import system_transition
from communesplone.deliberations.content.annex import IAnnex
from plone import api


def _public_annexes(items):
    """``(filename, bytes, mimetype)`` of the public annexes of public items."""
    files = []
    for item in items:
        if not item.is_public():
            continue
        for annex in item.objectValues():
            if IAnnex.providedBy(annex) and annex.public and annex.file is not None:
                files.append((annex.file.filename or annex.getId(), annex.file.data,
                              annex.file.contentType or "application/octet-stream"))
    return files


def member_addresses(assembly):
    """E-mail addresses of the assembly's members (their own, else their user's)."""
    addresses = []
    for member in assembly.members or []:
        email = member.get("email")
        if not email and member.get("user_id"):
            user = api.user.get(userid=member["user_id"])
            email = user.getProperty("email") if user is not None else None
        if email:
            addresses.append(email)
    return addresses


def on_freeze(meeting):
    """Send the convocation to the members; register the public agenda."""
    assembly = meeting.get_assembly()
    items = [b._unrestrictedGetObject() for b in agenda.ordered_brains(meeting, True)]
    addresses = member_addresses(assembly)
    if addresses:
        convocation = documents.render_pdf(
            "convocation",
            documents.meeting_data(meeting, include_closed=True, unrestricted=True))
        send_mail(
            addresses,
            _("mail_convocation_subject", default="Convocation: ${meeting}",
              mapping={"meeting": meeting.Title()}),
            _("mail_convocation_body",
              default="You are invited to the meeting ${meeting}. The agenda and the public "
                      "annexes are attached; every item is at ${url}.",
              mapping={"meeting": meeting.Title(), "url": meeting.absolute_url()}),
            attachments=[("convocation.pdf", convocation, "application/pdf"),
                         *_public_annexes(items)],
        )
    if assembly.public_sessions:
        pdf = documents.render_pdf(
            "agenda", documents.meeting_data(meeting, include_closed=False, unrestricted=True))
        register.add_entry("agenda", meeting, pdf, meeting.Title())


def on_publish(meeting):
    """Publish the public decisions and register them and the (public) minutes."""
    if not meeting.get_assembly().public_sessions:
        return
    for brain in agenda.ordered_brains(meeting, True):
        item = brain._unrestrictedGetObject()
        if item.is_public() and brain.review_state in PUBLISHABLE_STATES:
            system_transition(item, "publish")
            pdf = documents.render_pdf("extract", documents.extract_data(item, meeting))
            register.add_entry("decision", item, pdf, item.Title())
    pdf = documents.render_pdf(
        "minutes", documents.meeting_data(meeting, include_closed=False, unrestricted=True))
    register.add_entry("minutes", meeting, pdf, meeting.Title())
