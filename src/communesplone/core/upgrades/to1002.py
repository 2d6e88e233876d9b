"""1002: the commune's closing days (``communesplone.core.closing_days``)."""


def upgrade(setup_tool):
    """Add the new records of the "Commune" settings, keeping the values already set."""
    setup_tool.runImportStepFromProfile("profile-communesplone.core:default",
                                        "plone.app.registry")
