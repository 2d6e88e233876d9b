"""Setup handlers of communesplone.booking."""

from communesplone.core.setuphandlers import remove_types_and_workflows
from plone.base.interfaces import INonInstallable
from zope.interface import implementer

TYPES = ("ResourceFolder", "Resource", "Booking")
WORKFLOW = "communesplone_booking_workflow"


@implementer(INonInstallable)
class HiddenProfiles:
    def getNonInstallableProfiles(self):
        """Hide the uninstall profile from the add-ons control panel."""
        return ["communesplone.booking:uninstall"]


def uninstall(setup_tool):
    """Remove the types and the workflow (the uninstall profile's post handler)."""
    remove_types_and_workflows(TYPES, [WORKFLOW])
