"""1005: the commune's identity on its pages (colour, opening hours, legal pages;
its logo and name in the header, its footer instead of Plone's)."""


def upgrade(setup_tool):
    """Add the new "Commune" records (the values already set stay, and the site's
    preset too: ``registry.xml`` gives it no value), the theme bundle, and the
    header and footer viewlets."""
    for step in ("plone.app.registry", "viewlets"):
        setup_tool.runImportStepFromProfile("profile-communesplone.core:default", step)
