"""On every faceted page: the script that mends eea.facetednavigation's and the
collection widget's markup for WCAG 2.1 AA (see ``static/faceted-a11y.js``)."""

from html import escape
from plone import api
from plone.app.layout.viewlets.common import ViewletBase


class FacetedAccessibilityViewlet(ViewletBase):
    def index(self):
        url = escape(f"{api.portal.get().absolute_url()}"
                     "/++resource++communesplone.core/faceted-a11y.js", quote=True)
        return f'<script src="{url}" defer></script>'
