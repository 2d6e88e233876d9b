"""The member's directory entries in their own space ("Mon espace",
communesplone.core.myspace): those they proposed and those they claimed."""

from communesplone.core.interfaces import IMySpaceSection
from communesplone.core.myspace import state_title
from communesplone.directory import _
from plone import api
from zope.interface import implementer


def my_entry_brains(user_id):
    """The Business entries the member proposed (``Creator``) or holds a local role on
    (claimed: only owners get one, editors act through their group), by name."""
    seen, found = set(), []
    for query in ({"Creator": user_id}, {"allowedRolesAndUsers": f"user:{user_id}"}):
        for brain in api.content.find(portal_type="Business", sort_on="sortable_title",
                                      **query):
            if brain.UID not in seen:
                seen.add(brain.UID)
                found.append(brain)
    return sorted(found, key=lambda brain: (brain.Title or "").lower())


@implementer(IMySpaceSection)
class EntriesSection:
    order = 30
    title = _("myspace_entries_title", default="My businesses and associations")
    empty_text = _("myspace_entries_empty",
                   default="You have not proposed any business or association yet.")
    action_title = _("myspace_entries_action", default="Propose my business or association")

    def action_url(self, portal):
        brains = api.content.find(context=portal, portal_type="BusinessDirectory",
                                  sort_on="path", sort_limit=1)
        return f"{brains[0].getURL()}/@@propose-business" if brains else None

    def items(self, user_id, request):
        return [{
            "title": brain.Title,
            "url": brain.getURL(),
            "state": state_title("Business", brain.review_state, request),
        } for brain in my_entry_brains(user_id)]

    def links(self, portal):
        return []
