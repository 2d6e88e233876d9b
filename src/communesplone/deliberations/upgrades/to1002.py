"""1001 → 1002: a rejected agenda item says "Rejected by the assembly".

The state had the same English title as a refused booking ("Refused"); Plone
translates state titles by their English text in the ``plone`` domain, so one
title could not read "Rejeté" (an item) and "Refusée" (a booking) in French.
Only the title changes: the state id, its permissions and the items stay.
"""

from communesplone.deliberations import logger
from plone import api

WORKFLOW = "communesplone_meetingitem_workflow"


def upgrade(context=None):
    """Give the ``refused`` state of the item workflow its new title."""
    workflow = api.portal.get_tool("portal_workflow").getWorkflowById(WORKFLOW)
    if workflow is not None and "refused" in workflow.states:
        workflow.states["refused"].title = "Rejected by the assembly"
        logger.info("Item state 'refused' renamed 'Rejected by the assembly'")
