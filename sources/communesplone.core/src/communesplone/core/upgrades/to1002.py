"""1002: the commune's closing days (``communesplone.core.closing_days``); the
faceted scripts load in the page's order (not "async")."""


def upgrade(setup_tool):
    """Add the new records of the "Commune" settings (keeping the values already set)
    and the faceted bundles' loading order."""
    setup_tool.runImportStepFromProfile("profile-communesplone.core:default",
                                        "plone.app.registry")
