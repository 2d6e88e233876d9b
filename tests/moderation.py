"""Helpers of the "no moderation bypass" tests: what a citizen who owns an item
may do with it in each state of its workflow (imported by name: tests/ is on sys.path)."""

from plone import api
from Products.DCWorkflow.utils import modifyRolesForPermission

#: What an owner never holds on what they asked for: their own roles on it, its
#: deletion, its Zope properties (the title too) and its display.
FORBIDDEN_TO_OWNER = (
    "Change local roles",
    "Sharing page: Delegate roles",
    "Delete objects",
    "Manage properties",
    "Modify view template",
)


def put_in_state(obj, state):
    """Put ``obj`` in ``state`` of its workflow, with that state's permissions."""
    workflow_tool = api.portal.get_tool("portal_workflow")
    [workflow] = workflow_tool.getWorkflowsFor(obj)
    status = dict(workflow_tool.getStatusOf(workflow.getId(), obj))
    status["review_state"] = state
    workflow_tool.setStatusOf(workflow.getId(), obj, status)
    workflow.updateRoleMappingsFor(obj)
    return workflow


def states_of(obj):
    [workflow] = api.portal.get_tool("portal_workflow").getWorkflowsFor(obj)
    return sorted(workflow.states.objectIds())


def owner_permissions(obj, user_id):
    """The permissions of FORBIDDEN_TO_OWNER that ``user_id`` holds on ``obj``, by state."""
    held = {}
    for state in states_of(obj):
        put_in_state(obj, state)
        with api.env.adopt_user(username=user_id):
            found = [name for name in FORBIDDEN_TO_OWNER
                     if api.user.has_permission(name, obj=obj)]
        if found:
            held[state] = found
    return held


def check_upgrade(obj, profile, source, user_id):
    """An item as the workflow of ``source`` left it (its owner may share it and
    change its properties): the upgrade takes that away and reaches the last version."""
    for name in ("Change local roles", "Manage properties"):
        modifyRolesForPermission(obj, name, ["Owner", "Manager"])  # a list: acquired too
    with api.env.adopt_user(username=user_id):
        assert api.user.has_permission("Change local roles", obj=obj)
    setup_tool = api.portal.get_tool("portal_setup")
    setup_tool.setLastVersionForProfile(profile, source)
    setup_tool.upgradeProfile(profile)
    with api.env.adopt_user(username=user_id):
        held = [name for name in FORBIDDEN_TO_OWNER if api.user.has_permission(name, obj=obj)]
    assert held == []
    assert setup_tool.getLastVersionForProfile(profile) == (
        setup_tool.getVersionForProfile(profile),)
