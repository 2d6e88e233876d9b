"""Setup handlers of communesplone.directory."""

from plone import api
from plone.base.interfaces import INonInstallable
from zope.interface import implementer

TYPES = ("BusinessDirectory", "Business")
WORKFLOW = "communesplone_business_workflow"


@implementer(INonInstallable)
class HiddenProfiles:
    def getNonInstallableProfiles(self):
        """Hide the uninstall profile from the add-ons control panel."""
        return ["communesplone.directory:uninstall"]


def post_install(context):
    """The moderators' group must exist (core creates the shared groups)."""
    from communesplone.core.groups import ensure_shared_groups

    ensure_shared_groups()


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
