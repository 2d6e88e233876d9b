"""Citizens' pages: the calendar of meetings, the search of published decisions, the feed.

All listings are catalog searches with the visitor's own rights: a citizen
gets what is public (public meetings once frozen, published public decisions),
never a closed-session item.
"""

from communesplone.deliberations import readable
from DateTime import DateTime
from plone import api
from Products.Five import BrowserView
from xml.sax.saxutils import escape

PUBLIC_MEETING_STATES = ["frozen", "in_session", "decided", "closed", "published"]


class CalendarView(BrowserView):
    """Meetings to come and past meetings, newest last."""

    def meetings(self):
        brains = api.content.find(portal_type="Meeting", review_state=PUBLIC_MEETING_STATES,
                                  sort_on="delib_meeting_date")
        language = readable.reader_language()
        return [{"title": b.Title, "url": b.getURL(),
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
        return [{"title": b.Title, "url": b.getURL(),
                 "date": readable.day(b.delib_meeting_date, language),
                 "number": b.delib_year_number or "", "outcome": readable.short_outcome(b)}
                for b in api.content.find(**self.query())[:200]]

    def assemblies(self):
        return [{"uid": b.UID, "title": b.Title} for b in api.content.find(
            portal_type="Assembly", sort_on="sortable_title")]

    def categories(self):
        """The categories of the public assemblies, by id (titles of the first seen)."""
        seen = {}
        for brain in api.content.find(portal_type="Assembly"):
            for category in brain.getObject().categories or []:
                seen.setdefault(category["id"], category["title"])
        return [{"id": key, "title": title} for key, title in sorted(seen.items(),
                                                                     key=lambda kv: kv[1])]


class DecisionFeed(BrowserView):
    """An Atom feed of the 50 latest published decisions."""

    def __call__(self):
        portal = api.portal.get()
        url = f"{portal.absolute_url()}/@@deliberations-feed"
        brains = api.content.find(portal_type="MeetingItem", review_state="published",
                                  sort_on="effective", sort_order="descending")[:50]
        entries = []
        for brain in brains:
            updated = DateTime(brain.effective if brain.effective and brain.effective.year()
                               > 1900 else brain.modified).ISO8601()
            entries.append(
                f"<entry><id>urn:uuid:{brain.UID}</id><title>{escape(brain.Title)}</title>"
                f'<link href="{escape(brain.getURL())}"/><updated>{updated}</updated>'
                f"<summary>{escape(brain.Description or brain.Title)}</summary></entry>")
        body = (
            '<?xml version="1.0" encoding="utf-8"?>'
            '<feed xmlns="http://www.w3.org/2005/Atom">'
            f"<id>{escape(url)}</id><title>{escape(portal.Title())}</title>"
            f'<link rel="self" href="{escape(url)}"/>'
            f"<updated>{DateTime().ISO8601()}</updated>"
            f"{''.join(entries)}</feed>")
        self.request.response.setHeader("Content-Type", "application/atom+xml; charset=utf-8")
        return body
