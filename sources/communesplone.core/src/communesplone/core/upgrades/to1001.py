"""1001: staff dashboards (the Dashboard type, collection widget fixes)."""

from plone import api
from plone.base.utils import get_installer


def upgrade(setup_tool):
    """Install the collection widget, then core's new types, registry and rolemap."""
    installer = get_installer(api.portal.get())
    if not installer.is_product_installed("collective.eeafaceted.collectionwidget"):
        installer.install_product("collective.eeafaceted.collectionwidget")
    for step in ("typeinfo", "plone.app.registry", "rolemap"):
        setup_tool.runImportStepFromProfile("profile-communesplone.core:default", step)
