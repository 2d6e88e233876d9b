"""1003: the news and events folders (plain Folders) titled in each language the
commune serves, as the add-ons' folders beside them in the main navigation."""

from communesplone.core.translations import enable_translations
from communesplone.policy.structure import translate_folders
from plone import api


def upgrade(setup_tool):
    """Folder gets the translations behavior (its content stays as it is), the
    dashboards too (the directory's search page); the two folders get their titles."""
    setup_tool.runImportStepFromProfile("profile-communesplone.policy:default", "typeinfo")
    enable_translations(api.portal.get_tool("portal_types"))
    translate_folders()
