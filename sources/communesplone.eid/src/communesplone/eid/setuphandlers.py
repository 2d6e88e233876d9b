"""Setup handlers of communesplone.eid: the PAS plugin, the secrets, the trust anchors."""

from communesplone.eid import logger
from communesplone.eid.certificates import fingerprint_sha256
from communesplone.eid.certificates import load_trust_directory
from communesplone.eid.interfaces import PREFIX
from communesplone.eid.plugin import PLUGIN_ID
from communesplone.eid.plugin import PLUGIN_INTERFACES
from communesplone.eid.plugin import EidPlugin
from communesplone.eid.plugin import manage_addEidPlugin
from communesplone.eid.verification import clear_caches
from cryptography.hazmat.primitives.serialization import Encoding
from plone import api
from plone.base.interfaces import INonInstallable
from Products.PluggableAuthService.interfaces.plugins import IChallengePlugin
from Products.PluggableAuthService.interfaces.plugins import IPropertiesPlugin
from zope.interface import implementer

import secrets


@implementer(INonInstallable)
class HiddenProfiles:
    def getNonInstallableProfiles(self):
        """Hide the uninstall profile from the add-ons control panel."""
        return ["communesplone.eid:uninstall"]


def pem_bundle(certificates):
    """A PEM bundle with a readable line (subject, fingerprint) above each certificate."""
    parts = []
    for certificate in certificates:
        parts.append(
            f"# {certificate.subject.rfc4514_string()}\n"
            f"# SHA-256 {fingerprint_sha256(certificate)}\n"
            + certificate.public_bytes(Encoding.PEM).decode("ascii")
        )
    return "\n".join(parts)


def install_plugin(site):
    """Add the plugin to ``acl_users`` and activate its interfaces (idempotent).

    The challenger goes first: it only acts when asked to (a request flag or
    the eID-only login setting) and otherwise returns False, letting Plone's
    login form challenge; after Plone's cookie challenger, which always
    answers, it could never act. The properties provider goes first too, so
    the name read from the card is the member's name.
    """
    pas = site.acl_users
    plugin = pas._getOb(PLUGIN_ID, None)
    if plugin is not None and not isinstance(plugin, EidPlugin):
        raise ValueError(f"acl_users/{PLUGIN_ID} exists and is not the eID plugin")
    if plugin is None:
        plugin = manage_addEidPlugin(pas, PLUGIN_ID, title="Belgian eID card")
    registry = pas.plugins
    for interface in PLUGIN_INTERFACES:
        if PLUGIN_ID not in registry.listPluginIds(interface):
            registry.activatePlugin(interface, PLUGIN_ID)
    for interface in (IChallengePlugin, IPropertiesPlugin):
        registry.movePluginsTop(interface, [PLUGIN_ID])
    return plugin


def _fill_registry():
    def empty(name):
        return not api.portal.get_registry_record(f"{PREFIX}.{name}", default=None)

    if empty("proxy_secret"):
        api.portal.set_registry_record(f"{PREFIX}.proxy_secret", secrets.token_urlsafe(32))
    if empty("trust_anchors") or empty("intermediate_certificates"):
        roots, intermediates = load_trust_directory()
        if empty("trust_anchors"):
            api.portal.set_registry_record(f"{PREFIX}.trust_anchors", pem_bundle(roots))
        if empty("intermediate_certificates"):
            api.portal.set_registry_record(
                f"{PREFIX}.intermediate_certificates", pem_bundle(intermediates)
            )


def post_install(context):
    """The plugin, the proxy secret and the shipped Belgian trust anchors (idempotent)."""
    site = api.portal.get()
    install_plugin(site)
    _fill_registry()
    clear_caches()
    logger.info("eID plugin installed in %s", "/".join(site.getPhysicalPath()))


def uninstall(context):
    """Remove the plugin: its links to members and its secret go with it."""
    site = api.portal.get()
    pas = site.acl_users
    if PLUGIN_ID in pas.objectIds():
        pas._delObject(PLUGIN_ID)  # PAS also deactivates it everywhere
    clear_caches()
