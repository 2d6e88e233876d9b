"""The member's directory entries in their own space ("Mon espace",
communesplone.core.myspace): those they proposed."""

from communesplone.core.interfaces import IMySpaceSection
from communesplone.core.myspace import state_title
from communesplone.directory import _
from plone import api
from zope.interface import implementer


def my_entry_brains(user_id):
    """The Business entries the member proposed (``Creator``, set when their proposal
    is confirmed) and may see, by name. An entry a member was granted after a claim
    keeps its creators: the catalog has no index of owners to find it by."""
    return api.content.find(portal_type="Business", Creator=user_id,
                            sort_on="sortable_title")


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
