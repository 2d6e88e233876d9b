"""1010: the licence of the commune's open data (Commune control panel, "Open data"),
given by OParl as ``license``; CC BY 4.0 unless the commune chooses otherwise."""


def upgrade(setup_tool):
    """Add the ``open_data_license`` record with its default; records already set keep
    their values (plone.app.registry's import only adds what is missing)."""
    setup_tool.runImportStepFromProfile("profile-communesplone.core:default",
                                        "plone.app.registry")
