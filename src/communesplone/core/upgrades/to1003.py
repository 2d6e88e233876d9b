"""1003: the commune's identity on its pages (colour, opening hours, legal pages;
its logo and name in the header, its footer instead of Plone's)."""

from plone import api

PRESET = "communesplone.core.site_preset"


def upgrade(setup_tool):
    """Add the new "Commune" records (the values already set stay), the theme
    bundle, and the header and footer viewlets.

    ``registry.xml`` gives the site preset a value ("commune"): importing it again
    would forget the preset a site was made from, so it is put back.
    """
    preset = api.portal.get_registry_record(PRESET, default=None)
    for step in ("plone.app.registry", "viewlets"):
        setup_tool.runImportStepFromProfile("profile-communesplone.core:default", step)
    if preset:
        api.portal.set_registry_record(PRESET, preset)
