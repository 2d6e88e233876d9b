"""1006: the administration's opening hours in each language the commune serves."""


def upgrade(setup_tool):
    """Add the ``opening_hours_<language>`` records; the hours already set stay and are
    still shown in every language until a translation is filled in."""
    setup_tool.runImportStepFromProfile("profile-communesplone.core:default",
                                        "plone.app.registry")
