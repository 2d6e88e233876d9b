"""Plone names who made a page to every logged-in person: the "by <name> — last
modified" line under a title, and ``<link rel="author" href="…/author/<user id>">``
in the page's head.

On a commune site most logged-in people are citizens, and who made a page is the
administration's business; a citizen's name or user id must never be read there by
another (see ``communesplone.core.containers``). Staff are those who see the editing
toolbar. A logged-in citizen sees the byline as an anonymous visitor does.
"""

from plone import api
from plone.app.contenttypes.browser import folder
from plone.app.contenttypes.browser.folder import FolderView
from plone.app.layout.links.viewlets import AuthorViewlet
from plone.app.layout.viewlets.content import DocumentBylineViewlet
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile

import os


def _staff(context):
    return api.user.has_permission("Show Toolbar", obj=context)


class StaffBylineViewlet(DocumentBylineViewlet):
    def show(self):
        """A citizen reads a page as an anonymous visitor does: without the "last
        modified 02-12-2026" line (a date in figures, of the administration's work)."""
        return super().show() and (self.anonymous or _staff(self.context))

    def show_about(self):
        return super().show_about() and _staff(self.context)


class StaffAuthorLinkViewlet(AuthorViewlet):
    def show(self):
        return super().show() and _staff(self.context)


class StaffAboutListingView(FolderView):
    """Plone's ``listing_view`` (its own template) where each entry's "— last modified
    02-12-2026 08:09" line is for staff only, as the byline above."""

    index = ViewPageTemplateFile("templates/listing.pt",
                                 _prefix=os.path.dirname(folder.__file__))

    def __call__(self):
        return self.index()

    def __getitem__(self, name):
        """``@@listing_view/macros/content-core`` as Plone's summary and tabular views
        use it (a view registered with a template has this; ours is a class)."""
        if name == "macros":
            return self.index.macros
        return self.index.macros[name]

    @property
    def macros(self):
        """Plone's ``full_view`` reuses the listing's macros
        (``context/@@listing_view/macros``): without them it failed (500) on every folder."""
        return self.index.macros

    @property
    def show_about(self):
        return super().show_about and (self.isAnon or _staff(self.context))
