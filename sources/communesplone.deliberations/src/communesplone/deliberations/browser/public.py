"""Citizens' pages: the calendar of meetings, the search of published decisions, the feed.

All listings are catalog searches with the visitor's own rights: a citizen
gets what is public (public meetings once frozen, published public decisions),
never a closed-session item.
"""

from communesplone.core.languages import translated_title
from communesplone.core.opendata import license_title
from communesplone.core.opendata import open_data_license
from communesplone.deliberations import _
from communesplone.deliberations import feeds
from communesplone.deliberations import readable
from communesplone.deliberations.content.assembly import IAssembly
from communesplone.deliberations.language import category_title
from DateTime import DateTime
from plone import api
from plone.uuid.interfaces import IUUID
from Products.Five import BrowserView
from zope.i18n import translate

PUBLIC_MEETING_STATES = ["frozen", "in_session", "decided", "closed", "published"]


class CalendarView(BrowserView):
    """Meetings to come and past meetings, newest last."""

    def meetings(self):
        brains = api.content.find(portal_type="Meeting", review_state=PUBLIC_MEETING_STATES,
                                  sort_on="delib_meeting_date")
        language = readable.reader_language()
        # under the day, the assembly's name in the reader's language ("Gemeenteraad"),
        # not the meeting's stored French title that repeats the day
        assemblies = {b.getPath(): translated_title(b, language)
                      for b in api.content.find(portal_type="Assembly")}
        return [{"title": assemblies.get(b.getPath().rsplit("/", 1)[0]) or b.Title,
                 "url": b.getURL(),
                 "date": readable.when(b.delib_meeting_date, language)} for b in brains]


class DecisionSearch(BrowserView):
    """Published decisions: full text, from/to date, category, assembly."""

    def query(self):
        form = self.request.form
        query = {"portal_type": "MeetingItem", "review_state": "published",
                 "sort_on": "delib_meeting_date", "sort_order": "descending"}
        text = (form.get("SearchableText") or "").strip()
        if text:
            query["SearchableText"] = text
        if form.get("category"):
            query["delib_category"] = form["category"]
        if form.get("assembly"):
            assembly = api.content.get(UID=form["assembly"])
            if assembly is not None:
                query["path"] = "/".join(assembly.getPhysicalPath())
        start, end = form.get("start"), form.get("end")
        try:
            if start and end:
                query["delib_meeting_date"] = {"query": [DateTime(start), DateTime(end) + 1],
                                               "range": "min:max"}
            elif start:
                query["delib_meeting_date"] = {"query": DateTime(start), "range": "min"}
            elif end:
                query["delib_meeting_date"] = {"query": DateTime(end) + 1, "range": "max"}
        except (DateTime.SyntaxError, DateTime.DateError, DateTime.TimeError):
            pass
        return query

    def results(self):
        language = readable.reader_language()
        return [{"title": translated_title(b, language), "url": b.getURL(),
                 "date": readable.day(b.delib_meeting_date, language),
                 "number": b.delib_year_number or "", "outcome": readable.short_outcome(b)}
                for b in api.content.find(**self.query())[:200]]

    def assemblies(self):
        language = readable.reader_language()
        return [{"uid": b.UID, "title": translated_title(b, language)} for b in api.content.find(
            portal_type="Assembly", sort_on="sortable_title")]

    def categories(self):
        """The categories of the public assemblies, by id (titles of the first seen)."""
        language = readable.reader_language()
        seen = {}
        for brain in api.content.find(portal_type="Assembly"):
            for category in brain.getObject().categories or []:
                seen.setdefault(category["id"], category_title(category, language))
        return [{"id": key, "title": title} for key, title in sorted(seen.items(),
                                                                     key=lambda kv: kv[1])]


class DecisionFeed(BrowserView):
    """``@@deliberations-feed``: Atom (RFC 4287) of the 50 latest published decisions, of the
    whole site or, on an assembly, of that assembly (see :mod:`..feeds`)."""

    def _assembly_titles(self):
        return {brain.getPath(): brain.Title
                for brain in api.content.find(portal_type="Assembly")}

    def __call__(self):
        portal = api.portal.get()
        on_assembly = IAssembly.providedBy(self.context)
        query = {"portal_type": "MeetingItem", "review_state": "published",
                 "sort_on": "modified", "sort_order": "descending"}
        if on_assembly:
            query["path"] = "/".join(self.context.getPhysicalPath())
        brains = api.content.find(**query)[:feeds.FEED_SIZE]
        assemblies = self._assembly_titles()
        commune = api.portal.get_registry_record("communesplone.core.commune_name",
                                                 default="") or portal.Title()
        entries = []
        for brain in brains:
            parent = brain.getPath().rsplit("/", 1)[0]
            entries.append({
                "uid": brain.UID, "title": brain.Title, "url": brain.getURL(),
                "updated": brain.modified.asdatetime(),
                "published": brain.effective.asdatetime()
                if feeds.is_real_date(brain.effective) else None,
                "summary": brain.Description or brain.Title,
                "author": assemblies.get(parent) or commune})
        context = self.context if on_assembly else portal
        name = context.Title() if on_assembly else commune
        license_url = open_data_license()
        body, updated = feeds.build(
            uid=context.UID() if on_assembly else IUUID(portal),
            title=translate(_("deliberations_feed_title", default="Decisions: ${name}",
                              mapping={"name": name}), context=self.request),
            self_url=f"{context.absolute_url()}/@@deliberations-feed",
            alternate_url=(context.absolute_url() if on_assembly
                           else f"{portal.absolute_url()}/@@deliberations-search"),
            author=commune, author_url=portal.absolute_url(),
            language=readable.reader_language(), entries=entries,
            fallback_updated=context.modified().asdatetime(),
            license_url=license_url,
            rights=translate(license_title(license_url), context=self.request)
            if license_title(license_url) else license_url)
        response = self.request.response
        response.setHeader("Content-Type", "application/atom+xml; charset=utf-8")
        if feeds.conditional(self.request, body, updated):
            response.setStatus(304)
            return ""
        return body.decode("utf-8")
