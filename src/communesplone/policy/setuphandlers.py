"""Setup handlers of communesplone.policy."""

from communesplone.policy.presets import load_preset
from communesplone.policy.sites import apply_preset
from plone import api
from plone.base.interfaces import INonInstallable
from zope.interface import implementer


@implementer(INonInstallable)
class HiddenProfiles:
    def getNonInstallableProfiles(self):
        """Only :default is offered in the add-ons control panel."""
        return ["communesplone.policy:uninstall", "communesplone.policy:demo"]


def post_install(context):
    """Install the add-ons of the site's preset (``communesplone.core.site_preset``)."""
    name = api.portal.get_registry_record("communesplone.core.site_preset", default=None)
    apply_preset(api.portal.get(), load_preset(name or "commune"))
