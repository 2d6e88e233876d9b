"""Catalog indexers of a Business: categories (with their ancestors), place, opening slots."""

from communesplone.directory.categories import expand
from communesplone.directory.content.business import IBusiness
from communesplone.directory.hours import closed_days
from communesplone.directory.hours import open_slots
from communesplone.directory.hours import to_data
from plone.indexer import indexer

from Products.CMFPlone.utils import safe_text

import json
import re

_TAGS = re.compile(r"<[^>]+>")


@indexer(IBusiness)
def business_categories(obj):
    """Each category and its ancestors: asking for "Commerce" finds the bakeries."""
    return expand(obj.categories or ())


@indexer(IBusiness)
def business_locality(obj):
    return (obj.locality or "").strip() or None


@indexer(IBusiness)
def business_latitude(obj):
    return obj.latitude


@indexer(IBusiness)
def business_longitude(obj):
    return obj.longitude


@indexer(IBusiness)
def business_open_slots(obj):
    """The 15-minute slots of the week when it is open (see ``hours.open_slots``)."""
    return open_slots(obj.hours())


@indexer(IBusiness)
def business_closed_days(obj):
    """The days of its exceptional closures: "open now" excludes them in the catalog."""
    return closed_days(obj.hours())


@indexer(IBusiness)
def business_hours(obj):
    """The normalised opening hours as JSON (metadata: "open now" is checked on brains)."""
    hours = obj.hours()
    return json.dumps(to_data(hours), separators=(",", ":")) if not hours.is_empty() else ""


@indexer(IBusiness)
def searchable_text(obj):
    """Name, descriptions in every language, categories, address and enterprise number."""
    parts = [obj.title, obj.description, obj.enterprise_number, obj.street,
             obj.postcode, obj.locality]
    if obj.text is not None:
        parts.append(obj.text.output)
    for texts in (obj.translations or {}).values():
        parts.extend(texts.values())
    parts.extend(expand(obj.categories or ()))
    text = " ".join(part for part in parts if isinstance(part, str) and part)
    return safe_text(_TAGS.sub(" ", text))
