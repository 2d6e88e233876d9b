"""1003: a citizen who owns one of their orders can neither share it (local
roles) nor change its properties or display: the workflow manages those per state."""

from communesplone.core.rolemappings import update_role_mappings

WORKFLOW = "communesplone_documentorder_workflow"


def upgrade(setup_tool):
    """Import the workflow again and apply it to the orders already made."""
    setup_tool.runImportStepFromProfile("profile-communesplone.eguichet:default", "workflow",
                                        run_dependencies=False)
    update_role_mappings(WORKFLOW)
