"""Setup handlers of communesplone.deliberations."""

from communesplone.core.setuphandlers import remove_types_and_workflows
from plone import api
from plone.base.interfaces import INonInstallable
from zope.annotation.interfaces import IAnnotations
from zope.interface import implementer

TYPES = ("Assembly", "Meeting", "MeetingItem", "Annex")
ROLES = ("Adviser",)
WORKFLOWS = ("communesplone_meetingitem_workflow", "communesplone_meeting_workflow")


@implementer(INonInstallable)
class HiddenProfiles:
    def getNonInstallableProfiles(self):
        """Hide the uninstall profile from the add-ons control panel."""
        return ["communesplone.deliberations:uninstall"]


def uninstall(setup_tool):
    """Remove the types, the workflows and the register (the uninstall profile's post handler).

    Assemblies' member groups stay: they may hold people a commune still needs.
    """
    remove_types_and_workflows(TYPES, WORKFLOWS)
    site = api.portal.get()
    roles = [role for role in ROLES if role in site.valid_roles()]
    if roles:
        site._delRoles(roles)
    annotations = IAnnotations(site)
    for key in ("communesplone.deliberations.register",
                "communesplone.deliberations.register_by_hash"):
        annotations.pop(key, None)
