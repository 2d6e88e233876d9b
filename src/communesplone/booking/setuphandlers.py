"""Setup handlers of communesplone.booking."""

from plone import api
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
    site = api.portal.get()
    types = site.portal_types
    for name in TYPES:
        if name in types.objectIds():
            types.manage_delObjects([name])
    workflows = site.portal_workflow
    if WORKFLOW in workflows.objectIds():
        workflows.manage_delObjects([WORKFLOW])
    for name in TYPES:
        workflows.setChainForPortalTypes([name], "(Default)")
