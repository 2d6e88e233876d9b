"""``GET <directory>/@businesses``: the published entries, filtered, paged, with facets.

Parameters: ``category`` and ``locality`` (repeatable), ``q`` (full text),
``open_now=1``, ``bbox=lon1,lat1,lon2,lat2``, ``b_start``, ``b_size`` (at
most 200). Answers ``items``, ``items_total``, ``batching`` and
``facets`` (``{"category": {value: count}, "locality": {...}}``).
"""

from communesplone.core.dates import site_zone
from communesplone.directory.search import SearchError
from communesplone.directory.search import criteria_from_form
from communesplone.directory.search import is_open_brain
from communesplone.directory.search import search
from datetime import datetime
from plone.restapi.services import Service
from urllib.parse import urlencode
from zope.i18n import translate


def brain_summary(brain, now):
    """The JSON of one entry in a listing (from the brain's metadata only)."""
    return {
        "@id": brain.getURL(),
        "@type": "Business",
        "UID": brain.UID,
        "title": brain.Title,
        "description": brain.Description,
        "categories": list(brain.business_categories or ()),
        "locality": brain.business_locality,
        "latitude": brain.business_latitude,
        "longitude": brain.business_longitude,
        "open_now": is_open_brain(brain, now),
    }


class BusinessesGet(Service):
    def _error(self, error):
        self.request.response.setStatus(400)
        text = translate(error.message, context=self.request)
        return {"error": {"type": "ValidationError", "message": text,
                          "errors": [{"field": error.field, "message": text}]}}

    def reply(self):
        try:
            criteria = criteria_from_form(self.request.form)
        except SearchError as error:
            return self._error(error)
        now = datetime.now(site_zone())
        page, total, facets = search(self.context, criteria, now=now)
        base = f"{self.context.absolute_url()}/@businesses"
        params = {key: value for key, value in self.request.form.items()
                  if key not in ("b_start",)}
        result = {
            "@id": f"{base}?{urlencode(self.request.form, doseq=True)}"
            if self.request.form else base,
            "items": [brain_summary(brain, now) for brain in page],
            "items_total": total,
            "facets": facets,
        }
        batching = {}
        size = criteria.b_size
        if total > size:
            def link(start):
                return f"{base}?{urlencode(dict(params, b_start=start), doseq=True)}"

            last = ((total - 1) // size) * size
            batching = {"@id": result["@id"], "first": link(0), "last": link(last)}
            if criteria.b_start + size < total:
                batching["next"] = link(criteria.b_start + size)
            if criteria.b_start > 0:
                batching["prev"] = link(max(0, criteria.b_start - size))
        if batching:
            result["batching"] = batching
        return result
