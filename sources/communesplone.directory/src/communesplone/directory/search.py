"""Searching a directory's published entries: query, "open now", facet counts, paging.

One implementation behind ``@businesses``, the public listing page and the
exports. Everything works on catalog brains (metadata ``business_*``): no
entry is woken up.

"Open now" is computed at query time, by the catalog: the entries open during
the whole current 15-minute slot of the week (index ``business_open_slots``)
and not in an exceptional closure today (index ``business_closed_days``), plus
those open during part of the slot whose stored hours say they are open at
this very minute.
"""

from BTrees.IIBTree import IISet
from BTrees.IIBTree import intersection
from communesplone.directory import _
from communesplone.core.dates import site_zone
from communesplone.directory.hours import is_open
from communesplone.directory.hours import safe_hours
from communesplone.directory.hours import slot_key
from dataclasses import dataclass
from dataclasses import field
from datetime import datetime
from plone import api
from Products.CMFCore.indexing import processQueue

MAX_PAGE = 200
DEFAULT_PAGE = 25


class SearchError(ValueError):
    """A parameter that cannot be read: ``field`` and a translatable ``message``."""

    def __init__(self, field_name, message):
        self.field = field_name
        self.message = message
        super().__init__(field_name)


@dataclass
class Criteria:
    """What a person asks for; every part optional."""

    categories: list = field(default_factory=list)
    localities: list = field(default_factory=list)
    text: str = ""
    open_now: bool = False
    bbox: tuple | None = None  # (lon1, lat1, lon2, lat2)
    b_start: int = 0
    b_size: int = DEFAULT_PAGE


def _as_list(value):
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [str(item).strip() for item in value if str(item).strip()]
    return [str(value).strip()] if str(value).strip() else []


def parse_bbox(value):
    """``"lon1,lat1,lon2,lat2"`` (GeoJSON order) -> floats, corners sorted."""
    try:
        lon1, lat1, lon2, lat2 = (float(part) for part in str(value).split(","))
    except ValueError:
        raise SearchError("bbox", _(
            "directory_error_bbox",
            default="Give the box as lon1,lat1,lon2,lat2 (e.g. 4.80,50.43,4.92,50.50).")
        ) from None
    if not (-180 <= lon1 <= 180 and -180 <= lon2 <= 180 and -90 <= lat1 <= 90
            and -90 <= lat2 <= 90):
        raise SearchError("bbox", _("directory_error_bbox_range",
                                    default="The box's coordinates are out of range."))
    return (min(lon1, lon2), min(lat1, lat2), max(lon1, lon2), max(lat1, lat2))


def _int(form, name, default, minimum, maximum):
    raw = form.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except (TypeError, ValueError):
        raise SearchError(name, _("directory_error_number",
                                  default="Give a whole number.")) from None
    return max(minimum, min(value, maximum))


def criteria_from_form(form):
    """Read ``category``, ``locality``, ``q``, ``open_now``, ``bbox``, ``b_start``, ``b_size``."""
    bbox = form.get("bbox")
    return Criteria(
        categories=_as_list(form.get("category")),
        localities=_as_list(form.get("locality")),
        text=str(form.get("q") or form.get("SearchableText") or "").strip()[:200],
        open_now=str(form.get("open_now") or "").lower() in ("1", "true", "on", "yes"),
        bbox=parse_bbox(bbox) if bbox else None,
        b_start=_int(form, "b_start", 0, 0, 10**9),
        b_size=_int(form, "b_size", DEFAULT_PAGE, 1, MAX_PAGE),
    )


def _quote_words(text):
    """A full-text query of ``text``'s words, each a prefix (no query operators)."""
    words = ["".join(char for char in word if char.isalnum()) for word in text.split()]
    words = [word for word in words if len(word) > 1]  # one letter matches everything
    return " AND ".join(f"{word}*" for word in words[:10])


def base_query(directory, criteria, with_facets_of=None):
    """The catalog query of ``criteria`` on ``directory``'s published entries.

    ``with_facets_of``: leave that facet's own filter out (a facet counts what
    the other filters let through, so that its other values stay visible).
    """
    query = {
        "portal_type": "Business",
        "review_state": "published",
        "path": {"query": "/".join(directory.getPhysicalPath()), "depth": 1},
    }
    if criteria.categories and with_facets_of != "category":
        query["business_categories"] = {"query": criteria.categories, "operator": "or"}
    if criteria.localities and with_facets_of != "locality":
        query["business_locality"] = criteria.localities
    text = _quote_words(criteria.text)
    if text:
        query["SearchableText"] = text
    if criteria.bbox:
        lon1, lat1, lon2, lat2 = criteria.bbox
        query["business_longitude"] = {"query": (lon1, lon2), "range": "min:max"}
        query["business_latitude"] = {"query": (lat1, lat2), "range": "min:max"}
    return query


def open_now_criteria(catalog, directory, now):
    """Catalog criteria meaning "open at ``now``" (see the module's docstring).

    The entries open during part of the current slot only are checked at the
    exact minute here (few: ranges rarely start or end off the quarter hours);
    those closed at this minute are excluded by UID.
    """
    processQueue()  # the index is read directly below: pending reindexing first
    slot = slot_key(now)
    criteria = {"business_open_slots": {"query": [f"f{slot}", f"p{slot}"], "operator": "or"}}
    today = now.date().isoformat()
    # a "not" on a value nobody has would keep only the entries with some closure
    if catalog._catalog.getIndex("business_closed_days")._index.get(today) is not None:
        criteria["business_closed_days"] = {"not": today}
    partial = catalog(portal_type="Business", review_state="published",
                      path={"query": "/".join(directory.getPhysicalPath()), "depth": 1},
                      business_open_slots=f"p{slot}")
    closed = [brain.UID for brain in partial
              if not is_open(safe_hours(brain.business_hours or ""), now)]
    if closed:
        criteria["UID"] = {"not": closed}
    return criteria


def _rids(results):
    """The record ids of a catalog result (LazyMap keeps them in ``_seq``)."""
    seq = getattr(results, "_seq", None)
    if seq is not None and getattr(results, "_func", None) is not None and \
            all(isinstance(item, int) for item in seq[:1]):
        return IISet(seq)
    if seq is not None and all(isinstance(item, tuple) for item in seq[:1]):
        return IISet([item[1] for item in seq])  # scored (full-text) results: (score, rid)
    return IISet([brain.getRID() for brain in results])


def _facet(catalog, index_name, rids):
    """``{value: count}`` of ``index_name`` over ``rids`` (inverted lists intersected)."""
    index = catalog._catalog.getIndex(index_name)
    counts = {}
    for value in index.uniqueValues():
        found = index._index.get(value)
        if found is None:
            continue
        if isinstance(found, int):
            found = IISet([found])
        count = len(intersection(found, rids))
        if count:
            counts[value] = count
    return counts


def search(directory, criteria, now=None, facets=True):
    """``(brains of the page, total, facets)``; brains sorted by title."""
    catalog = api.portal.get_tool("portal_catalog")
    now = now or datetime.now(site_zone())
    extra = open_now_criteria(catalog, directory, now) if criteria.open_now else {}
    query = dict(base_query(directory, criteria), **extra)
    # sorted up to the end of the page only (ZCatalog's partial sort): sorting every
    # match by title cost 1 s at 100,000 entries for a page of 25
    end = criteria.b_start + criteria.b_size
    results = catalog(sort_on="sortable_title", sort_limit=end, **query)
    total = getattr(results, "actual_result_count", None)
    total = len(results) if total is None else total
    page = list(results[criteria.b_start:end])
    found = {}
    if facets:
        matches = {}  # a facet without its own filter counts over the same entries
        for name, index_name in (("category", "business_categories"),
                                 ("locality", "business_locality")):
            facet_query = dict(base_query(directory, criteria, with_facets_of=name), **extra)
            key = repr(sorted(facet_query.items()))
            if key not in matches:
                matches[key] = _rids(catalog(**facet_query))
            found[name] = _facet(catalog, index_name, matches[key])
    return page, total, found


def is_open_brain(brain, now=None):
    return is_open(safe_hours(brain.business_hours or ""), now or datetime.now(site_zone()))
