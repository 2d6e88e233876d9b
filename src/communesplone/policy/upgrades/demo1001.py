"""Demo profile 1001: the demo mailbox in Site Setup (demo sites only)."""


def upgrade(setup_tool):
    setup_tool.runImportStepFromProfile("profile-communesplone.policy:demo", "controlpanel")
