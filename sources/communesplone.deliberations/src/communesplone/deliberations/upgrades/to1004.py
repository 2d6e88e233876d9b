"""1003 → 1004: the history of meetings and items lists every transition again.

The two workflows stored their ``review_history`` variable in each history
entry: Plone then read the history from the *last* entry, that is the history
as it was *before* the last transition, so a frozen meeting showed only its
creation. The variable is now computed from the workflow history (as in
Plone's own workflows) and the copies stored in existing entries are dropped
(each held the whole history before it). The entries themselves, with who did
what and when, stay as they are.
"""

from communesplone.deliberations import logger
from plone import api

WORKFLOWS = ("communesplone_meeting_workflow", "communesplone_meetingitem_workflow")


def fix_variables(tool):
    for workflow_id in WORKFLOWS:
        workflow = tool.getWorkflowById(workflow_id)
        if workflow is not None and "review_history" in workflow.variables:
            variable = workflow.variables["review_history"]
            variable.for_status = 0
            variable.update_always = 0


def strip_entries(obj):
    """Drop the stored ``review_history`` copies from ``obj``'s entries; True if any was."""
    history = getattr(obj, "workflow_history", None) or {}
    changed = False
    for workflow_id in WORKFLOWS:
        entries = history.get(workflow_id)
        if not entries or not any("review_history" in entry for entry in entries):
            continue
        history[workflow_id] = tuple(
            {key: value for key, value in entry.items() if key != "review_history"}
            for entry in entries)
        changed = True
    return changed


def upgrade(context=None):
    tool = api.portal.get_tool("portal_workflow")
    fix_variables(tool)
    catalog = api.portal.get_tool("portal_catalog")
    count = 0
    for brain in catalog.unrestrictedSearchResults(portal_type=["Meeting", "MeetingItem"]):
        if strip_entries(brain._unrestrictedGetObject()):
            count += 1
    logger.info("Workflow history of %s meetings and items: stored copies dropped", count)
