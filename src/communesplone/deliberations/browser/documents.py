"""PDF downloads of a meeting and of an item, rendered for the person who asks.

The agenda a viewer downloads holds only the items the catalog lets them see
(closed-session items only for the staff and the assembly's members); the
"agenda" document never holds closed-session items, whoever asks.
"""

from communesplone.deliberations import documents
from communesplone.deliberations.lifecycle import meeting_of
from Products.Five import BrowserView
from zExceptions import NotFound


def _pdf(request, data, filename):
    request.response.setHeader("Content-Type", "application/pdf")
    request.response.setHeader("Content-Disposition", f'inline; filename="{filename}"')
    return data


class MeetingDocument(BrowserView):
    def __call__(self):
        name = self.request.form.get("name", "agenda")
        if name not in ("convocation", "agenda", "minutes"):
            raise NotFound(name)
        data = documents.meeting_data(self.context, include_closed=name != "agenda")
        return _pdf(self.request, documents.render_pdf(name, data), f"{name}.pdf")


class DecisionExtract(BrowserView):
    def __call__(self):
        meeting = meeting_of(self.context)
        if meeting is None or not self.context.item_number:
            raise NotFound("extract")
        data = documents.extract_data(self.context, meeting)
        return _pdf(self.request, documents.render_pdf("extract", data), "extract.pdf")
