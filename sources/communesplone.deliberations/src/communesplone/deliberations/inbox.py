"""The council's work in the staff inbox "À traiter" (``communesplone.core.inbox``).

* items to validate (``proposed``): the secretariat validates or sends back;
* advice asked of a service, not given yet: that service (due on the
  advice's deadline);
* meetings to prepare (``created``): the secretariat freezes and convenes
  (due on the meeting's date).

One item may wait for two services at once (validation and an advice): it
holds one queue keyword for each.
"""

from communesplone.core.inbox import queue_keys
from communesplone.core.inbox import state_of
from communesplone.core.interfaces import IInboxKind
from communesplone.core.dates import when_text
from communesplone.core.myspace import language_of
from communesplone.deliberations import _
from communesplone.deliberations.content.item import IMeetingItem
from communesplone.deliberations.content.meeting import IMeeting
from communesplone.deliberations.roles import SECRETARIAT
from DateTime import DateTime
from plone.indexer import indexer
from zope.interface import implementer

ITEM_VALIDATE = "item-validate"
ITEM_ADVICE = "item-advice"
MEETING_PREPARE = "meeting-prepare"


def _pending_advices(item):
    return [advice for advice in getattr(item, "advices", None) or []
            if not advice.get("answer")]


@indexer(IMeetingItem)
def item_queue(item):
    keys = []
    if state_of(item) == "proposed":
        keys += queue_keys(ITEM_VALIDATE, [SECRETARIAT])
    services = [advice["service"] for advice in _pending_advices(item)]
    if services:
        keys += queue_keys(ITEM_ADVICE, services)
    if not keys:
        raise AttributeError("inbox_queue")  # waits for nobody: not in the index
    return keys


@indexer(IMeetingItem)
def item_due(item):
    """The earliest deadline of an advice owed, else when it was last changed."""
    dues = sorted(advice["due"] for advice in _pending_advices(item) if advice.get("due"))
    return DateTime(dues[0]) if dues else item.modified()


@indexer(IMeeting)
def meeting_queue(meeting):
    if state_of(meeting) != "created":
        raise AttributeError("inbox_queue")  # waits for nobody: not in the index
    return queue_keys(MEETING_PREPARE, [SECRETARIAT])


@indexer(IMeeting)
def meeting_due(meeting):
    return DateTime(meeting.date.isoformat()) if meeting.date else meeting.created()


@implementer(IInboxKind)
class ItemsToValidate:
    order = 60
    title = _("inbox_kind_item_validate", default="Council items to validate")
    actions = {"proposed": ("validate",)}  # sending back asks for a reason: on its page

    def detail(self, brain, request):
        return ""


@implementer(IInboxKind)
class AdviceAsked:
    order = 70
    title = _("inbox_kind_item_advice", default="Advice asked of your service")
    actions = {}  # an advice is given on the item's page, with its answer and comment

    def detail(self, brain, request):
        return ""


@implementer(IInboxKind)
class MeetingsToPrepare:
    order = 80
    title = _("inbox_kind_meeting_prepare", default="Meetings to prepare")
    actions = {}  # freezing needs the agenda checked on the meeting's page first

    def detail(self, brain, request):
        """The meeting's date and time."""
        value = brain.delib_meeting_date
        return when_text(value, language_of(request), with_time=True) if value else ""
