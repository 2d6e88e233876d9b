"""1002: rejecting or delivering an order from the status menu opens its form (reason,
PDF); the payment is confirmed by one action, "Mark paid", which records it."""

from communesplone.core.transitionforms import point_to_form
from plone import api


def upgrade(setup_tool):
    workflow = api.portal.get_tool("portal_workflow").get(
        "communesplone_documentorder_workflow")
    if workflow is None:
        return
    point_to_form(workflow, ("reject", "deliver"))
    confirm = workflow.transitions.get("confirm_payment")
    if confirm is not None:
        confirm.title = "Mark paid"
        confirm.actbox_name = "Mark paid"
