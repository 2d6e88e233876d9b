"""The citizens' faceted listing (``<directory>/search``): criteria over real HTTP.

Anonymous only ever gets the published entries of the directory, whatever the
criteria; "open now" is computed at the request's minute (Europe/Brussels).
"""

from communesplone.directory.faceted import IDirectorySearch
from communesplone.directory.faceted import SEARCH_ID
from communesplone.directory.faceted import LAYOUT
from communesplone.directory.upgrades.v1001 import add_faceted_listings
from communesplone.directory.upgrades.v1002 import update_faceted_listings
from eea.facetednavigation.layout.interfaces import IFacetedLayout
from datetime import datetime
from datetime import timedelta
from directoryhelpers import CATEGORIES
from directoryhelpers import get
from directoryhelpers import make_business
from eea.facetednavigation.criteria.interfaces import ICriteria
from plone import api
from zoneinfo import ZoneInfo

import pytest
import re
import transaction

BXL = ZoneInfo("Europe/Brussels")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _hhmm(moment, day):
    """``moment`` as ``HH:MM`` on ``day``, clipped to that day (``00:00``..``24:00``)."""
    if moment.date() < day:
        return "00:00"
    if moment.date() > day:
        return "24:00"
    return moment.strftime("%H:%M")


def hours_around_now():
    """(open now, closed now): today's ranges that hold / miss the current minute."""
    now = datetime.now(BXL)
    today = now.date()
    day = WEEKDAYS[now.weekday()]
    opened = [[_hhmm(now - timedelta(hours=2), today), _hhmm(now + timedelta(hours=2), today)]]
    # closed: a range of today ending 3 hours before now, or starting 3 hours after it
    if now.hour >= 4:
        closed = [["00:00", _hhmm(now - timedelta(hours=3), today)]]
    else:
        closed = [[_hhmm(now + timedelta(hours=3), today), "24:00"]]
    return {"weekly": {day: opened}}, {"weekly": {day: closed}}


@pytest.fixture
def site(live):
    directory = live["directory"]
    opened, closed = hours_around_now()
    make_business(directory, "boulangerie-namur", title="Boulangerie Namuroise",
                  opening_hours=opened)
    make_business(directory, "boucherie-jambes", title="Boucherie Jambes",
                  categories=[CATEGORIES[1]], locality="Jambes", postcode="5100",
                  opening_hours=closed)
    make_business(directory, "menuiserie", title="Menuiserie Lambert",
                  categories=[CATEGORIES[4]], locality="Wépion", postcode="5100",
                  opening_hours=closed)
    make_business(directory, "cachee", title="Boulangerie Cachee", state="pending",
                  opening_hours=opened)
    make_business(directory, "refusee", title="Boulangerie Refusee", state="rejected",
                  opening_hours=opened, locality="Malonne")
    transaction.commit()
    return dict(live, search=f"{live['url']}/{SEARCH_ID}")


def titles(site, user=None, **params):
    response = get(f"{site['search']}/@@faceted_query", user=user, params=params)
    assert response.status_code == 200, response.text[:500]
    return {title for title in ("Boulangerie Namuroise", "Boucherie Jambes",
                                "Menuiserie Lambert", "Boulangerie Cachee",
                                "Boulangerie Refusee", "Entreprises", "Search")
            if f">{title}<" in response.text or f"{title}</a>" in response.text}


PUBLISHED = {"Boulangerie Namuroise", "Boucherie Jambes", "Menuiserie Lambert"}


def test_made_with_the_directory_public_and_faceted(site):
    directory = site["directory"]
    search = directory[SEARCH_ID]
    assert IDirectorySearch.providedBy(search)
    widgets = {c.get("widget") for c in ICriteria(search).values()}
    assert {"text", "checkbox", "directory_open_now", "sorting", "resultsperpage"} <= widgets
    page = get(site["search"])
    assert page.status_code == 200
    assert "faceted-form" in page.text
    # the check boxes offer the directory's categories and its published localities only
    assert 'value="Wépion"' in page.text and 'value="Commerce &gt; Alimentation"' in page.text
    assert "Malonne" not in page.text  # only the rejected entry is there


def test_anonymous_gets_published_entries_only(site):
    assert titles(site) == PUBLISHED
    # nothing a client adds to the request lets a pending or rejected entry through
    assert titles(site, review_state=["pending", "rejected"], portal_type="Document",
                  path="/") == PUBLISHED
    assert titles(site, c1="Boulangerie") == {"Boulangerie Namuroise"}
    # an editor of the directory gets the same public listing
    assert titles(site, user="eva") == PUBLISHED


def test_each_criterion(site):
    assert titles(site, c1="lambert") == {"Menuiserie Lambert"}
    assert titles(site, c1="menuis*") == {"Menuiserie Lambert"}  # the page's JS adds the *
    assert titles(site, **{"c2[]": "Commerce > Alimentation"}) == {
        "Boulangerie Namuroise", "Boucherie Jambes"}
    assert titles(site, **{"c2[]": ["Artisans", "Commerce > Alimentation > Boucherie"]}) == {
        "Menuiserie Lambert", "Boucherie Jambes"}
    assert titles(site, **{"c3[]": "Wépion"}) == {"Menuiserie Lambert"}
    assert titles(site, **{"c3[]": ["Namur", "Jambes"]}) == {
        "Boulangerie Namuroise", "Boucherie Jambes"}
    assert titles(site, **{"c3[]": "Namur", "c2[]": "Artisans"}) == set()
    # sorted by name (results per page are the listing's own: its widget is hidden)
    page = get(f"{site['search']}/@@faceted_query", params={"c6": "1", "c5": "sortable_title"})
    order = [page.text.index(name) for name in
             ("Boucherie Jambes", "Boulangerie Namuroise", "Menuiserie Lambert")]
    assert order == sorted(order)


def test_counts_of_category_and_locality(site):
    counts = get(f"{site['search']}/@@faceted_counter", params={"cid": "c3"}).json()
    assert counts["Namur"] == 1 and counts["Jambes"] == 1 and counts["Wépion"] == 1
    counts = get(f"{site['search']}/@@faceted_counter", params={"cid": "c2"}).json()
    assert counts["Commerce"] == 2 and counts["Artisans"] == 1
    assert counts["Commerce > Alimentation > Boulangerie"] == 1  # the pending one not counted


def test_open_now_uses_the_current_time(site):
    assert titles(site, c4="selected") == {"Boulangerie Namuroise"}
    # the same entry closed at this minute: the widget follows its hours
    opened, closed = hours_around_now()
    transaction.begin()  # see what the server committed
    business = site["directory"]["boulangerie-namur"]
    with api.env.adopt_roles(["Manager"]):
        business.opening_hours = closed
        business.reindexObject()
        site["directory"]["menuiserie"].opening_hours = opened
        site["directory"]["menuiserie"].reindexObject()
    transaction.commit()
    assert titles(site, c4="selected") == {"Menuiserie Lambert"}


def test_links_between_the_plain_page_and_the_faceted_one(site):
    plain = get(site["url"])
    assert f'href="{site["search"]}"' in plain.text
    faceted = get(site["search"])
    assert f'href="{site["url"]}"' in faceted.text
    assert "directory-plain-link" in faceted.text


def test_results_are_a_list_in_words(site):
    """Name, category (its last part), locality, open or closed now in words; a
    thumbnail only for an entry with a logo; counts on the check boxes."""
    html = get(f"{site['search']}/@@faceted_query").text
    assert 'class="directory-results"' in html and "eea-preview-items" not in html
    assert html.count('class="directory-result"') == 3
    assert ">Menuiserie Lambert</a>" in html and ">Wépion<" in html
    assert ">Menuisier<" in html  # not "Artisans, Menuisier"
    assert "Open now" in html and "Closed now" in html
    assert "directory-result-thumb" not in html  # no logo, no empty image
    criteria = ICriteria(site["directory"][SEARCH_ID])
    assert criteria.get("c2").get("count") is True and criteria.get("c3").get("count") is True
    page = get(site["search"]).text
    assert "faceted-count" in page and 'aria-controls="left-area"' in page


def test_a_logo_gives_a_thumbnail(site):
    from plone.namedfile.file import NamedBlobImage

    import base64

    png = base64.b64decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")
    transaction.begin()
    business = site["directory"]["menuiserie"]
    with api.env.adopt_roles(["Manager"]):
        business.logo = NamedBlobImage(data=png, filename="logo.png")
        business.reindexObject()
    transaction.commit()
    html = get(f"{site['search']}/@@faceted_query").text
    assert html.count("directory-result-thumb") == 1
    assert f"{business.absolute_url()}/@@images/logo/thumb" in html


def test_upgrade_1002_gives_existing_listings_the_list_and_counts(directory):
    search = directory[SEARCH_ID]
    criteria = ICriteria(search)
    with api.env.adopt_roles(["Manager"]):
        # a listing as version 1001 made it: eea's cards, no counts
        criteria.edit("c2", count=False)
        criteria.edit("c3", count=False)
        IFacetedLayout(search).update_layout("faceted-preview-items")
    update_faceted_listings()
    assert IFacetedLayout(search).layout == LAYOUT
    assert criteria.get("c2").get("count") is True and criteria.get("c3").get("count") is True
    update_faceted_listings()  # idempotent
    assert IFacetedLayout(search).layout == LAYOUT
    setup = api.portal.get_tool("portal_setup")
    steps = setup.listUpgrades("communesplone.directory:default", show_old=True)
    assert any(step["dest"] == ("1002",) for step in steps)


def test_upgrade_step_adds_the_listing_to_existing_directories(directory):
    with api.env.adopt_roles(["Manager"]):
        # a directory of version 1000 (no event: the directory would make it again)
        directory._delObject(SEARCH_ID, suppress_events=True)
    assert SEARCH_ID not in directory.objectIds()
    add_faceted_listings()
    assert IDirectorySearch.providedBy(directory[SEARCH_ID])
    add_faceted_listings()  # idempotent
    assert [i for i in directory.objectIds() if i.startswith(SEARCH_ID)] == [SEARCH_ID]
    setup = api.portal.get_tool("portal_setup")
    steps = setup.listUpgrades("communesplone.directory:default", show_old=True)
    assert any(step["dest"] == ("1001",) for step in steps)


def features(site, user=None, **params):
    """The faceted map's GeoJSON, checked by the ``geojson`` package (not ours)."""
    import geojson

    response = get(f"{site['search']}/@@faceted-geojson", user=user, params=params)
    assert response.status_code == 200, response.text[:500]
    assert response.headers["Content-Type"].startswith("application/geo+json")
    collection = geojson.loads(response.text)
    assert collection.is_valid, collection.errors()
    assert collection["type"] == "FeatureCollection"
    return collection


def test_map_follows_the_faceted_query(site):
    collection = features(site)
    assert {f["properties"]["title"] for f in collection["features"]} == PUBLISHED
    assert collection["total"] == 3 and collection["truncated"] is False
    point = collection["features"][0]["geometry"]
    assert point["type"] == "Point" and 4 < point["coordinates"][0] < 5  # longitude first
    # the criteria as the listing sends them to @@faceted_query
    jambes = features(site, **{"c3[]": "Jambes"})
    assert [f["properties"]["title"] for f in jambes["features"]] == ["Boucherie Jambes"]
    both = features(site, **{"c2[]": "Commerce > Alimentation", "c1": "bouch*"})
    assert [f["properties"]["title"] for f in both["features"]] == ["Boucherie Jambes"]
    opened = features(site, c4="selected")
    assert [f["properties"]["title"] for f in opened["features"]] == ["Boulangerie Namuroise"]
    assert opened["features"][0]["properties"]["open_now"] is True
    # a page of the listing is not a page of the map
    assert len(features(site, c6="1", b_start="1")["features"]) == 3


def test_map_never_shows_pending_or_rejected_entries(site):
    for user in (None, "eva"):
        crafted = features(site, user=user, review_state=["pending", "rejected"],
                           portal_type="Document", path="/", **{"c3[]": "Malonne"})
        assert crafted["features"] == []
        titles_ = {f["properties"]["title"] for f in features(site, user=user)["features"]}
        assert titles_ == PUBLISHED


def test_map_holds_at_most_its_limit_and_says_so(site, monkeypatch):
    from communesplone.directory.browser import directory as views

    monkeypatch.setattr(views, "MAP_LIMIT", 2)
    collection = features(site)
    assert len(collection["features"]) == 2
    assert collection["total"] == 3 and collection["truncated"] is True


def test_faceted_page_carries_the_map_and_its_scripts(site):
    page = get(site["search"])
    assert 'id="directory-map"' in page.text and "data-faceted" in page.text
    assert f'data-geojson="{site["search"]}/@@faceted-geojson"' in page.text
    assert "unpkg.com" not in page.text  # Leaflet is served by the site itself
    for name in ("leaflet-1.9.4/leaflet.js", "leaflet-1.9.4/leaflet.css",
                 "leaflet.markercluster-1.5.3/leaflet.markercluster.js",
                 "leaflet-1.9.4/images/marker-icon.png"):
        url = f"{site['portal'].absolute_url()}/++resource++communesplone.directory/vendor/{name}"
        assert get(url).status_code == 200, url


def test_categories_sort_and_pages_in_the_readers_words(site):
    """A Dutch reader filters on "Bakkerij" ("Boulangerie = Bakkerij" in the directory's
    Dutch names), sorts "by name", and never reads eea's "Sortable title" nor "Reverse"."""
    transaction.begin()
    directory = site["directory"]
    api.portal.set_registry_record("communesplone.core.languages", ["fr", "nl"])
    directory.category_names_nl = ["Commerce = Handel", "Alimentation = Voeding",
                                   "Boulangerie = Bakkerij", "Menuisier = Schrijnwerker"]
    transaction.commit()
    dutch = {"Accept-Language": "nl"}
    html = get(f"{site['search']}/@@faceted_query", headers=dutch).text
    assert ">Schrijnwerker<" in html and ">Menuisier<" not in html
    page = get(site["search"], headers=dutch).text
    labels = " ".join(re.findall(r"<label[^>]*>([^<]*)</label>", page))
    assert "Bakkerij" in labels and "Voeding" in labels and "Alimentation" not in labels
    assert "Naam (van A tot Z)" in page
    for machine in ("Sortable title", "Sorteerbare titel", "Results per page"):
        assert machine not in page
    french = get(site["search"], headers={"Accept-Language": "fr"}).text
    labels = " ".join(re.findall(r"<label[^>]*>([^<]*)</label>", french))
    assert "Alimentation" in labels and "Bakkerij" not in labels


def test_pages_of_results_in_words():
    from communesplone.directory.browser.directory import FacetedRows
    from plone.batching import Batch

    class Context:
        def absolute_url(self):
            return "http://nohost/entreprises/search"

    rows = FacetedRows(Context(), None)
    pager = rows.pager(Batch(list(range(45)), 20, 20))
    assert [page["current"] for page in pager["pages"]] == [False, True, False]
    assert pager["previous"].endswith("?b_start:int=0")
    assert pager["next"].endswith("?b_start:int=40")
    assert rows.pager(Batch(list(range(5)), 20, 0)) is None


def test_upgrade_1006_plain_sorting(directory):
    from communesplone.directory.upgrades.v1006 import upgrade

    criteria = ICriteria(directory[SEARCH_ID])
    with api.env.adopt_roles(["Manager"]):
        criteria.edit("c5", vocabulary="eea.faceted.vocabularies.SortingCatalogIndexes")
        criteria.edit("c6", hidden=False)
    upgrade(api.portal.get_tool("portal_setup"))
    assert criteria.get("c5").get("vocabulary") == "communesplone.directory.FacetedSorting"
    assert criteria.get("c6").get("hidden") is True
