"""The meeting page: when and where, its documents, its agenda as the viewer may see it.

The agenda comes from the catalog with the viewer's rights (closed-session
items only for the staff and the assembly's members, see ``visibility``);
every label is a message of :mod:`communesplone.deliberations.readable`.
"""

from communesplone.core.languages import translated_title
from communesplone.deliberations import agenda
from communesplone.deliberations import agenda_builder
from communesplone.deliberations import documents
from communesplone.deliberations import readable
from communesplone.core.browser.languages import TranslatedTitleView
from communesplone.deliberations.language import category_title
from communesplone.deliberations.language import meeting_title
from communesplone.deliberations.roles import is_secretariat
from plone import api
from Products.CMFPlone.browser.navigation import PhysicalNavigationBreadcrumbs
from Products.Five import BrowserView

#: Meeting states from which the minutes were approved and may be read.
MINUTES_STATES = ("closed", "published")


class MeetingView(BrowserView):
    def language(self):
        return readable.reader_language()

    def sections(self):
        """``[{"id", "title", "entries"}]``: the agenda under translated headings, one number
        per item (its number in the meeting once the agenda is frozen)."""
        voting = self.staff() and self.state() == "in_session"
        result = []
        for key, brains in agenda.sections(self.context).items():
            if not brains:
                continue
            entries = []
            for brain in brains:
                item = brain.getObject()
                entries.append({
                    "number": brain.delib_item_number or None,
                    "title": translated_title(brain, self.language()),
                    "url": brain.getURL(), "outcome": readable.outcome(item, brain.review_state),
                    "category": self.category(item),
                    "vote_url": (f"{brain.getURL()}/@@record-vote"
                                 if voting and brain.review_state == "frozen" else None)})
            result.append({"id": key, "title": readable.SECTION_LABELS[key], "entries": entries})
        return result

    def builder(self):
        """The agenda builder's data for the secretariat while the agenda takes items
        (None for everybody else, who sees the agenda as published)."""
        if not agenda_builder.can_build(self.context):
            return None
        return agenda_builder.overview(self.context)

    def freeze_allowed(self):
        tool = api.portal.get_tool("portal_workflow")
        return "freeze" in {t["id"] for t in tool.getTransitionsFor(self.context)}

    def category(self, item):
        entry = item.get_assembly().category_map().get(item.category)
        return category_title(entry, self.language()) if entry else ""

    def when(self):
        return readable.when(self.context.date, self.language())

    def attendance_url(self):
        """The attendance form, for the secretariat only."""
        if not self.staff():
            return None
        return f"{self.context.absolute_url()}/@@attendance"

    def state(self):
        return api.content.get_state(self.context)

    def staff(self):
        return is_secretariat(self.context)

    def assembly(self):
        assembly = self.context.get_assembly()
        return {"title": translated_title(assembly, self.language()),
                "url": assembly.absolute_url()}

    def documents(self):
        """A link per document the viewer may get, in each language the commune serves.

        The published copy from the register when there is one (what legally counts,
        with its size); else the document made now (staff, or minutes not yet published).
        """
        names = ["agenda"]
        if self.staff():
            names += ["convocation", "minutes"]
        elif self.state() in MINUTES_STATES:
            names.append("minutes")
        registered = readable.registered(self.context)
        portal_url = api.portal.get().absolute_url()
        live = f"{self.context.absolute_url()}/@@meeting-document?name="
        default = documents.default_language()
        links = []
        for name in names:
            for language in documents.publication_languages():
                entry = registered.get((name, language))
                if entry is not None:
                    url = f"{portal_url}/@@publication-register/download?id={entry['id']}"
                else:
                    url = live + name + ("" if language == default else f"&language={language}")
                links.append({"url": url, "language": language, "name": name,
                              "label": readable.document_label(
                                  name, language, entry["size"] if entry else None,
                                  self.language())})
        return links


class MeetingTitleView(TranslatedTitleView):
    """``@@title``, the meeting page's heading: "Gemeenteraad, dinsdag 22 december 2026"."""

    def __call__(self):
        self.title = meeting_title(self.context)
        return self.index()


class MeetingBreadcrumbs(PhysicalNavigationBreadcrumbs):
    """``breadcrumbs_view`` of a meeting: its name in the reader's language."""

    def customize_entry(self, entry, context=None):
        if context is not None:
            entry["Title"] = meeting_title(context)
