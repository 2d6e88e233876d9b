"""The entries to moderate in the staff inbox "À traiter" (``communesplone.core.inbox``).

A ``pending`` entry waits for its directory's moderator group (the one its
local roles let publish or reject); it is due since it was last changed, so
the oldest proposal comes first.
"""

from communesplone.core.inbox import INBOX_INDEXES
from communesplone.core.inbox import queue_keys
from communesplone.core.inbox import state_of
from communesplone.core.interfaces import IInboxKind
from communesplone.directory import _
from communesplone.directory.content.business import IBusiness
from communesplone.directory.vocabularies import directory_of
from plone import api
from plone.indexer import indexer
from zope.interface import implementer

KIND = "entry-moderate"


@indexer(IBusiness)
def inbox_queue(business):
    if state_of(business) != "pending":
        raise AttributeError("inbox_queue")  # waits for nobody: not in the index
    directory = directory_of(business)
    group = (getattr(directory, "moderator_group", None) or "").strip()
    return queue_keys(KIND, [group])


@indexer(IBusiness)
def inbox_due(business):
    return business.modified()


def directory_changed(directory, event):
    """Another moderator group: the pending entries now wait for that group."""
    for brain in api.content.find(context=directory, portal_type="Business",
                                  review_state="pending", unrestricted=True):
        brain._unrestrictedGetObject().reindexObject(idxs=list(INBOX_INDEXES))


@implementer(IInboxKind)
class EntriesToModerate:
    order = 50
    title = _("inbox_kind_entry_moderate", default="Directory entries to moderate")
    actions = {"pending": ("publish",)}  # rejecting asks for a reason: on its page

    def detail(self, brain, request):
        """Its locality (a catalog column; categories are indexed by id, not in words)."""
        return brain.business_locality or ""
