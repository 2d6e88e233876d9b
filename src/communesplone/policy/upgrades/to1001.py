"""1001: the accessibility bundle (WCAG 2.1 AA fixes of Plone's chrome)."""


def upgrade(setup_tool):
    setup_tool.runImportStepFromProfile("profile-communesplone.policy:default",
                                        "plone.app.registry")
