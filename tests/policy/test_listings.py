"""The news and events folders' own pages, an event's page: the reader's language,
dates in words (the news folder's page was a 404 from the menu and the front page)."""

from communesplone.policy import listings
from communesplone.policy import structure
from datetime import datetime
from plone import api
from plone.app.testing import logout

import pytest
import re

NUMERIC_OR_ISO = re.compile(r"\b\d{1,2}[-/]\d{1,2}[-/]\d{4}\b|\d{4}-\d{2}-\d{2}T\d{2}")


def _render(context, name, language, **form):
    request = context.REQUEST
    request.set("LANGUAGE", language)
    request.form.update(form)
    return api.content.get_view(name, context, request)()


@pytest.fixture
def folders(integration):
    """A French and a Dutch news item, events to come in both languages and a past one."""
    api.portal.set_registry_record("plone.default_language", "fr")
    api.portal.set_registry_record("communesplone.core.languages", ["fr", "nl"])
    structure.translate_folders()
    news = structure.folder_of("news_folder")
    events = structure.folder_of("events_folder")
    with api.env.adopt_roles(["Manager"]):
        for obj_id, title, language in (("fr1", "Travaux rue Haute", "fr"),
                                        ("nl1", "Werken in de Hoogstraat", "nl")):
            item = api.content.create(container=news, type="News Item", id=obj_id,
                                      title=title, language=language)
            api.content.transition(obj=item, transition="publish")
        for obj_id, title, language, start, end in (
                ("marche", "Marché de Noël", "fr", datetime(2099, 12, 11),
                 datetime(2099, 12, 11, 23, 59)),
                ("markt", "Kerstmarkt", "nl", datetime(2099, 12, 11),
                 datetime(2099, 12, 11, 23, 59)),
                ("raad", "Gemeenteraad", "nl", datetime(2099, 12, 7, 19),
                 datetime(2099, 12, 7, 21)),
                ("oud", "Oude markt", "nl", datetime(2020, 5, 1, 10),
                 datetime(2020, 5, 1, 12))):
            item = api.content.create(container=events, type="Event", id=obj_id, title=title,
                                      language=language, start=start, end=end,
                                      location="Gemeenteplein")
            api.content.transition(obj=item, transition="publish")
    logout()
    return news, events


def test_folders_have_their_own_pages(folders):
    news, events = folders
    assert news.getLayout() == "news_listing"
    assert events.getLayout() == "events_listing"


def test_news_page_in_the_reader_language(folders):
    news, _events = folders
    html = _render(news, "news_listing", "nl")
    assert "Werken in de Hoogstraat" in html and "Travaux rue Haute" not in html
    assert "Nieuws" in html  # the folder's title in Dutch
    assert "Travaux rue Haute" in _render(news, "news_listing", "fr")


def test_events_page_in_words_and_the_reader_language(folders):
    _news, events = folders
    html = _render(events, "events_listing", "nl")
    assert "Kerstmarkt" in html and "Marché de Noël" not in html
    assert "vrijdag 11 december 2099" in html
    assert "maandag 7 december 2099, 19 uur – 21 uur" in html
    assert "Oude markt" not in html and "?past=1" in html
    assert NUMERIC_OR_ISO.search(html.split('id="content-core"')[-1].split("</main>")[0]) is None
    past = _render(events, "events_listing", "nl", past="1")
    assert "Oude markt" in past and "Kerstmarkt" not in past


def test_event_page_dates_in_words_and_no_iso_string_to_read(folders):
    _news, events = folders
    html = _render(events["raad"], "event_view", "nl")
    body = html.split('id="content-core"')[-1]
    assert "maandag 7 december 2099, 19 uur – 21 uur" in body
    assert "UTC" not in body and "hiddenStructure" not in body
    # the dates stay for machines (schema.org), never as text
    assert 'itemprop="startDate"' in body
    assert NUMERIC_OR_ISO.search(re.sub(r"<[^>]+>", " ", body)) is None


def test_event_period_in_words():
    one_day = listings.event_period(datetime(2030, 12, 11), datetime(2030, 12, 11, 23, 59), "fr")
    assert one_day == "mercredi 11 décembre 2030"
    span = listings.event_period(datetime(2030, 12, 11), datetime(2030, 12, 13, 23, 59), "nl")
    assert span == "woensdag 11 december 2030 – vrijdag 13 december 2030"
    hours = listings.event_period(datetime(2030, 12, 11, 14), datetime(2030, 12, 11, 16), "fr")
    assert hours == "mercredi 11 décembre 2030, 14 h – 16 h"


def test_upgrade_1004_moves_the_folders_to_their_pages(integration):
    from communesplone.policy.upgrades.to1004 import upgrade

    news = structure.folder_of("news_folder")
    events = structure.folder_of("events_folder")
    events.setLayout("event_listing")  # plone.app.event's, as sites had it
    news.setLayout("album_view")  # a commune's own choice is kept
    upgrade(integration["portal"].portal_setup)
    assert events.getLayout() == "events_listing"
    assert news.getLayout() == "album_view"


def test_summary_view_of_a_folder_answers(integration):
    """Plone's summary view reuses the listing view's macros (ours replaced it)."""
    news = structure.folder_of("news_folder")
    assert "<html" in api.content.get_view("summary_view", news, news.REQUEST)()
