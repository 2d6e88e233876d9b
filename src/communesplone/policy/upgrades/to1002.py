"""1002: the commune's front page (services, news, events, contact), the services
in the main navigation, the news and events folders and the legal pages."""

from communesplone.policy.presets import PresetError
from communesplone.policy.presets import load_preset
from communesplone.policy.structure import apply_structure
from plone import api

#: The English tagline that the demo preset used to give the site.
OLD_DEMO_DESCRIPTION = "Every CommunesPlone add-on with sample content."
OLD_COMMUNE_DESCRIPTION = "Every CommunesPlone add-on, ready for the commune's own content."


def upgrade(setup_tool):
    """Browser layer, bundle, navigation types and the site structure; the site's own
    content and a front page the commune chose stay as they are."""
    for step in ("browserlayer", "plone.app.registry", "typeinfo", "catalog"):
        setup_tool.runImportStepFromProfile("profile-communesplone.policy:default", step)
    portal = api.portal.get()
    portal.portal_catalog.manage_reindexIndex(ids=["Language"])
    apply_structure(portal)
    if portal.Description() in (OLD_DEMO_DESCRIPTION, OLD_COMMUNE_DESCRIPTION):
        name = api.portal.get_registry_record("communesplone.core.site_preset", default=None)
        try:
            portal.setDescription(load_preset(name or "commune").description)
        except PresetError:
            portal.setDescription("")
