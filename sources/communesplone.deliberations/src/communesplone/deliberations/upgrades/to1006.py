"""1006: a decided item's correction form is in the toolbar's Actions menu."""


def upgrade(setup_tool):
    """Import the profile's actions (one new object button; nothing else changes)."""
    setup_tool.runImportStepFromProfile("profile-communesplone.deliberations:default",
                                        "actions", run_dependencies=False)
