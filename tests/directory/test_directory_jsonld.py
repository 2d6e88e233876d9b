"""The directory's linked data to schema.org's letter: the ``@@export-jsonld`` of the
directory (an ``ItemList``) and of an entry, and the JSON-LD embedded in the
directory's and the entry's pages, expanded by pyld against a local copy of
schema.org's context and checked against a local copy of its vocabulary
(``tests/schemaorgcheck.py``): types, each property's domain, ranges of the
values, ``DayOfWeek`` members. No network: the loader refuses any other URL."""

from directoryhelpers import get
from directoryhelpers import make_business
from schemaorgcheck import expand
from schemaorgcheck import local_loader
from schemaorgcheck import problems

import json
import pytest
import re
import transaction

SCHEMA = "http://schema.org/"


@pytest.fixture
def entries(live):
    directory = live["directory"]
    make_business(directory, "boulangerie-dubois", title="Boulangerie Dubois",
                  description="Pain; levain, viennoiseries", box="2", phone="+32 81 24 60 11",
                  website="https://www.dubois.be", enterprise_number="0403.019.261",
                  social_links=["https://www.facebook.com/dubois"],
                  payment_methods=["cash"], languages=["fr", "nl"])
    make_business(directory, "sans-coordonnees", title="Sans coordonnées", latitude=None,
                  longitude=None, opening_hours={}, street="", number="", postcode="",
                  locality="")
    transaction.commit()
    return live


def _embedded(page):
    return [json.loads(script) for script in re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', page, re.S)]


def test_the_checker_catches_what_the_issue_found():
    """Without this the checks below could pass on anything."""
    wrong = {"@context": "https://schema.org", "@type": "LocalBusiness", "name": "x",
             "inLanguage": "fr", "colour": "blue",
             "openingHoursSpecification": {"@type": "OpeningHoursSpecification",
                                           "dayOfWeek": "Monday"}}
    found = problems(wrong)
    assert any("inLanguage is not a property of LocalBusiness" in line for line in found)
    assert any("colour is not a schema.org property" in line for line in found)
    assert any("the text 'Monday' where dayOfWeek expects DayOfWeek" in line for line in found)
    with pytest.raises(Exception, match="No network"):
        local_loader("https://example.org/context.jsonld")


def test_directory_item_list_to_schema_org_letter(entries):
    answer = get(f"{entries['url']}/@@export-jsonld")
    assert answer.status_code == 200
    data = answer.json()
    assert problems(data) == []
    [expanded] = expand(data)
    assert expanded["@type"] == [f"{SCHEMA}ItemList"]
    elements = expanded[f"{SCHEMA}itemListElement"]
    assert [element[f"{SCHEMA}position"][0]["@value"] for element in elements] == [1, 2]
    [business] = elements[0][f"{SCHEMA}item"]
    assert business["@type"] == [f"{SCHEMA}LocalBusiness"]
    assert f"{SCHEMA}inLanguage" not in business
    assert business[f"{SCHEMA}knowsLanguage"] == [{"@value": "fr"}, {"@value": "nl"}]
    days = [day["@id"] for spec in business[f"{SCHEMA}openingHoursSpecification"]
            for day in spec.get(f"{SCHEMA}dayOfWeek", [])]
    assert set(days) == {f"https://schema.org/{day}" for day in (
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")}
    # every key of the compact form survived the expansion (none dropped as unknown)
    item = data["itemListElement"][0]["item"]
    assert {key for key in item if not key.startswith("@")} == {
        key[len(SCHEMA):] for key in business if not key.startswith("@")}


def test_entry_export_and_pages_embed_valid_json_ld(entries):
    url = entries["url"]
    for entry in ("boulangerie-dubois", "sans-coordonnees"):
        entry_url = entries["directory"][entry].absolute_url()
        exported = get(f"{entry_url}/@@export-jsonld").json()
        assert problems(exported) == [], entry
        [embedded] = _embedded(get(entry_url).text)
        assert problems(embedded) == [], entry
        assert embedded["@type"] == "LocalBusiness" and embedded["@id"] == entry_url
    [summary] = _embedded(get(url).text)
    assert summary["@type"] == "ItemList"
    assert problems(summary) == []
    # the search's results embed their own list (a filtered page)
    [filtered] = _embedded(get(f"{url}?q=dubois").text)
    assert problems(filtered) == []
