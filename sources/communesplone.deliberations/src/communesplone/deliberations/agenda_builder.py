"""The secretariat's agenda builder: items waiting for a meeting, add, remove, reorder.

As in iA.Delib, the items stay in their assembly's pool; the builder only
runs the item workflow (``present``, ``back_to_validated``) and changes the
``insertion`` that orders items within their category (see ``agenda``). Every
action here checks the *Manage meetings* permission on the meeting itself, so
a browser form, a REST call or a script get the same answer; a refusal is a
``WorkflowException`` carrying a translated reason.

The order can change while the meeting is in preparation; once frozen, the
items are numbered and the convocation is sent, so the order is fixed (late
items still arrive, after the others, marked as such).
"""

from AccessControl import Unauthorized
from communesplone.deliberations import _
from communesplone.deliberations import agenda
from communesplone.deliberations.lifecycle import freeze_blockers
from communesplone.deliberations.lifecycle import refuse
from plone import api

MANAGE = "communesplone.deliberations: Manage meetings"
#: Meeting states in which the agenda is built (items added; in ``created`` also reordered).
BUILDING_STATES = ("created", "frozen")
WAITING_STATE = "validated"


def can_build(meeting):
    """True when the current user may change ``meeting``'s agenda now."""
    return (api.content.get_state(meeting) in BUILDING_STATES
            and bool(api.user.get_permissions(obj=meeting).get(MANAGE)))


def _require(meeting):
    if not api.user.get_permissions(obj=meeting).get(MANAGE):
        raise Unauthorized("Manage meetings")
    if api.content.get_state(meeting) not in BUILDING_STATES:
        refuse(_("error_agenda_closed", default="This meeting's agenda can no longer change."))


def group_key(brain):
    """Items that share this key are ordered among themselves (same part, same category)."""
    late = bool(brain.delib_late)
    return (late, bool(brain.delib_closed_session), "" if late else (brain.delib_category or ""))


def waiting_brains(meeting):
    """The items of the meeting's assembly waiting for a meeting: validated, on no other
    meeting's agenda; by category order then title."""
    assembly = meeting.get_assembly()
    catalog = api.portal.get_tool("portal_catalog")
    uid = meeting.UID()
    brains = [b for b in catalog.unrestrictedSearchResults(
        portal_type="MeetingItem", review_state=WAITING_STATE,
        path={"query": "/".join(assembly.getPhysicalPath()), "depth": 1})
        if not b.delib_meeting or b.delib_meeting == uid]
    categories = assembly.category_map()
    brains.sort(key=lambda b: (bool(b.delib_closed_session),
                               assembly.category_sort_key(b.delib_category, categories),
                               b.Title.lower()))
    return brains


def find_item(meeting, uid):
    """The item ``uid`` of the meeting's assembly (refused when it is not one)."""
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(UID=uid or "", portal_type="MeetingItem")
    item = brains[0]._unrestrictedGetObject() if brains else None
    if item is None or item.get_assembly() != meeting.get_assembly():
        refuse(_("error_agenda_unknown_item", default="This item is not in the assembly's pool."))
    return item


def add_item(meeting, item):
    """Put a waiting item on ``meeting``'s agenda (late when the agenda is frozen)."""
    _require(meeting)
    if api.content.get_state(item) != WAITING_STATE or (
            item.meeting and item.meeting != meeting.UID()):
        refuse(_("error_agenda_not_waiting",
                 default="Only a validated item that waits for a meeting can be added."))
    previous = item.meeting
    item.meeting = meeting.UID()
    try:
        api.portal.get_tool("portal_workflow").doActionFor(item, "present")
    except Exception:
        item.meeting = previous
        raise


def meetings_taking_items(context=None):
    """The meetings whose agenda the current user may change now (created or frozen),
    by date: what a batch "present" offers (brains of what the user may see)."""
    brains = api.content.find(portal_type="Meeting", review_state=list(BUILDING_STATES),
                              sort_on="delib_meeting_date")
    return [brain for brain in brains if can_build(brain.getObject())]


def present_in(item, meeting_uid):
    """Put ``item`` on the agenda of the meeting ``meeting_uid`` (a batch action): the
    builder's rules, and the meeting must be of the item's assembly."""
    meeting = api.content.get(UID=meeting_uid) if meeting_uid else None
    if meeting is None or meeting.portal_type != "Meeting":
        refuse(_("error_agenda_unknown_meeting", default="This meeting cannot be found."))
    if item.get_assembly() != meeting.get_assembly():
        refuse(_("error_agenda_other_assembly",
                 default="This item belongs to another assembly than the meeting."))
    add_item(meeting, item)


def remove_item(meeting, item):
    """Take an item off the agenda, back to the pool (before the agenda is frozen)."""
    _require(meeting)
    if item.meeting == meeting.UID() and api.content.get_state(meeting) != "created":
        refuse(_("error_unpresent_frozen",
                 default="The agenda is frozen: the item can only be withdrawn or postponed."))
    if item.meeting != meeting.UID() or api.content.get_state(item) != "presented":
        refuse(_("error_agenda_not_on_agenda",
                 default="This item is not on the agenda in preparation."))
    api.portal.get_tool("portal_workflow").doActionFor(item, "back_to_validated")


def _group(meeting, item):
    """The brains ordered with ``item`` (same part and category), in agenda order."""
    if api.content.get_state(meeting) != "created":
        refuse(_("error_agenda_order_frozen",
                 default="The agenda is frozen: its order and numbers are fixed."))
    brains = agenda.ordered_brains(meeting, unrestricted=True)
    uid = item.UID()
    mine = [b for b in brains if uid == b.UID]
    if not mine:
        refuse(_("error_agenda_not_on_agenda",
                 default="This item is not on the agenda in preparation."))
    key = group_key(mine[0])
    return [b for b in brains if group_key(b) == key]


def _apply_order(meeting, group, uids):
    """Give the group's items the group's insertions, in the order of ``uids``."""
    insertions = sorted(b.delib_insertion or 0 for b in group)
    if len(set(insertions)) < len(insertions):  # old data: make them distinct
        insertions = [agenda.next_insertion(meeting) for _b in group]
    objects = {b.UID: b._unrestrictedGetObject() for b in group}
    for uid, insertion in zip(uids, insertions, strict=True):
        item = objects[uid]
        if item.insertion != insertion:
            item.insertion = insertion
            item.reindexObject(idxs=["delib_meeting"])


def move_item(meeting, item, direction):
    """Move an item one place ``up`` or ``down`` within its category."""
    _require(meeting)
    group = _group(meeting, item)
    uids = [b.UID for b in group]
    index = uids.index(item.UID())
    other = index - 1 if direction == "up" else index + 1
    if direction not in ("up", "down") or not 0 <= other < len(uids):
        return False
    uids[index], uids[other] = uids[other], uids[index]
    _apply_order(meeting, group, uids)
    return True


def reorder(meeting, uids):
    """Put one category's items in the order of ``uids`` (all of them, nothing else)."""
    _require(meeting)
    uids = [uid for uid in uids or [] if uid]
    if not uids:
        refuse(_("error_agenda_order_mismatch",
                 default="The new order must list the items of one category, each once."))
    group = _group(meeting, find_item(meeting, uids[0]))
    if sorted(uids) != sorted(b.UID for b in group):
        refuse(_("error_agenda_order_mismatch",
                 default="The new order must list the items of one category, each once."))
    _apply_order(meeting, group, uids)


def run(meeting, action, uid=None, order=None):
    """One builder action by name (the browser form and ``POST @agenda`` both call this)."""
    if action == "order":
        return reorder(meeting, order)
    if action not in ("add", "remove", "up", "down"):
        refuse(_("error_agenda_action", default="Unknown action on the agenda."))
    item = find_item(meeting, uid)
    if action == "add":
        return add_item(meeting, item)
    if action == "remove":
        return remove_item(meeting, item)
    return move_item(meeting, item, action)


def blockers(meeting):
    """What keeps the meeting from being frozen (messages), shown before the button."""
    if api.content.get_state(meeting) != "created":
        return []
    return freeze_blockers(meeting)


SECTION_TITLES = {
    "public": _("delib_builder_section_public", default="Public session"),
    "closed": _("delib_builder_section_closed", default="Closed session"),
    "late": _("delib_builder_section_late", default="Late items (added after freezing)"),
}


def _entry(brain, number):
    return {"uid": brain.UID, "title": brain.Title, "url": brain.getURL(),
            "number": brain.delib_item_number or number, "late": bool(brain.delib_late),
            "review_state": brain.review_state}


def overview(meeting):
    """The builder's data: the agenda by part and category, numbered, the waiting items and
    the blockers. Titles are messages (translated by the page or by plone.restapi).

    Before freezing, the numbers are the places the items would get; after, their numbers.
    """
    assembly = meeting.get_assembly()
    categories = assembly.category_map()
    sections = []
    for number, brain in enumerate(agenda.ordered_brains(meeting, unrestricted=True), 1):
        part = "late" if brain.delib_late else (
            "closed" if brain.delib_closed_session else "public")
        if not sections or sections[-1]["id"] != part:
            sections.append({"id": part, "title": SECTION_TITLES[part], "groups": []})
        groups = sections[-1]["groups"]
        key = group_key(brain)
        if not groups or groups[-1]["key"] != key:
            category = "" if brain.delib_late else (brain.delib_category or "")
            groups.append({"key": key, "category": category,
                           "title": categories.get(category, {}).get("title", ""),
                           "entries": []})
        groups[-1]["entries"].append(_entry(brain, number))
    for section in sections:
        for group in section["groups"]:
            group["id"] = "-".join([section["id"], group.pop("key")[2] or "late"])
    waiting = [{"uid": b.UID, "title": b.Title, "url": b.getURL(),
                "category": categories.get(b.delib_category, {}).get("title", ""),
                "closed_session": bool(b.delib_closed_session)}
               for b in waiting_brains(meeting)]
    state = api.content.get_state(meeting)
    return {"state": state, "sections": sections, "waiting": waiting,
            "can_reorder": state == "created", "can_add": state in BUILDING_STATES,
            "blockers": blockers(meeting)}
