"""Plone's listings (a folder's ``listing_view``, collections, search results) show
the titles and descriptions of content with the ``communesplone.translations``
behavior in the visitor's language.

Plone's list templates read ``item.Title()`` on a content-listing object made from
each catalog brain; core registers this subclass for brains in the site's own
component registry (``componentregistry.xml``), so only sites with
communesplone.core installed get it and uninstalling removes it.
"""

from communesplone.core.languages import translated_description
from communesplone.core.languages import translated_title
from plone.app.contentlisting.catalog import CatalogContentListingObject


class TranslatedListingObject(CatalogContentListingObject):
    """A brain in a listing, its title and description in the request's language
    (the brain's own when the item has none in that language)."""

    def Title(self):
        return translated_title(self._brain)

    def Description(self):
        return translated_description(self._brain)
