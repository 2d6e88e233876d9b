"""Setup handlers of communesplone.policy."""

from communesplone.policy.presets import load_preset
from communesplone.policy.sites import apply_preset
from communesplone.policy.structure import FRONT_PAGE_VIEW
from communesplone.policy.structure import apply_structure
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
    apply_structure(api.portal.get())


def post_uninstall(context):
    """Plone's folder listing again at the site root (the services page is gone)."""
    portal = api.portal.get()
    if portal.getLayout() == FRONT_PAGE_VIEW:
        portal.setLayout("listing_view")
