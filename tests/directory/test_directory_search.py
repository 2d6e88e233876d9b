"""``@businesses``: filters, open now (at query time), bbox, paging, facets; published only."""

from communesplone.directory.search import criteria_from_form
from communesplone.directory.search import search
from directoryhelpers import CATEGORIES
from directoryhelpers import make_business
from datetime import datetime
from directoryhelpers import get
from directoryhelpers import rest
from zoneinfo import ZoneInfo

import pytest
import transaction

BXL = ZoneInfo("Europe/Brussels")
MONDAY_10 = datetime(2026, 3, 16, 10, 0, tzinfo=BXL)
NIGHT = {"weekly": {"monday": [["18:00", "24:00"]]}}


@pytest.fixture
def entries(directory):
    make_business(directory, "boulangerie-namur", title="Boulangerie de Namur")
    make_business(directory, "boucherie-jambes", title="Boucherie de Jambes",
                  categories=[CATEGORIES[1]], locality="Jambes", postcode="5100",
                  latitude=50.4593, longitude=4.8756)
    make_business(directory, "bistro-nuit", title="Bistro de nuit", categories=[CATEGORIES[3]],
                  opening_hours=NIGHT, latitude=50.40, longitude=4.70)
    make_business(directory, "menuisier", title="Menuiserie Lambert", categories=[CATEGORIES[4]],
                  locality="Wépion", postcode="5100", latitude=None, longitude=None,
                  opening_hours={"weekly": {"monday": [["08:00", "17:00"]]},
                                 "closures": [{"start": "2026-03-16"}]})
    make_business(directory, "cachee", title="Boulangerie cachée", state="pending")
    make_business(directory, "refusee", title="Boulangerie refusée", state="rejected")
    return directory


def _ids(directory, now=MONDAY_10, **form):
    page, total, facets = search(directory, criteria_from_form(form), now=now)
    return [brain.getId for brain in page], total, facets


def test_published_only_sorted_with_facets(entries):
    ids, total, facets = _ids(entries)
    assert ids == ["bistro-nuit", "boucherie-jambes", "boulangerie-namur", "menuisier"]
    assert total == 4
    assert facets["locality"] == {"Namur": 2, "Jambes": 1, "Wépion": 1}
    assert facets["category"]["Commerce"] == 2
    assert facets["category"]["Commerce > Alimentation"] == 2
    assert facets["category"]["Commerce > Alimentation > Boulangerie"] == 1
    assert facets["category"]["Horeca > Restaurant"] == 1


def test_category_includes_subcategories_and_facets_ignore_their_own_filter(entries):
    ids, total, facets = _ids(entries, category="Commerce > Alimentation")
    assert ids == ["boucherie-jambes", "boulangerie-namur"]
    assert facets["category"]["Horeca"] == 1  # still offered
    assert facets["locality"] == {"Namur": 1, "Jambes": 1}
    ids, _total, _facets = _ids(entries, category=["Horeca", "Artisans"])
    assert ids == ["bistro-nuit", "menuisier"]


def test_locality_text_bbox(entries):
    assert _ids(entries, locality="Jambes")[0] == ["boucherie-jambes"]
    assert _ids(entries, q="boucherie")[0] == ["boucherie-jambes"]
    assert _ids(entries, q="namur boul")[0] == ["boulangerie-namur"]
    assert _ids(entries, q="cachée")[0] == []
    ids = _ids(entries, bbox="4.80,50.45,4.90,50.47")[0]
    assert ids == ["boucherie-jambes", "boulangerie-namur"]


def test_open_now_at_query_time(entries):
    assert _ids(entries, open_now="1")[0] == ["boucherie-jambes", "boulangerie-namur"]
    evening = MONDAY_10.replace(hour=19, minute=30)
    assert _ids(entries, now=evening, open_now="1")[0] == ["bistro-nuit"]
    assert _ids(entries, now=evening.replace(hour=23, minute=59), open_now="1")[0] == [
        "bistro-nuit"]
    # the joiner is closed on the 16th (exceptional closure), open the Monday after
    assert "menuisier" not in _ids(entries, open_now="1")[0]
    assert "menuisier" in _ids(entries, now=MONDAY_10.replace(day=23), open_now="1")[0]
    # Monday 12:05: lunch break
    assert _ids(entries, now=MONDAY_10.replace(hour=12, minute=5), open_now="1")[0] == []


def test_open_now_off_the_quarter_hours(entries):
    make_business(entries, "kiosque", title="Kiosque",
                  opening_hours={"weekly": {"monday": [["09:10", "12:20"]]}})
    assert "kiosque" not in _ids(entries, now=MONDAY_10.replace(hour=9, minute=5),
                                 open_now="1")[0]
    assert "kiosque" in _ids(entries, now=MONDAY_10.replace(hour=9, minute=10),
                             open_now="1")[0]
    assert "kiosque" in _ids(entries, now=MONDAY_10.replace(hour=12, minute=19),
                             open_now="1")[0]
    ids, total, facets = _ids(entries, now=MONDAY_10.replace(hour=12, minute=20),
                              open_now="1")
    assert ids == [] and total == 0 and facets["locality"] == {}


def test_paging(entries):
    ids, total, _facets = _ids(entries, b_size="2", b_start="2")
    assert ids == ["boulangerie-namur", "menuisier"]
    assert total == 4


def test_service_over_http(live):
    directory = live["directory"]
    for index in range(3):
        make_business(directory, f"commerce-{index}", title=f"Commerce {index}")
    make_business(directory, "cachee", title="Commerce caché", state="pending")
    transaction.commit()
    answer = rest("GET", f"{live['url']}/@businesses?b_size=2&category=Commerce")
    assert answer.status_code == 200, answer.text
    data = answer.json()
    assert data["items_total"] == 3
    assert [item["title"] for item in data["items"]] == ["Commerce 0", "Commerce 1"]
    assert data["facets"]["locality"] == {"Namur": 3}
    assert "b_start=2" in data["batching"]["next"]
    item = data["items"][0]
    assert item["locality"] == "Namur" and item["latitude"] == 50.4669
    assert isinstance(item["open_now"], bool)
    second = rest("GET", data["batching"]["next"]).json()
    assert [item["title"] for item in second["items"]] == ["Commerce 2"]
    # editors get published entries only too (the endpoint is the public listing)
    assert rest("GET", f"{live['url']}/@businesses", "eva").json()["items_total"] == 3
    bad = rest("GET", f"{live['url']}/@businesses?bbox=1,2,3")
    assert bad.status_code == 400
    assert bad.json()["error"]["errors"][0]["field"] == "bbox"
    assert rest("GET", f"{live['url']}/@businesses?b_size=x").status_code == 400
    # the public page: a no-JS form, the list, the facet counts, no pending entry
    page = get(f"{live['url']}?category=Commerce&q=commerce")
    assert page.status_code == 200
    assert "Commerce 0" in page.text and "Commerce caché" not in page.text
    assert 'name="open_now"' in page.text and "Namur (3)" in page.text
    assert "leaflet" in page.text and "data-geojson" in page.text


@pytest.mark.parametrize("text", ["a", "*", "AND OR NOT", '"', "l'épicerie (et) [x]", "é" * 300])
def test_odd_text_never_fails(entries, text):
    _ids(entries, q=text)
