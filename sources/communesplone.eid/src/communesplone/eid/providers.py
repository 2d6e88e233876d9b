"""The eID card as an identity provider for the step-up page (``IIdentityProviderSource``)."""

from communesplone.core.assurance import IdentityProviderInfo
from communesplone.core.assurance import IIdentityProviderSource
from communesplone.eid.members import get_plugin
from communesplone.eid.plugin import PLUGIN_ID
from communesplone.eid.plugin import PROVIDER_ID
from communesplone.eid.plugin import provider_title
from Products.PluggableAuthService.interfaces.plugins import IAuthenticationPlugin
from Products.PluggableAuthService.interfaces.plugins import IExtractionPlugin
from zope.interface import implementer


def is_active(site):
    """Whether the eID plugin is installed in ``site`` and active for extraction and
    authentication."""
    plugin = get_plugin(site)
    if plugin is None:
        return False
    registry = plugin._getPAS().plugins
    return all(
        PLUGIN_ID in registry.listPluginIds(interface)
        for interface in (IExtractionPlugin, IAuthenticationPlugin)
    )


@implementer(IIdentityProviderSource)
class EidProviderSource:
    """One provider, "Belgian eID card" (level high), on the sites where the plugin is active."""

    def providers(self, site):
        if not is_active(site):
            return ()
        return (
            IdentityProviderInfo(
                id=PROVIDER_ID,
                title=provider_title(),
                level="high",
                login_url=f"{site.absolute_url()}/@@eid-login",
            ),
        )
