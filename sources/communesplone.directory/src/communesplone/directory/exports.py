"""Open data of the directory: CSV, vCard 3.0, GeoJSON (RFC 7946), schema.org JSON-LD.

Each format is built from one "record" per entry (:func:`record`), so the
columns of the CSV, the cards and the features say the same thing. The CSV is
also the import format (:mod:`communesplone.directory.importer`).
"""

from communesplone.core.spreadsheets import csv_text
from communesplone.core.spreadsheets import xlsx_bytes
from communesplone.core.validation import normalize_enterprise_number
from communesplone.directory.hours import opening_hours_specification
from communesplone.directory.hours import safe_hours
from communesplone.directory.hours import to_data

import json
import contextlib

#: The CSV columns, in order: the export's and the import's format.
CSV_COLUMNS = (
    "id", "title", "description", "text", "enterprise_number", "categories",
    "street", "number", "box", "postcode", "locality", "latitude", "longitude",
    "phone", "email", "website", "social_links", "languages", "opening_hours",
    "accessibility", "accessibility_notes", "payment_methods", "translations", "url",
)
#: Separator of several values in one CSV cell.
LIST_SEPARATOR = " | "
LIST_COLUMNS = ("categories", "social_links", "languages", "accessibility", "payment_methods")
JSON_COLUMNS = ("opening_hours", "translations")


def record(business):
    """The public data of one entry, as plain Python values."""
    hours = business.hours()
    return {
        "id": business.getId(),
        "url": business.absolute_url(),
        "title": business.title or "",
        "description": business.description or "",
        "text": business.text.raw if getattr(business, "text", None) else "",
        "enterprise_number": business.enterprise_number or "",
        "categories": list(business.categories or ()),
        "street": business.street or "",
        "number": business.number or "",
        "box": business.box or "",
        "postcode": business.postcode or "",
        "locality": business.locality or "",
        "latitude": business.latitude,
        "longitude": business.longitude,
        "phone": business.phone or "",
        "email": business.email or "",
        "website": business.website or "",
        "social_links": list(business.social_links or ()),
        "languages": list(business.languages or ()),
        "opening_hours": to_data(hours) if not hours.is_empty() else {},
        "accessibility": list(business.accessibility or ()),
        "accessibility_notes": business.accessibility_notes or "",
        "payment_methods": list(business.payment_methods or ()),
        "translations": dict(business.translations or {}),
        "logo": f"{business.absolute_url()}/@@images/logo" if getattr(business, "logo", None)
        else None,
        "address_lines": business.address_lines(),
    }


# --- CSV -------------------------------------------------------------------


def _cell(name, value):
    if value is None:
        return ""
    if name in LIST_COLUMNS:
        return LIST_SEPARATOR.join(value)
    if name in JSON_COLUMNS:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":")) if value else ""
    if isinstance(value, float):
        return repr(value)
    return str(value)


def to_csv(records):
    """UTF-8 CSV (with a byte-order mark, for spreadsheets), one row per record; no cell
    can turn into a formula (:mod:`communesplone.core.spreadsheets`)."""
    return csv_text(CSV_COLUMNS, ([_cell(name, item.get(name)) for name in CSV_COLUMNS]
                                 for item in records))


def to_xlsx(records, title="Export"):
    """The same table as :func:`to_csv`, as an XLSX workbook (bytes); coordinates stay
    numbers, no cell can be a formula (:func:`~communesplone.core.spreadsheets.xlsx_bytes`)."""
    return xlsx_bytes(CSV_COLUMNS, ([item.get(name) if name in ("latitude", "longitude")
                                     else _cell(name, item.get(name)) for name in CSV_COLUMNS]
                                    for item in records), title=title)


# --- vCard 3.0 (RFC 2426) ----------------------------------------------------


def _escape(value):
    return (str(value).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def _fold(line):
    """Lines of at most 75 octets, continued by a space (RFC 2426 2.6)."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    parts, current = [], b""
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > (75 if not parts else 74):
            parts.append(current.decode("utf-8"))
            current = b""
        current += encoded
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def vcard(item):
    """One vCard 3.0 of a record."""
    street = " ".join(part for part in (item["street"], item["number"]) if part)
    if item["box"]:
        street = f"{street} bte {item['box']}"
    lines = [
        "BEGIN:VCARD", "VERSION:3.0",
        f"FN:{_escape(item['title'])}",
        f"N:{_escape(item['title'])};;;;",
        f"ORG:{_escape(item['title'])}",
    ]
    if street or item["locality"] or item["postcode"]:
        lines.append(f"ADR;TYPE=WORK:;;{_escape(street)};{_escape(item['locality'])};;"
                     f"{_escape(item['postcode'])};{_escape('Belgique')}")
    if item["phone"]:
        lines.append(f"TEL;TYPE=WORK,VOICE:{_escape(item['phone'])}")
    if item["email"]:
        lines.append(f"EMAIL;TYPE=INTERNET:{_escape(item['email'])}")
    if item["website"]:
        lines.append(f"URL:{item['website']}")
    if item["latitude"] is not None and item["longitude"] is not None:
        lines.append(f"GEO:{item['latitude']!r};{item['longitude']!r}")
    if item["categories"]:
        lines.append("CATEGORIES:" + ",".join(_escape(c) for c in item["categories"]))
    if item["description"]:
        lines.append(f"NOTE:{_escape(item['description'])}")
    lines.append(f"SOURCE:{item['url']}/@@export-vcard")
    lines.append("END:VCARD")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"


def to_vcards(records):
    return "".join(vcard(item) for item in records)


# --- GeoJSON (RFC 7946) ------------------------------------------------------


def feature(item):
    """A Feature; ``geometry`` is null when the entry has no coordinates (RFC 7946 3.2)."""
    geometry = None
    if item.get("latitude") is not None and item.get("longitude") is not None:
        # RFC 7946: longitude first, WGS 84, at most 6 decimals are meaningful here
        geometry = {"type": "Point",
                    "coordinates": [round(item["longitude"], 6), round(item["latitude"], 6)]}
    properties = {key: item.get(key) for key in (
        "title", "description", "url", "categories", "locality", "phone", "website")}
    if "address_lines" in item:
        properties["address"] = ", ".join(item["address_lines"])
    if "open_now" in item:
        properties["open_now"] = item["open_now"]
    return {"type": "Feature", "id": item["id"], "geometry": geometry, "properties": properties}


def to_geojson(records):
    return {"type": "FeatureCollection", "features": [feature(item) for item in records]}


def brain_record(brain, open_now=None):
    """The part of a record the catalog's metadata holds (the map needs no more)."""
    data = {
        "id": brain.getId, "url": brain.getURL(), "title": brain.Title,
        "description": brain.Description,
        "categories": list(brain.business_categories or ()),
        "locality": brain.business_locality or "", "phone": None, "website": None,
        "latitude": brain.business_latitude, "longitude": brain.business_longitude,
    }
    if open_now is not None:
        data["open_now"] = open_now
    return data


# --- schema.org JSON-LD ------------------------------------------------------


def json_ld(item, language=None, context=True):
    """A schema.org ``LocalBusiness`` of a record, with only properties whose domain
    includes ``LocalBusiness`` (or its parents ``Organization``, ``Place``, ``Thing``).

    ``inLanguage`` is not one of them (schema.org has it on CreativeWork, Event,
    BroadcastService and CommunicateAction): ``language`` is accepted and ignored,
    the languages the business speaks are ``knowsLanguage``. ``context``: False for
    an entry inside a list that carries the ``@context`` once.
    """
    data = {
        "@context": "https://schema.org",
        "@type": "LocalBusiness",
        "@id": item["url"],
        "url": item["website"] or item["url"],
        "name": item["title"],
    }
    if item["description"]:
        data["description"] = item["description"]
    if item["street"] or item["locality"]:
        street = " ".join(part for part in (item["street"], item["number"]) if part)
        if item["box"]:
            street = f"{street} bte {item['box']}"
        data["address"] = {"@type": "PostalAddress", "streetAddress": street,
                           "postalCode": item["postcode"], "addressLocality": item["locality"],
                           "addressCountry": "BE"}
    if item["latitude"] is not None and item["longitude"] is not None:
        data["geo"] = {"@type": "GeoCoordinates", "latitude": item["latitude"],
                       "longitude": item["longitude"]}
    if item["phone"]:
        data["telephone"] = item["phone"]
    if item["email"]:
        data["email"] = item["email"]
    if item["social_links"]:
        data["sameAs"] = item["social_links"]
    if item["enterprise_number"]:
        with contextlib.suppress(ValueError):
            data["vatID"] = "BE" + normalize_enterprise_number(item["enterprise_number"])
    if item["logo"]:
        data["logo"] = item["logo"]
    if item["payment_methods"]:
        data["paymentAccepted"] = ", ".join(item["payment_methods"])
    if item["languages"]:
        data["knowsLanguage"] = item["languages"]
    specs = opening_hours_specification(safe_hours(item["opening_hours"]))
    if specs:
        data["openingHoursSpecification"] = specs
    if not context:
        del data["@context"]
    return data


def json_ld_list(records, url, name):
    """The whole directory as a schema.org ``ItemList`` of its ``LocalBusiness`` entries."""
    return {
        "@context": "https://schema.org", "@type": "ItemList", "@id": url, "url": url,
        "name": name, "numberOfItems": len(records),
        "itemListElement": [{"@type": "ListItem", "position": position,
                             "item": json_ld(item, context=False)}
                            for position, item in enumerate(records, start=1)],
    }


def json_ld_summary(items, url, name):
    """The ``ItemList`` of a results page: each entry by its page and name (from the
    catalog, no object woken); the full data is at ``@@export-jsonld``."""
    return {
        "@context": "https://schema.org", "@type": "ItemList", "url": url, "name": name,
        "numberOfItems": len(items),
        "itemListElement": [{"@type": "ListItem", "position": position, "url": item["url"],
                             "name": item["title"]}
                            for position, item in enumerate(items, start=1)],
    }


def script_json(data):
    """JSON safe inside ``<script type="application/ld+json">`` (no ``</script>`` break-out)."""
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(
        ">", "\\u003e").replace("&", "\\u0026")
