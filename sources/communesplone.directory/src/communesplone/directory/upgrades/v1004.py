"""1003 -> 1004: rejecting an entry from the status menu opens the reason form."""

from communesplone.core.transitionforms import point_to_form
from plone import api


def transition_forms(setup_tool):
    workflow = api.portal.get_tool("portal_workflow").get("communesplone_business_workflow")
    if workflow is not None:
        point_to_form(workflow, ("reject",))
