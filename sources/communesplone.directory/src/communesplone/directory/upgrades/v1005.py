"""1005: a citizen who owns one of their directory entries can neither share it (local
roles) nor change its properties or display: the workflow manages those per state."""

from communesplone.core.rolemappings import update_role_mappings

WORKFLOW = "communesplone_business_workflow"


def upgrade(setup_tool):
    """Import the workflow again and apply it to the directory entries already made."""
    setup_tool.runImportStepFromProfile("profile-communesplone.directory:default", "workflow",
                                        run_dependencies=False)
    update_role_mappings(WORKFLOW)
