"""The meeting page: its agenda in agenda order, as the viewer may see it (catalog brains)."""

from communesplone.deliberations import agenda
from communesplone.deliberations import documents
from communesplone.deliberations.roles import is_secretariat
from plone import api
from Products.Five import BrowserView


class MeetingView(BrowserView):
    def sections(self):
        """``[(section id, title, [brain dicts])]``; closed items only for those allowed."""
        parts = agenda.sections(self.context)
        titles = {"public": "section_public", "closed": "section_closed",
                  "late": "section_late"}
        voting = self.staff() and self.state() == "in_session"
        return [{"id": key, "msgid": titles[key],
                 "entries": [{"number": b.delib_item_number or "", "title": b.Title,
                              "url": b.getURL(), "state": b.review_state,
                              "vote_url": (f"{b.getURL()}/@@record-vote"
                                           if voting and b.review_state == "frozen" else None)}
                             for b in brains]}
                for key, brains in parts.items() if brains]

    def attendance_url(self):
        """The attendance form, for the secretariat only."""
        if not self.staff():
            return None
        return f"{self.context.absolute_url()}/@@attendance"

    def date(self):
        return self.context.date.strftime("%d/%m/%Y %H:%M") if self.context.date else ""

    def state(self):
        return api.content.get_state(self.context)

    def staff(self):
        return is_secretariat(self.context)

    def documents(self):
        """A link per document the viewer may get, in each language the commune
        serves (``minutes.pdf`` in the default one, ``minutes-nl.pdf`` …)."""
        url = f"{self.context.absolute_url()}/@@meeting-document?name="
        names = ["agenda"]
        if self.staff():
            names += ["convocation", "minutes"]
        elif self.state() in ("closed", "published"):
            names.append("minutes")
        default = documents.default_language()
        return [{"name": name if language == default else f"{name}-{language}",
                 "url": url + name + ("" if language == default else f"&language={language}"),
                 "language": language}
                for name in names for language in documents.publication_languages()]
