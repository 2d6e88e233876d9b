"""Exports checked by parsers that are not ours (csv, vobject, geojson, json); anonymous
never gets a pending or rejected entry out of them."""

from directoryhelpers import make_business
from directoryhelpers import get

import csv
import geojson
import io
import json
import pytest
import re
import transaction
import vobject


@pytest.fixture
def entries(live):
    directory = live["directory"]
    make_business(directory, "boulangerie-dubois", title="Boulangerie Dubois",
                  description="Pain; levain, viennoiseries", box="2", phone="+32 81 24 60 11",
                  website="https://www.dubois.be", enterprise_number="0403.019.261",
                  social_links=["https://www.facebook.com/dubois"],
                  payment_methods=["cash"], languages=["fr", "nl"])
    make_business(directory, "sans-coordonnees", title="Sans coordonnées", latitude=None,
                  longitude=None, opening_hours={})
    make_business(directory, "en-attente", title="Secret en attente", state="pending")
    make_business(directory, "refusee", title="Secret refusé", state="rejected")
    make_business(directory, "brouillon", title="Secret brouillon", state="private")
    transaction.commit()
    return live


def _no_secret(text):
    assert "Secret" not in text
    assert "en-attente" not in text and "refusee" not in text and "brouillon" not in text


def test_directory_csv(entries):
    answer = get(f"{entries['url']}/@@export-csv")
    assert answer.status_code == 200
    assert answer.headers["Content-Type"].startswith("text/csv")
    text = answer.content.decode("utf-8-sig")
    _no_secret(text)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [row["id"] for row in rows] == ["boulangerie-dubois", "sans-coordonnees"]
    row = rows[0]
    assert row["postcode"] == "5000" and row["locality"] == "Namur"
    assert row["description"] == "Pain; levain, viennoiseries"
    assert row["categories"] == "Commerce > Alimentation > Boulangerie"
    assert json.loads(row["opening_hours"])["weekly"]["monday"] == [["09:00", "12:00"],
                                                                     ["13:30", "18:00"]]
    assert float(row["latitude"]) == 50.4669
    assert rows[1]["latitude"] == ""


def test_directory_xlsx_is_the_csv_table_with_no_formula(entries):
    """The same table as the CSV, read back with openpyxl; coordinates are numbers."""
    from communesplone.core.spreadsheets import XLSX_MIMETYPE
    from spreadsheetcheck import formulas

    import openpyxl

    url = entries["url"]
    answer = get(f"{url}/@@export-xlsx")
    assert answer.status_code == 200
    assert answer.headers["Content-Type"] == XLSX_MIMETYPE
    assert answer.headers["Content-Disposition"].endswith('.xlsx"')
    assert formulas(answer.content) == []
    sheet = openpyxl.load_workbook(io.BytesIO(answer.content)).active
    table = [list(row) for row in sheet.iter_rows(values_only=True)]
    csv_rows = list(csv.reader(io.StringIO(get(f"{url}/@@export-csv").content.decode(
        "utf-8-sig"))))
    assert table[0] == csv_rows[0]
    assert len(table) == len(csv_rows) == 3
    _no_secret(" ".join(str(cell) for row in table for cell in row))
    header = table[0]
    first = dict(zip(header, table[1], strict=True))
    assert first["title"] == "Boulangerie Dubois" and first["latitude"] == 50.4669
    assert first["categories"] == "Commerce > Alimentation > Boulangerie"
    # an entry's own XLSX, linked from its page
    entry = entries["directory"]["boulangerie-dubois"].absolute_url()
    assert "@@export-xlsx" in get(entry).text and "@@export-xlsx" in get(url).text
    one = get(f"{entry}/@@export-xlsx")
    assert one.status_code == 200 and formulas(one.content) == []


def test_directory_exports_through_libreoffice_hold_no_formula(entries):
    """An entry named like a formula: LibreOffice opens the CSV and the XLSX exports and
    openpyxl finds no formula in what it read."""
    from directoryhelpers import make_business
    from spreadsheetcheck import formulas
    from spreadsheetcheck import libreoffice_xlsx

    make_business(entries["directory"], "piege", title='=HYPERLINK("http://evil.example","x")',
                  description="@SUM(1+1)")
    transaction.commit()
    url = entries["url"]
    converted = libreoffice_xlsx({"directory.csv": get(f"{url}/@@export-csv").content,
                                  "directory.xlsx": get(f"{url}/@@export-xlsx").content})
    assert formulas(converted["directory.csv"]) == []
    assert formulas(converted["directory.xlsx"]) == []


def test_directory_vcards(entries):
    answer = get(f"{entries['url']}/@@export-vcard")
    assert answer.status_code == 200
    assert answer.headers["Content-Type"].startswith("text/vcard")
    _no_secret(answer.text)
    cards = list(vobject.readComponents(answer.text))
    assert [card.fn.value for card in cards] == ["Boulangerie Dubois", "Sans coordonnées"]
    card = cards[0]
    assert card.tel.value == "+32 81 24 60 11"
    assert card.email.value == "boulangerie-dubois@example.be"
    assert card.adr.value.code == "5000"
    assert card.adr.value.city == "Namur"
    assert card.adr.value.street == "Rue de Fer 25 bte 2"
    assert card.note.value == "Pain; levain, viennoiseries"
    assert card.categories.value == ["Commerce > Alimentation > Boulangerie"]


def test_directory_geojson(entries):
    answer = get(f"{entries['url']}/@@export-geojson")
    assert answer.status_code == 200
    assert answer.headers["Content-Type"] == "application/geo+json"
    _no_secret(answer.text)
    collection = geojson.loads(answer.text)
    assert isinstance(collection, geojson.FeatureCollection)
    assert collection.is_valid, collection.errors()
    features = {feature["id"]: feature for feature in collection["features"]}
    assert set(features) == {"boulangerie-dubois", "sans-coordonnees"}
    point = features["boulangerie-dubois"]["geometry"]
    assert point["type"] == "Point"
    assert point["coordinates"] == [4.8675, 50.4669]  # RFC 7946: longitude first
    assert features["sans-coordonnees"]["geometry"] is None
    # the listing's filters apply
    only = geojson.loads(get(f"{entries['url']}/@@export-geojson?q=dubois").text)
    assert [feature["id"] for feature in only["features"]] == ["boulangerie-dubois"]


def test_entry_exports_and_json_ld(entries):
    url = entries["directory"]["boulangerie-dubois"].absolute_url()
    card = vobject.readOne(get(f"{url}/@@export-vcard").text)
    assert card.fn.value == "Boulangerie Dubois"
    feature = geojson.loads(get(f"{url}/@@export-geojson").text)
    assert feature.is_valid and len(feature["features"]) == 1
    rows = list(csv.DictReader(io.StringIO(get(f"{url}/@@export-csv").content
                                           .decode("utf-8-sig"))))
    assert len(rows) == 1
    from plone import api
    from plone.namedfile.file import NamedBlobImage

    import base64

    pixel = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+"
                             "hHgAHggJ/PchI7wAAAABJRU5ErkJggg==")
    business = entries["directory"]["boulangerie-dubois"]
    with api.env.adopt_roles(["Manager"]):
        business.logo = NamedBlobImage(data=pixel, filename="logo.png")
        api.content.create(container=business, type="Image", id="vitrine", title="La vitrine",
                           image=NamedBlobImage(data=pixel, filename="vitrine.png"))
    transaction.commit()
    page = get(url)
    assert page.status_code == 200
    assert 'alt="La vitrine"' in page.text and 'alt="Logo of Boulangerie Dubois"' in page.text
    [script] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page.text,
                          re.S)
    data = json.loads(script)
    assert data["@type"] == "LocalBusiness"
    assert data["name"] == "Boulangerie Dubois"
    assert data["address"]["postalCode"] == "5000"
    assert data["geo"] == {"@type": "GeoCoordinates", "latitude": 50.4669, "longitude": 4.8675}
    assert data["vatID"] == "BE0403019261"
    assert data["logo"] == f"{url}/@@images/logo"
    specs = data["openingHoursSpecification"]
    assert {"@type": "OpeningHoursSpecification", "opens": "09:00", "closes": "12:00",
            "dayOfWeek": [{"@id": f"https://schema.org/{day}"} for day in (
                "Monday", "Tuesday", "Wednesday", "Thursday", "Friday")]} in specs
    assert {"@type": "OpeningHoursSpecification", "opens": "09:00", "closes": "12:30",
            "dayOfWeek": [{"@id": "https://schema.org/Saturday"}]} in specs
    # only properties whose schema.org domain includes LocalBusiness (or its parents)
    assert set(data) <= LOCAL_BUSINESS_PROPERTIES, set(data) - LOCAL_BUSINESS_PROPERTIES
    assert json.loads(get(f"{url}/@@export-jsonld").text) == data


#: Properties of schema.org's LocalBusiness, Organization, Place and Thing that we write
#: (schema.org 29: inLanguage is not among them).
LOCAL_BUSINESS_PROPERTIES = {
    "@context", "@type", "@id", "url", "name", "description", "address", "geo", "telephone",
    "email", "sameAs", "vatID", "logo", "paymentAccepted", "knowsLanguage",
    "openingHoursSpecification"}


def test_directory_json_ld_item_list(entries):
    url = entries["url"]
    answer = get(f"{url}/@@export-jsonld")
    assert answer.status_code == 200
    assert answer.headers["Content-Type"] == "application/ld+json"
    _no_secret(answer.text)
    data = answer.json()
    assert data["@context"] == "https://schema.org" and data["@type"] == "ItemList"
    assert data["numberOfItems"] == 2
    items = [element["item"] for element in data["itemListElement"]]
    assert [element["position"] for element in data["itemListElement"]] == [1, 2]
    assert [item["name"] for item in items] == ["Boulangerie Dubois", "Sans coordonnées"]
    for item in items:
        assert item["@type"] == "LocalBusiness" and "@context" not in item
        assert set(item) <= LOCAL_BUSINESS_PROPERTIES
    # the directory page embeds the list of its results
    page = get(url).text
    [script] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    summary = json.loads(script)
    assert summary["@type"] == "ItemList"
    assert {element["url"] for element in summary["itemListElement"]} == {
        item["@id"] for item in items}


def test_anonymous_gets_no_unpublished_entry_export(entries):
    for entry in ("en-attente", "refusee", "brouillon"):
        url = entries["directory"][entry].absolute_url()
        for view in ("", "/@@export-csv", "/@@export-xlsx", "/@@export-vcard",
                     "/@@export-geojson", "/@@export-jsonld"):
            answer = get(f"{url}{view}", allow_redirects=False)
            assert answer.status_code in (302, 401, 403), (entry, view, answer.status_code)
            _no_secret(answer.text)
        # another member neither
        assert get(f"{url}/@@export-vcard", "bob", allow_redirects=False).status_code in (
            302, 401, 403)
