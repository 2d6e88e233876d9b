"""Downloads: ``@@export-csv``, ``@@export-xlsx``, ``@@export-vcard``, ``@@export-geojson``
of an entry or a whole directory, and ``@@export-jsonld`` (schema.org) of both.

A directory's export holds its published entries only, whoever asks (it is the
open data); an entry's export needs the right to view that entry.
"""

from communesplone.core.spreadsheets import XLSX_MIMETYPE
from communesplone.directory import exports
from communesplone.core.dates import site_zone
from communesplone.directory.search import Criteria
from communesplone.directory.search import SearchError
from communesplone.directory.search import criteria_from_form
from communesplone.directory.search import is_open_brain
from communesplone.directory.search import search
from datetime import datetime
from plone import api
from Products.Five.browser import BrowserView

import json

MIMETYPES = {
    "csv": ("text/csv; charset=utf-8", "csv"),
    "xlsx": (XLSX_MIMETYPE, "xlsx"),
    "vcard": ("text/vcard; charset=utf-8", "vcf"),
    "geojson": ("application/geo+json", "geojson"),
    "jsonld": ("application/ld+json", "jsonld"),
}


def published_brains(directory):
    """The directory's published entries, by title (catalog security applies too)."""
    return api.content.find(
        context=directory, depth=1, portal_type="Business", review_state="published",
        sort_on="sortable_title")


class ExportView(BrowserView):
    """Base: the view's name ``export-<kind>`` gives one of :data:`MIMETYPES`."""

    @property
    def kind(self):
        return self.__name__.rsplit("-", 1)[-1]

    def records(self):
        raise NotImplementedError

    def body(self):
        if self.kind == "csv":
            return exports.to_csv(self.records())
        if self.kind == "xlsx":
            return exports.to_xlsx(self.records(), title=self.context.Title())
        if self.kind == "vcard":
            return exports.to_vcards(self.records())
        if self.kind == "geojson":
            return json.dumps(self.geojson(), ensure_ascii=False)
        raise NotImplementedError(self.kind)

    def geojson(self):
        return exports.to_geojson(self.records())

    def __call__(self):
        mimetype, extension = MIMETYPES[self.kind]
        body = self.body()
        response = self.request.response
        response.setHeader("Content-Type", mimetype)
        response.setHeader("Content-Disposition",
                           f'attachment; filename="{self.context.getId()}.{extension}"')
        response.setHeader("Access-Control-Allow-Origin", "*")
        return body if isinstance(body, bytes) else body.encode("utf-8")


class BusinessExport(ExportView):
    def records(self):
        return [exports.record(self.context)]

    def body(self):
        if self.kind == "jsonld":
            language = api.portal.get_current_language()
            return json.dumps(exports.json_ld(exports.record(self.context), language),
                              ensure_ascii=False)
        return super().body()


class DirectoryExport(ExportView):
    def records(self):
        return [exports.record(brain.getObject()) for brain in published_brains(self.context)]

    def body(self):
        if self.kind == "jsonld":
            return json.dumps(exports.json_ld_list(self.records(), self.context.absolute_url(),
                                                   self.context.Title()), ensure_ascii=False)
        return super().body()

    def geojson(self):
        """From the catalog's metadata only (the map's source stays fast); the listing's
        filters (``category``, ``locality``, ``q``, ``open_now``, ``bbox``) apply."""
        now = datetime.now(site_zone())
        try:
            criteria = criteria_from_form(self.request.form)
        except SearchError:
            criteria = Criteria()
        criteria.b_start, criteria.b_size = 0, 10**7
        brains, _total, _facets = search(self.context, criteria, now=now, facets=False)
        return exports.to_geojson(
            [exports.brain_record(brain, is_open_brain(brain, now)) for brain in brains])
