"""PDF downloads of a meeting and of an item, rendered for the person who asks.

The agenda a viewer downloads holds only the items the catalog lets them see
(closed-session items only for the staff and the assembly's members); the
"agenda" document never holds closed-session items, whoever asks.

``?language=nl`` asks for the document in one of the languages the commune
serves (:func:`documents.served_languages`); without it, the site's default
document language. Any other value is refused with 400 and a translated message
(JSON for a REST client, a short page in a browser), before anything is rendered.
"""

from communesplone.core.browser.errors import RefusalView
from communesplone.deliberations import _
from communesplone.deliberations import documents
from communesplone.deliberations import visibility
from communesplone.deliberations.lifecycle import meeting_of
from Products.Five import BrowserView
from zExceptions import NotFound


class DocumentLanguageRefused(Exception):
    """A document asked in a language the commune does not serve (400)."""

    status = 400

    def __init__(self, asked, served):
        super().__init__(asked)
        self.message = _("delib_doc_language_invalid",
                         default="The language asked for this document is not offered.")
        self.errors = [("language", _(
            "delib_doc_language_refused",
            default='This document is not available in the language "${language}". '
                    "Available languages: ${languages}.",
            mapping={"language": asked, "languages": ", ".join(served)}))]


class DocumentRefusalView(RefusalView):
    title = _("delib_doc_refused_title", default="The document could not be produced")


def requested_language(request):
    """The document language asked in ``request`` (default: the site's); raises when refused."""
    asked = request.form.get("language")
    if asked is None or asked == "":
        return documents.default_language()
    served = documents.served_languages()
    if isinstance(asked, str) and asked.strip().lower() in served:
        return asked.strip().lower()
    text = asked if isinstance(asked, str) else ", ".join(map(str, asked))
    raise DocumentLanguageRefused(text[:20], served)


def _pdf(request, data, filename):
    request.response.setHeader("Content-Type", "application/pdf")
    request.response.setHeader("Content-Disposition", f'inline; filename="{filename}"')
    return data


def _filename(name, language):
    """``minutes.pdf`` in the default language, ``minutes-nl.pdf`` in another one."""
    return f"{name}.pdf" if language == documents.default_language() else f"{name}-{language}.pdf"


class DocumentView(BrowserView):
    def language(self):
        """The document's language, or the refusal page to answer instead."""
        try:
            return requested_language(self.request), None
        except DocumentLanguageRefused as error:
            return None, DocumentRefusalView(error, self.request)()


class MeetingDocument(DocumentView):
    def __call__(self):
        name = self.request.form.get("name", "agenda")
        if name not in ("convocation", "agenda", "minutes"):
            raise NotFound(name)
        if not visibility.may_read_document(self.context, name):
            # minutes before they are adopted, the members' convocation: not there for
            # the public (a 404 says no more than that)
            raise NotFound(name)
        language, refusal = self.language()
        if refusal is not None:
            return refusal
        data = documents.meeting_data(self.context, include_closed=name != "agenda",
                                      language=language)
        return _pdf(self.request, documents.render_pdf(name, data), _filename(name, language))


class DecisionExtract(DocumentView):
    def __call__(self):
        meeting = meeting_of(self.context)
        if meeting is None or not self.context.item_number:
            raise NotFound("extract")
        language, refusal = self.language()
        if refusal is not None:
            return refusal
        data = documents.extract_data(self.context, meeting, language=language)
        return _pdf(self.request, documents.render_pdf("extract", data),
                    _filename("extract", language))
