"""The directory's public page: search form, facets, list, map (the list works without JS).

The form is a plain GET form read by the same code as ``@businesses``
(:mod:`communesplone.directory.search`); the map (Leaflet, OpenStreetMap
tiles, marker clusters) is drawn by ``directory-map.js`` from the GeoJSON
export with the same filters.
"""

from communesplone.directory import _
from communesplone.directory.categories import depth
from communesplone.directory.categories import leaf
from communesplone.directory.dashboard import DASHBOARD_ID
from communesplone.directory.faceted import SEARCH_ID
from communesplone.directory.hours import TIMEZONE
from communesplone.directory.permissions import MODERATE
from communesplone.directory.search import Criteria
from communesplone.directory.search import SearchError
from communesplone.directory.search import criteria_from_form
from communesplone.directory.search import is_open_brain
from communesplone.directory.search import search
from datetime import datetime
from plone import api
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from plone.app.layout.viewlets.common import ViewletBase
from html import escape
from urllib.parse import urlencode
from zope.i18n import translate

LEAFLET = "https://unpkg.com/leaflet@1.9.4/dist"
MARKERCLUSTER = "https://unpkg.com/leaflet.markercluster@1.5.3/dist"
FILTERS = ("q", "category", "locality", "open_now")


class DirectoryView(BrowserView):
    index = ViewPageTemplateFile("templates/directory.pt")
    leaflet = LEAFLET
    markercluster = MARKERCLUSTER

    def __call__(self):
        self.update()
        return self.index()

    def update(self):
        self.error = ""
        try:
            self.criteria = criteria_from_form(self.request.form)
        except SearchError as error:
            self.error = translate(error.message, context=self.request)
            self.criteria = Criteria()
        now = datetime.now(TIMEZONE)
        page, self.total, self.facets = search(self.context, self.criteria, now=now)
        self.items = [{
            "url": brain.getURL(), "title": brain.Title, "description": brain.Description,
            "locality": brain.business_locality or "",
            "categories": ", ".join(leaf(c) for c in brain.business_categories or ()),
            "open": is_open_brain(brain, now),
        } for brain in page]
        self.open_label = translate(_("directory_open_now", default="Open now"),
                                    context=self.request)
        self.moderator = api.user.has_permission(MODERATE, obj=self.context)
        self.dashboard_url = f"{self.context.absolute_url()}/{DASHBOARD_ID}"
        self.faceted_url = (f"{self.context.absolute_url()}/{SEARCH_ID}"
                            if SEARCH_ID in self.context.objectIds() else None)

    def _query(self, **changes):
        params = {name: self.request.form[name] for name in FILTERS
                  if self.request.form.get(name)}
        params.update(changes)
        return urlencode({key: value for key, value in params.items() if value}, doseq=True)

    def category_options(self):
        """Every category of the directory, indented by level, with its count."""
        counts = self.facets.get("category", {})
        chosen = set(self.criteria.categories)
        return [{"value": category, "label": "\u00a0\u00a0" * depth(category) + leaf(category)
                 + f" ({counts.get(category, 0)})", "selected": category in chosen}
                for category in self.context.categories or ()]

    def locality_options(self):
        counts = self.facets.get("locality", {})
        chosen = set(self.criteria.localities)
        return [{"value": name, "label": f"{name} ({count})", "selected": name in chosen}
                for name, count in sorted(counts.items())]

    def geojson_url(self):
        query = self._query()
        return f"{self.context.absolute_url()}/@@export-geojson" + (f"?{query}" if query else "")

    def pages(self):
        """Previous/next links of the list (``None`` when there is none)."""
        size, start = self.criteria.b_size, self.criteria.b_start
        base = self.context.absolute_url()
        previous = f"{base}?{self._query(b_start=max(0, start - size))}" if start > 0 else None
        following = f"{base}?{self._query(b_start=start + size)}" \
            if start + size < self.total else None
        return {"previous": previous, "next": following, "any": bool(previous or following),
                "range": f"{start + 1}–{min(start + size, self.total)}" if self.total else "0"}

    def propose_url(self):
        if not getattr(self.context, "self_registration", False):
            return None
        return f"{self.context.absolute_url()}/@@propose-business"


class PlainListLink(ViewletBase):
    """On the faceted listing: the link back to the directory's page (works without JS)."""

    def index(self):
        label = translate(_("directory_plain_list_link",
                            default="Simple list (works without JavaScript)"),
                          context=self.request)
        url = escape(self.context.aq_parent.absolute_url(), quote=True)
        script = escape(f"{api.portal.get().absolute_url()}"
                        "/++resource++communesplone.directory/directory-faceted.js", quote=True)
        return (f'<p class="directory-plain-link"><a href="{url}">{escape(label)}</a></p>'
                f'<script src="{script}" defer></script>')
