"""A meeting's agenda: which items, in which order, with which numbers.

Items stay in their assembly's pool; an item is on a meeting's agenda when its
``meeting`` field holds the meeting's UID and it was presented. The order is:
public items, then closed-session items, each part by category order (the
category's ancestors first) then by insertion; late items (presented after the
agenda was frozen) are listed apart, after them, in order of arrival.

Numbers are given when the meeting is frozen (late items: when presented):
``item_number`` counts within the meeting, ``year_number`` within the
assembly's year. The year counters are a ``PersistentMapping`` on the
assembly: two transactions that number at the same time write the same
object and one of them gets a ConflictError and is retried, so a number is
never given twice (a ``BTrees.Length`` would merge them).
"""

from persistent.mapping import PersistentMapping
from plone import api

ON_AGENDA_STATES = ("presented", "frozen", "accepted", "accepted_but_modified", "refused",
                    "postponed", "withdrawn", "published")
YEAR_COUNTERS = "_delib_year_counters"


def _search(meeting, unrestricted):
    catalog = api.portal.get_tool("portal_catalog")
    query = {"portal_type": "MeetingItem", "delib_meeting": meeting.UID(),
             "review_state": list(ON_AGENDA_STATES)}
    if unrestricted:
        return catalog.unrestrictedSearchResults(**query)
    return catalog.searchResults(**query)


def sort_key(assembly):
    """The agenda sort key of a brain of ``assembly``'s items (the categories are read
    once, each category's key computed once)."""
    categories = assembly.category_map()
    category_keys = {}

    def category_key(category_id):
        if category_id not in category_keys:
            category_keys[category_id] = assembly.category_sort_key(category_id, categories)
        return category_keys[category_id]

    def key(brain):
        return (bool(brain.delib_late), bool(brain.delib_closed_session),
                () if brain.delib_late else category_key(brain.delib_category),
                brain.delib_insertion or 0)
    return key


def ordered_brains(meeting, unrestricted=False):
    """The agenda's brains in agenda order; only what the current user may see unless
    ``unrestricted`` (numbering)."""
    brains = list(_search(meeting, unrestricted))
    brains.sort(key=sort_key(meeting.get_assembly()))
    return brains


def sections(meeting):
    """``{"public": [...], "closed": [...], "late": [...]}`` of the brains the current
    user may see, each in agenda order."""
    result = {"public": [], "closed": [], "late": []}
    for brain in ordered_brains(meeting):
        if brain.delib_late:
            result["late"].append(brain)
        elif brain.delib_closed_session:
            result["closed"].append(brain)
        else:
            result["public"].append(brain)
    return result


def next_insertion(meeting):
    """A meeting-wide increasing insertion counter (written on the meeting: conflicts retry)."""
    meeting._delib_insertions = getattr(meeting, "_delib_insertions", 0) + 1
    return meeting._delib_insertions


def next_year_number(assembly, year):
    """The next number of ``assembly``'s ``year`` (unique, see the module docstring)."""
    counters = getattr(assembly, YEAR_COUNTERS, None)
    if counters is None:
        counters = PersistentMapping()
        setattr(assembly, YEAR_COUNTERS, counters)
    counters[year] = counters.get(year, 0) + 1
    return counters[year]


def next_item_number(meeting):
    """The next number in the meeting (used for late items)."""
    meeting._delib_last_number = getattr(meeting, "_delib_last_number", 0) + 1
    return meeting._delib_last_number


def number_item(item, meeting):
    """Give ``item`` its meeting and year numbers (once)."""
    if item.item_number:
        return
    item.item_number = next_item_number(meeting)
    item.year_number = next_year_number(meeting.get_assembly(), meeting.date.year)
    item.reindexObject(idxs=["delib_item_number"])


def number_agenda(meeting):
    """Number every item of the agenda in agenda order; return the items."""
    items = [brain._unrestrictedGetObject() for brain in ordered_brains(meeting, True)]
    for item in items:
        number_item(item, meeting)
    return items
