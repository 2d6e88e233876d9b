"""1003: the site serves the languages chosen in the Commune settings (language
switch, browser language), and the add-ons' types get their translated titles."""

from communesplone.core.languages import apply_commune_languages
from communesplone.core.translations import TRANSLATED_TYPES
from communesplone.core.translations import enable_translations
from plone import api


def upgrade(setup_tool):
    """Negotiation settings and the switch's style (registry), the ``language_texts``
    column, Plone's available languages from the commune's, the behavior on the
    add-ons' types; then the existing content of those types is cataloged again
    for the new column (nothing else of it changes)."""
    for step in ("plone.app.registry", "catalog", "componentregistry"):
        setup_tool.runImportStepFromProfile("profile-communesplone.core:default", step)
    apply_commune_languages()
    enable_translations(api.portal.get_tool("portal_types"))
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type=list(TRANSLATED_TYPES)):
        obj = brain._unrestrictedGetObject()
        obj.reindexObject(idxs=["getId"])  # metadata is updated with any index
