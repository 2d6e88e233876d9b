"""1011: the commune's name and address in each language the commune serves."""


def upgrade(setup_tool):
    """Add the ``commune_name_<language>`` and ``postal_address_<language>`` records;
    the name and address already set stay and are shown in every language until a
    translation is filled in."""
    setup_tool.runImportStepFromProfile("profile-communesplone.core:default",
                                        "plone.app.registry")
