"""What follows a meeting's freezing and publication: convocation, documents, register."""

from communesplone.core.notifications import send_mail
from communesplone.core.system import system_transition
from communesplone.deliberations import _
from communesplone.deliberations import agenda
from communesplone.deliberations import documents
from communesplone.deliberations import register
from communesplone.deliberations.states import PUBLISHABLE_STATES
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


def _register_title(title, language, several):
    """The register title; with several languages each entry says its own."""
    return f"{title} ({language.upper()})" if several else title


def _attachment_name(name, language, several):
    return f"{name}-{language}.pdf" if several else f"{name}.pdf"


def _meeting_pdf(meeting, name, language):
    """The PDF of meeting document ``name`` in ``language``, as the system sees it.

    The convocation (for the members) holds the closed-session items; the public
    documents (agenda, minutes) never do.
    """
    data = documents.meeting_data(meeting, include_closed=name == "convocation",
                                  unrestricted=True, language=language)
    return documents.render_pdf(name, data)


def on_freeze(meeting):
    """Send the convocation to the members; register the public agenda.

    A commune serving several languages mails one convocation per language and
    registers one agenda per language (each entry with its own SHA-256).
    """
    assembly = meeting.get_assembly()
    languages = documents.publication_languages()
    several = len(languages) > 1
    items = [b._unrestrictedGetObject() for b in agenda.ordered_brains(meeting, True)]
    addresses = member_addresses(assembly)
    if addresses:
        convocations = [(_attachment_name("convocation", language, several),
                         _meeting_pdf(meeting, "convocation", language), "application/pdf")
                        for language in languages]
        send_mail(
            addresses,
            _("mail_convocation_subject", default="Convocation: ${meeting}",
              mapping={"meeting": meeting.Title()}),
            _("mail_convocation_body",
              default="You are invited to the meeting ${meeting}. The agenda and the public "
                      "annexes are attached; every item is at ${url}.",
              mapping={"meeting": meeting.Title(), "url": meeting.absolute_url()}),
            attachments=[*convocations, *_public_annexes(items)],
        )
    if assembly.public_sessions:
        for language in languages:
            register.add_entry("agenda", meeting, _meeting_pdf(meeting, "agenda", language),
                               _register_title(meeting.Title(), language, several),
                               language=language)


def on_publish(meeting):
    """Publish the public decisions and register them and the (public) minutes.

    One register entry per publication language (see :func:`on_freeze`).
    """
    if not meeting.get_assembly().public_sessions:
        return
    languages = documents.publication_languages()
    several = len(languages) > 1
    for brain in agenda.ordered_brains(meeting, True):
        item = brain._unrestrictedGetObject()
        if item.is_public() and brain.review_state in PUBLISHABLE_STATES:
            system_transition(item, "publish")
            for language in languages:
                pdf = documents.render_pdf(
                    "extract", documents.extract_data(item, meeting, language=language))
                register.add_entry("decision", item, pdf,
                                   _register_title(item.Title(), language, several),
                                   language=language)
    for language in languages:
        register.add_entry("minutes", meeting, _meeting_pdf(meeting, "minutes", language),
                           _register_title(meeting.Title(), language, several),
                           language=language)
