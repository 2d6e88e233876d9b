"""Setup handlers of communesplone.core."""

from communesplone.core.groups import ensure_shared_groups
from plone.base.interfaces import INonInstallable
from zope.interface import implementer


@implementer(INonInstallable)
class HiddenProfiles:
    def getNonInstallableProfiles(self):
        """Hide the uninstall profile from the add-ons control panel."""
        return ["communesplone.core:uninstall"]


def post_install(context):
    """Create the shared staff groups (idempotent)."""
    ensure_shared_groups()
