"""Plone's "by <name> — last modified" line under a title, names for staff only.

Plone shows the creators' names to every logged-in person. On a commune site most
logged-in people are citizens, and who made a page is the administration's
business; a citizen's name must never be read there by another (see
``communesplone.core.containers``). Staff are those who see the editing toolbar.
"""

from plone import api
from plone.app.layout.viewlets.content import DocumentBylineViewlet


class StaffBylineViewlet(DocumentBylineViewlet):
    def show_about(self):
        return super().show_about() and api.user.has_permission("Show Toolbar",
                                                                 obj=self.context)
