"""The assembly page a citizen reads: the meetings to come, the last decisions, the members.

Meetings and items come from the catalog with the visitor's rights (a citizen
gets the public meetings once their agenda is frozen and the public items);
the categories, item templates and legal numbers are the staff's
configuration and are not shown here (the edit form holds them).
"""

from communesplone.core.languages import translated_title
from communesplone.deliberations import agenda
from communesplone.deliberations.language import meeting_title
from communesplone.deliberations import readable
from plone import api
from Products.Five import BrowserView

#: How many past meetings the page shows, with their decisions.
PAST_MEETINGS = 3
#: A meeting is to come until its session is closed, then it has decisions to show
#: (by state rather than by date: a session that runs late is still "to come").
COMING_STATES = ("created", "frozen", "in_session")
HELD_STATES = ("decided", "closed", "published")


class AssemblyView(BrowserView):
    def language(self):
        return readable.reader_language()

    def _meetings(self, **query):
        return api.content.find(context=self.context, portal_type="Meeting",
                                sort_on="delib_meeting_date", **query)

    def _meeting(self, brain):
        meeting = brain.getObject()
        return {"title": meeting_title(brain.getObject(), self.language()),
                "url": brain.getURL(),
                "when": readable.when(meeting.date, self.language()),
                "place": meeting.place or "", "meeting": meeting}

    def upcoming(self):
        """The meetings to come (not yet decided), soonest first, with the number of
        items on their agenda."""
        result = []
        for brain in self._meetings(review_state=list(COMING_STATES)):
            row = self._meeting(brain)
            row["count"] = sum(len(b) for b in agenda.sections(row.pop("meeting")).values())
            result.append(row)
        return result

    def past(self):
        """The last meetings held, newest first, each with the outcome of its items."""
        result = []
        brains = self._meetings(review_state=list(HELD_STATES),
                                sort_order="descending")[:PAST_MEETINGS]
        for brain in brains:
            row = self._meeting(brain)
            meeting = row.pop("meeting")
            row["decisions"] = [
                {"number": b.delib_item_number or None,
                 "title": translated_title(b, self.language()), "url": b.getURL(),
                 "outcome": readable.outcome(b.getObject(), b.review_state)}
                for b in agenda.ordered_brains(meeting)]
            result.append(row)
        return result

    def members(self):
        return readable.members(self.context)

    def search_url(self):
        portal_url = api.portal.get().absolute_url()
        return f"{portal_url}/@@deliberations-search?assembly={self.context.UID()}"

    def staff(self):
        """Configuration links for those who may change the assembly."""
        if not api.user.has_permission("Modify portal content", obj=self.context):
            return None
        url = self.context.absolute_url()
        return {"edit": f"{url}/edit",
                "dashboard": (f"{url}/dashboard" if "dashboard" in self.context.objectIds()
                              else None),
                "categories": len(self.context.categories or []),
                "templates": len(self.context.item_templates or [])}
