"""The directory's public page: search form, facets, list, map (the list works without JS).

The form is a plain GET form read by the same code as ``@businesses``
(:mod:`communesplone.directory.search`); the map (Leaflet, OpenStreetMap
tiles, marker clusters) is drawn by ``directory-map.js`` from the GeoJSON
export with the same filters.
"""

from communesplone.core.languages import translated_title
from communesplone.directory import _
from communesplone.directory import exports
from communesplone.directory.content.directory import IBusinessDirectory
from communesplone.directory.categories import depth
from communesplone.directory.categories import translated_leaf
from communesplone.directory.vocabularies import category_names
from communesplone.directory.dashboard import DASHBOARD_ID
from communesplone.directory.faceted import SEARCH_ID
from communesplone.core.dates import site_zone
from communesplone.directory.hours import is_open
from communesplone.directory.hours import safe_hours
from communesplone.directory.permissions import MODERATE
from communesplone.directory.search import Criteria
from communesplone.directory.search import SearchError
from communesplone.directory.search import criteria_from_form
from communesplone.directory.search import is_open_brain
from communesplone.directory.search import search
from datetime import datetime
from eea.facetednavigation.browser.app.query import FacetedQueryHandler
from plone import api
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from plone.app.layout.viewlets.common import ViewletBase
from html import escape
from urllib.parse import urlencode
from z3c.form.interfaces import IDataConverter
from zope.i18n import translate

import json

FILTERS = ("q", "category", "locality", "open_now")
#: Leaflet and its marker clusters ship with the add-on (``static/vendor``, from the
#: npm registry): the map works on an intranet and tells no third party who reads
#: the directory; only the OpenStreetMap tiles come from outside.
VENDOR = "++resource++communesplone.directory/vendor"
LEAFLET = f"{VENDOR}/leaflet-1.9.4"
MARKERCLUSTER = f"{VENDOR}/leaflet.markercluster-1.5.3"
#: at most this many markers on the faceted listing's map (a note says so beyond)
MAP_LIMIT = 5000


class MapResources:
    """Where the map's scripts and styles are (mixed into the views that draw a map)."""

    def cluster_label(self):
        """The name of a cluster of markers (a button for assistive technology: its bare
        count says nothing); ``{count}`` is filled in by the script."""
        return translate(_("directory_map_cluster",
                           default="${count} entries here: zoom in",
                           mapping={"count": "{count}"}), context=self.request)

    @property
    def leaflet(self):
        return f"{api.portal.get().absolute_url()}/{LEAFLET}"

    @property
    def markercluster(self):
        return f"{api.portal.get().absolute_url()}/{MARKERCLUSTER}"

    @property
    def picker_script(self):
        return (f"{api.portal.get().absolute_url()}"
                "/++resource++communesplone.directory/directory-location-picker.js")

    @property
    def directory_style(self):
        return (f"{api.portal.get().absolute_url()}"
                "/++resource++communesplone.directory/directory.css")

    @property
    def map_script(self):
        return (f"{api.portal.get().absolute_url()}"
                "/++resource++communesplone.directory/directory-map.js")


class DirectoryView(MapResources, BrowserView):
    index = ViewPageTemplateFile("templates/directory.pt")

    def heading(self):
        """The directory's name in the reader's language (its Translations tab)."""
        return translated_title(self.context)

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
        now = datetime.now(site_zone())
        page, self.total, self.facets = search(self.context, self.criteria, now=now)
        self.names = names = category_names(self.context)
        self.items = [{
            "url": brain.getURL(), "title": brain.Title, "description": brain.Description,
            "locality": brain.business_locality or "",
            "categories": ", ".join(most_specific(brain.business_categories or (), names)),
            "open": is_open_brain(brain, now),
        } for brain in page]
        self.json_ld = exports.script_json(exports.json_ld_summary(
            self.items, self.context.absolute_url(), self.heading()))
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
        return [{"value": category,
                 "label": "\u00a0\u00a0" * depth(category) + translated_leaf(category, self.names)
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


def most_specific(categories, names=None):
    """The last part of each category that has no sub-category among ``categories``
    (the catalog holds the parents too): "Boulangerie", not "Commerce, Alimentation,
    Boulangerie"; in the page's language with ``names`` (``category_names``)."""
    categories = list(categories)
    kept = [c for c in categories if not any(o.startswith(f"{c} > ") for o in categories)]
    return list(dict.fromkeys(translated_leaf(c, names or {}) for c in kept))


class FacetedRows(BrowserView):
    """What the faceted listing's result list shows of each entry (catalog metadata only):
    name, categories (their last part), locality, open or closed now in words, and a
    thumbnail only when the entry has a logo (``image_scales`` metadata)."""

    def rows(self, brains):
        now = datetime.now(site_zone())
        opened = translate(_("directory_open_now", default="Open now"), context=self.request)
        closed = translate(_("directory_closed_now", default="Closed now"),
                           context=self.request)
        names = category_names(self.context)
        rows = []
        for brain in brains:
            url = brain.getURL()
            scales = getattr(brain, "image_scales", None) or {}
            hours = safe_hours(brain.business_hours or "")
            has_hours = any(hours.weekly)
            open_now = has_hours and is_open(hours, now)
            rows.append({
                "url": url, "title": brain.Title,
                "categories": ", ".join(most_specific(brain.business_categories or (), names)),
                "locality": brain.business_locality or "",
                "thumb": f"{url}/@@images/logo/thumb" if scales.get("logo") else None,
                "status": (opened if open_now else closed) if has_hours else "",
                "status_class": "directory-result-status " + (
                    "is-open" if open_now else "is-closed"),
            })
        return rows

    def pager(self, batch):
        """The pages of the result list in words: "Page précédente", 1, 2, "Page
        suivante" (Plone's batch bar says "Next 8 item(s)"). eea's script follows
        every ``.pagination a`` by its ``b_start:int`` (the results come by XHR)."""
        numpages = getattr(batch, "numpages", 1) or 1
        if numpages <= 1:
            return None
        size, current = batch.pagesize, batch.pagenumber
        base = self.context.absolute_url()

        def url(number):
            return f"{base}?b_start:int={(number - 1) * size}"

        return {
            "previous": url(current - 1) if current > 1 else None,
            "next": url(current + 1) if current < numpages else None,
            "pages": [{"number": number, "url": url(number), "current": number == current}
                      for number in range(1, numpages + 1)],
        }

    def count_label(self, batch):
        total = getattr(batch, "sequence_length", None)
        if total is None:
            total = len(batch)
        return translate(_("directory_results_count", default="${count} entries found",
                           mapping={"count": total}), context=self.request)


class PlainListLink(ViewletBase):
    """On the faceted listing: the link back to the directory's page (works without JS)."""

    def index(self):
        label = translate(_("directory_plain_list_link",
                            default="Simple list (works without JavaScript)"),
                          context=self.request)
        url = escape(self.context.aq_parent.absolute_url(), quote=True)
        return f'<p class="directory-plain-link"><a href="{url}">{escape(label)}</a></p>'


class FacetedMapViewlet(MapResources, ViewletBase):
    """Below the faceted listing: its map, redrawn after each faceted query."""

    index = ViewPageTemplateFile("templates/faceted-map.pt")

    def geojson_url(self):
        return f"{self.context.absolute_url()}/@@faceted-geojson"

    def download_url(self):
        return f"{self.context.aq_parent.absolute_url()}/@@export-geojson"

    @property
    def search_script(self):
        return (f"{api.portal.get().absolute_url()}"
                "/++resource++communesplone.directory/directory-search.js")

    def active_filters_label(self):
        """How many filters are chosen, beside the "Filters" button ({count}: the script)."""
        return translate(_("directory_filters_active", default="(${count} active)",
                           mapping={"count": "{count}"}), context=self.request)

    def truncated_note(self):
        """The note shown when the map holds fewer markers than results ({shown}, {total}
        are filled in by the script)."""
        return translate(_("directory_map_truncated",
                           default="The map shows the first ${shown} of ${total} entries: "
                                   "narrow the search to see them all.",
                           mapping={"shown": "{shown}", "total": "{total}"}),
                         context=self.request)


class FacetedGeoJSON(BrowserView):
    """The faceted listing's current results as GeoJSON (RFC 7946), for its map.

    The request carries the faceted query (``c1``, ``c2[]``, …) as the listing
    sends it to ``@@faceted_query``; eea.facetednavigation's own query handler
    reads it, so the map and the list always agree, and the listing's
    restriction (published entries of this directory) applies to both. Built
    from the catalog's metadata only; at most :data:`MAP_LIMIT` features, with
    the foreign members ``total`` and ``truncated`` (RFC 7946 section 6.1).
    """

    def features(self):
        self.request.form.pop("b_start", None)
        self.request.form.pop("b_start[]", None)
        brains = FacetedQueryHandler(self.context, self.request).query(batch=False)
        brains = list(brains) if brains else []
        now = datetime.now(site_zone())
        shown = brains[:MAP_LIMIT]
        collection = exports.to_geojson(
            [exports.brain_record(brain, is_open_brain(brain, now)) for brain in shown])
        collection["total"] = len(brains)
        collection["truncated"] = len(brains) > len(shown)
        return collection

    def __call__(self):
        body = json.dumps(self.features(), ensure_ascii=False)
        self.request.response.setHeader("Content-Type", "application/geo+json")
        self.request.response.setHeader("Cache-Control", "no-store")
        return body.encode("utf-8")


def coordinate_widgets(view):
    """The latitude and longitude widgets of the form ``view`` shows (or ``None``):
    the add and edit forms of an entry (where they are in the "Address" group) and
    the proposal form."""
    form = getattr(view, "form_instance", None) or view
    found = {}
    for holder in [form, *(getattr(form, "groups", None) or ())]:
        widgets = getattr(holder, "widgets", None)
        if not widgets:
            continue
        for name in ("latitude", "longitude"):
            if name in widgets:
                found[name] = widgets[name]
    if len(found) != 2:
        return None
    return found["latitude"], found["longitude"]


def map_center(directory):
    """Where the location picker opens on a new entry: the middle of the directory's
    first 200 published entries that have coordinates (catalog metadata only), or
    the middle of Belgium."""
    brains = api.content.find(context=directory, depth=1, portal_type="Business",
                              review_state="published", business_latitude={
                                  "query": (-90, 90), "range": "min:max"},
                              sort_limit=200)[:200]
    points = [(b.business_latitude, b.business_longitude) for b in brains
              if b.business_latitude is not None and b.business_longitude is not None]
    if not points:
        return 50.5, 4.47, 8
    return (sum(p[0] for p in points) / len(points),
            sum(p[1] for p in points) / len(points), 12)


class LocationPickerViewlet(MapResources, ViewletBase):
    """Under an entry's add, edit or proposal form: a map where a click (or moving
    the marker) fills in the latitude and longitude fields. The fields stay the
    way in: they can be typed, and the map follows what is typed."""

    index = ViewPageTemplateFile("templates/location-picker.pt")

    def update(self):
        super().update()
        self.widgets = coordinate_widgets(self.view)

    def render(self):
        return self.index() if self.widgets else ""

    def settings(self):
        latitude, longitude = self.widgets
        directory = self.context if IBusinessDirectory.providedBy(self.context) \
            else self.context.aq_parent
        lat, lon, zoom = map_center(directory)
        # the decimal separator the form's number fields use in this language
        sample = IDataConverter(latitude).toWidgetValue(1.5)
        return {
            "data-latitude": latitude.id, "data-longitude": longitude.id,
            "data-decimal": "," if "," in str(sample) else ".",
            "data-center": f"{lat:.6f},{lon:.6f}", "data-zoom": str(zoom),
        }
