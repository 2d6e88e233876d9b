"""Setup handlers of communesplone.core."""

from communesplone.core.groups import ensure_shared_groups
from communesplone.core.languages import apply_commune_languages
from communesplone.core.sessions import configure_sessions
from communesplone.core.translations import enable_translations
from communesplone.core.limits import store as limits_store
from communesplone.core.logins import install as install_login_guard
from plone import api
from plone.base.interfaces import INonInstallable
from plone.registry import field
from plone.registry import Record
from zope.interface import implementer


@implementer(INonInstallable)
class HiddenProfiles:
    def getNonInstallableProfiles(self):
        """Hide the uninstall profile from the add-ons control panel."""
        return ["communesplone.core:uninstall"]


#: The preset (profiles/*.toml) a site was created from; read by communesplone.policy
#: to install its add-ons. Set by ``communesplone sites create``.
SITE_PRESET = "communesplone.core.site_preset"


def ensure_site_preset(registry, default="commune"):
    """The site-preset record, made once: re-importing registry.xml would set a
    record it declares back to the file's value."""
    if SITE_PRESET not in registry.records:
        registry.records[SITE_PRESET] = Record(
            field.TextLine(title="Site preset", required=False), default)


def post_install(context):
    """Create the shared staff groups, serve the commune's languages, give the
    add-ons' types already installed their translations, make sessions end at
    logout (idempotent)."""
    ensure_site_preset(api.portal.get_tool("portal_registry"))
    ensure_shared_groups()
    apply_commune_languages()
    enable_translations(api.portal.get_tool("portal_types"))
    limits_store(api.portal.get())  # the abuse limits' counters (limits.py)
    install_login_guard(api.portal.get_tool("acl_users"))  # failed logins (logins.py)
    configure_sessions()


def remove_types_and_workflows(types, workflows):
    """What an add-on's uninstall leaves behind otherwise: its types, its workflows,
    and its types' chains (back to the default one)."""
    site = api.portal.get()
    type_tool = site.portal_types
    for name in types:
        if name in type_tool.objectIds():
            type_tool.manage_delObjects([name])
    workflow_tool = site.portal_workflow
    for workflow in workflows:
        if workflow in workflow_tool.objectIds():
            workflow_tool.manage_delObjects([workflow])
    for name in types:
        workflow_tool.setChainForPortalTypes([name], "(Default)")
