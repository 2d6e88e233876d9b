"""What citizens may see: one function decides it for items, annexes and meetings.

The workflows give ``View`` to the staff and, from ``frozen`` on, to the
assembly's members. Whether *Anonymous* may also see an object depends on
data a workflow state cannot read (is the item in closed session, does the
assembly sit in public, is the annex public), so after every transition and
every change :func:`sync` adds Anonymous to the workflow's roles, or not.
Whatever is not explicitly public stays closed: a closed-session item, a
non-public annex, anything of an assembly that does not sit in public.
"""

from communesplone.deliberations.states import PUBLIC_ITEM_STATES
from communesplone.deliberations.states import PUBLIC_MEETING_STATES
from communesplone.deliberations.content.annex import IAnnex
from communesplone.deliberations.content.item import IMeetingItem
from communesplone.deliberations.content.meeting import IMeeting
from plone import api

VIEW_PERMISSIONS = ("View", "Access contents information")
#: Item states in which a public item is shown to citizens (its meeting is frozen or later).
#: The meeting states from which a meeting's document may be read by anyone who may see
#: the meeting (docs/deliberations.md, "What is public, and when"): the agenda once
#: published (the meeting frozen), the minutes once adopted (closed: approved at the
#: next meeting, CDLD art. L1122-16), the convocation never (it is the members' letter).
PUBLIC_DOCUMENTS = {"agenda": PUBLIC_MEETING_STATES, "minutes": ("closed", "published"),
                    "convocation": ()}
#: Local or global roles that read every document of a meeting they may see: the
#: secretariat (Reviewer, Editor), the assembly's members (Reader), the administrators.
INSIDER_ROLES = frozenset({"Manager", "Site Administrator", "Reviewer", "Editor", "Reader"})


def _workflow_roles(obj, permission):
    """The roles the object's workflow state gives ``permission``."""
    workflow_tool = api.portal.get_tool("portal_workflow")
    for workflow in workflow_tool.getWorkflowsFor(obj):
        state = workflow._getWorkflowStateOf(obj)
        if state is not None and permission in (state.permission_roles or {}):
            return list(state.permission_roles[permission])
    return None


def _grant_anonymous(obj, public):
    for permission in VIEW_PERMISSIONS:
        roles = _workflow_roles(obj, permission)
        if roles is None:
            continue
        roles = [role for role in roles if role != "Anonymous"]
        if public:
            roles.append("Anonymous")
        obj.manage_permission(permission, roles, acquire=False)


def item_is_public(item):
    """A public item of a public assembly, in a state citizens may see."""
    return item.is_public() and api.content.get_state(item) in PUBLIC_ITEM_STATES


def meeting_is_public(meeting):
    assembly = meeting.get_assembly()
    return bool(getattr(assembly, "public_sessions", True)) and (
        api.content.get_state(meeting) in PUBLIC_MEETING_STATES)


def may_read_document(meeting, name):
    """Whether the current user may download the meeting's document ``name`` now."""
    if INSIDER_ROLES & set(api.user.get_roles(obj=meeting)):
        return True
    return api.content.get_state(meeting) in PUBLIC_DOCUMENTS.get(name, ())


def sync_annex(annex):
    """A public annex follows its item; a non-public one gets the item's roles minus Anonymous."""
    item = annex.__parent__
    for permission in VIEW_PERMISSIONS:
        if getattr(annex, "public", False):
            annex.manage_permission(permission, [], acquire=True)
        else:
            roles = [role for role in (_workflow_roles(item, permission) or ["Manager"])
                     if role != "Anonymous"]
            annex.manage_permission(permission, roles, acquire=False)
    annex.reindexObjectSecurity()


def sync(obj):
    """Apply the rule above to an item (and its annexes), a meeting, or an annex."""
    if IMeetingItem.providedBy(obj):
        _grant_anonymous(obj, item_is_public(obj))
        obj.reindexObjectSecurity()
        for annex in obj.objectValues():
            if IAnnex.providedBy(annex):
                sync_annex(annex)
    elif IMeeting.providedBy(obj):
        _grant_anonymous(obj, meeting_is_public(obj))
        obj.reindexObjectSecurity()
    elif IAnnex.providedBy(obj):
        sync_annex(obj)
