"""The commune's news and events folders, as a citizen reads them.

Plain functions over the catalog, for the folders' own pages (``news_listing``
and ``events_listing``) and an event's page: the items in the reader's language
(and those written for every language), dates in words from core's dates
(never "07-12-2026" nor an ISO string), newest news and soonest events first.

Why our own pages and not Plone's ``summary_view`` and plone.app.event's
``event_listing``: both list every language's items together (a Dutch reader of
a Brussels commune gets each item twice, once in French), and the latter writes
its dates as numbers and ISO strings.
"""

from communesplone.core.dates import day_text
from communesplone.core.dates import local
from communesplone.core.dates import period_text
from communesplone.core.dates import when_text
from communesplone.policy.frontpage import language_filter
from DateTime import DateTime
from plone import api

#: How many items a listing page shows (a commune's news of a few months).
PAGE_SIZE = 30


def _path(folder):
    return "/".join(folder.getPhysicalPath())


def news_of(folder, language, count=PAGE_SIZE):
    """The published news of ``folder`` in ``language``, newest first."""
    return api.content.find(path=_path(folder), portal_type="News Item",
                            sort_on="effective", sort_order="descending",
                            sort_limit=count, **language_filter(language))[:count]


def events_of(folder, language, past=False, count=PAGE_SIZE, now=None):
    """The events of ``folder`` in ``language``: the coming ones (and those under
    way) soonest first, or the past ones latest first."""
    now = now or DateTime()
    if past:
        when = {"end": {"query": now, "range": "max"}, "sort_order": "descending"}
    else:
        when = {"end": {"query": now, "range": "min"}}
    return api.content.find(path=_path(folder), portal_type="Event", sort_on="start",
                            sort_limit=count, **when, **language_filter(language))[:count]


def _whole_day(start, end):
    """An event without hours: from midnight, to midnight or 23:59."""
    return (start.hour, start.minute) == (0, 0) and (
        end is None or (end.hour, end.minute) in ((0, 0), (23, 59)))


def event_period(start, end, language, whole_day=None, open_end=False):
    """ "lundi 7 décembre, 19 h – 21 h"; "vendredi 11 décembre" for a whole day;
    "vendredi 11 – dimanche 13 décembre"-like spans name both days."""
    start = local(start)
    end = local(end) if end is not None else None
    if whole_day is None:
        whole_day = _whole_day(start, end)
    if whole_day:
        first = day_text(start, language)
        if end is None or end.date() == start.date():
            return first
        return f"{first} – {day_text(end, language)}"
    if open_end or end is None or end <= start:
        return when_text(start, language)
    return period_text(start, end, language)


def news_when(brain, language):
    """The day a news item was published, in words."""
    return when_text(brain.effective, language, with_time=False)


def brain_period(brain, language):
    """The period of an event's catalog brain, in words."""
    return event_period(brain.start, brain.end, language)
