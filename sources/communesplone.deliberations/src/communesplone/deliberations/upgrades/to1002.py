"""1001 → 1002: state titles that translate apart from other words.

Plone translates a state title by its English text in the ``plone`` domain,
where every add-on and Plone itself share the msgids:

- a rejected agenda item was "Refused", as a refused booking: French could not
  say "Rejeté" of the one and "Refusée" of the other; it is now
  "Rejected by the assembly";
- a new meeting or item was "Created", the word Plone and the staff dashboards
  use for a creation date; it is now "In preparation".

Only titles change: the state ids, their permissions and the content stay.
"""

from communesplone.deliberations import logger
from plone import api

TITLES = {
    "communesplone_meetingitem_workflow": {"refused": "Rejected by the assembly",
                                           "created": "In preparation"},
    "communesplone_meeting_workflow": {"created": "In preparation"},
}


def upgrade(context=None):
    """Give the states their new titles."""
    tool = api.portal.get_tool("portal_workflow")
    for workflow_id, titles in TITLES.items():
        workflow = tool.getWorkflowById(workflow_id)
        if workflow is None:
            continue
        for state_id, title in titles.items():
            if state_id in workflow.states:
                workflow.states[state_id].title = title
        logger.info("State titles of %s: %s", workflow_id, titles)
