"""On every faceted page: the script that mends eea.facetednavigation's and the
collection widget's markup for WCAG 2.1 AA (see ``static/faceted-a11y.js``)."""

from communesplone.core import _
from html import escape
from plone import api
from plone.app.layout.viewlets.common import ViewletBase
from zope.i18n import translate


class FacetedAccessibilityViewlet(ViewletBase):
    def index(self):
        url = escape(f"{api.portal.get().absolute_url()}"
                     "/++resource++communesplone.core/faceted-a11y.js", quote=True)
        apply = escape(translate(_("faceted_apply_filter", default="Apply"),
                                 context=self.request), quote=True)
        return f'<script src="{url}" data-apply="{apply}" defer></script>'
