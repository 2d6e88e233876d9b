"""Setup handlers of communesplone.directory."""

from communesplone.core.setuphandlers import remove_types_and_workflows
from communesplone.core.groups import ensure_shared_groups
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

    ensure_shared_groups()


def uninstall(setup_tool):
    """Remove the types and the workflow (the uninstall profile's post handler)."""
    remove_types_and_workflows(TYPES, [WORKFLOW])
