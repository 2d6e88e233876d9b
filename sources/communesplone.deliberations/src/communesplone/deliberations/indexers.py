"""Catalog indexers: what agendas, dashboards and public searches query without waking objects."""

from communesplone.deliberations.content.item import IMeetingItem
from communesplone.deliberations.content.meeting import IMeeting
from plone.indexer import indexer


@indexer(IMeetingItem)
def item_meeting(obj):
    return obj.meeting or None


@indexer(IMeetingItem)
def item_category(obj):
    return obj.category


@indexer(IMeetingItem)
def item_service(obj):
    return obj.proposing_service


@indexer(IMeetingItem)
def item_closed_session(obj):
    return bool(obj.closed_session)


@indexer(IMeetingItem)
def item_number(obj):
    return obj.item_number


@indexer(IMeetingItem)
def item_year_number(obj):
    return obj.year_number


@indexer(IMeetingItem)
def item_outcome(obj):
    return obj.outcome


@indexer(IMeetingItem)
def item_late(obj):
    return bool(obj.late)


@indexer(IMeetingItem)
def item_insertion(obj):
    return obj.insertion or 0


@indexer(IMeetingItem)
def item_meeting_date(obj):
    return getattr(obj, "meeting_date", None)


@indexer(IMeeting)
def meeting_date(obj):
    return obj.date


@indexer(IMeetingItem)
def item_advice_pending(obj):
    """True while an advice asked about the item is not given (the advisers' dashboard)."""
    return any(not advice.get("answer") for advice in getattr(obj, "advices", None) or [])
