"""1004: refusing or cancelling a booking from the status menu opens the reason form."""

from communesplone.core.transitionforms import point_to_form
from plone import api


def upgrade(setup_tool):
    workflow = api.portal.get_tool("portal_workflow").get("communesplone_booking_workflow")
    if workflow is not None:
        point_to_form(workflow, ("refuse", "cancel"))
