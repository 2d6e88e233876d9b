"""Setup handlers of communesplone.eguichet."""

from communesplone.core.groups import ensure_shared_groups
from communesplone.core.setuphandlers import remove_types_and_workflows
from plone.base.interfaces import INonInstallable
from zope.interface import implementer

TYPES = ("DocumentCatalog", "DocumentType", "DocumentOrder")
WORKFLOW = "communesplone_documentorder_workflow"


@implementer(INonInstallable)
class HiddenProfiles:
    def getNonInstallableProfiles(self):
        """Hide the uninstall profile from the add-ons control panel."""
        return ["communesplone.eguichet:uninstall"]


def post_install(setup_tool):
    """The service groups that process orders exist (core creates them; idempotent)."""
    ensure_shared_groups()


def uninstall(setup_tool):
    """Remove the types and the workflow (the uninstall profile's post handler)."""
    remove_types_and_workflows(TYPES, [WORKFLOW])
