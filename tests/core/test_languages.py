"""The commune's languages: Plone serves exactly them, the visitor's choice and
browser are honoured, translated titles, mails in the citizen's language."""

from communesplone.core.languages import remember_language
from communesplone.core.languages import translated_description
from communesplone.core.languages import translated_title
from communesplone.core.translations import BEHAVIOR
from communesplone.core.translations import TRANSLATED_TYPES
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from types import SimpleNamespace

import pytest
import re
import requests
import transaction


def serve(*languages, default="fr"):
    """The commune serves ``languages`` (as saving the Commune settings does)."""
    api.portal.set_registry_record("plone.default_language", default)
    api.portal.set_registry_record("communesplone.core.languages", list(languages))


def make_catalog(portal):
    with api.env.adopt_roles(["Manager"]):
        return api.content.create(
            container=portal, type="DocumentCatalog", id="e-guichet", title="E-guichet",
            description="Commandez vos documents.", title_nl="E-loket",
            description_nl="Bestel uw documenten.")


def lang_of(html):
    return re.search(r'<html[^>]*\blang="([^"]*)"', html).group(1)


def switch_of(html):
    """The language switch's links as ``[(hreflang, text, current)]``, or None."""
    nav = re.search(r'<nav class="communesplone-language-switch"[^>]*>(.*?)</nav>', html, re.S)
    if nav is None:
        return None
    return [(attrs["hreflang"], text.strip(), attrs.get("aria-current") == "true")
            for raw, text in re.findall(r"<a ([^>]*)>(.*?)</a>", nav.group(1), re.S)
            for attrs in [dict(re.findall(r'([\w-]+)="([^"]*)"', raw))]]


# -- Plone serves the commune's languages ------------------------------------

def test_vocabulary_offers_the_four_languages(integration):
    from zope.component import getUtility
    from zope.schema.interfaces import IVocabularyFactory

    vocabulary = getUtility(IVocabularyFactory, "communesplone.core.Languages")(None)
    assert [term.value for term in vocabulary] == ["fr", "nl", "en", "de"]


def test_commune_languages_become_the_available_languages(integration):
    serve("fr", "nl")
    assert api.portal.get_registry_record("plone.available_languages") == ["fr", "nl"]
    serve("de", "nl")  # the default language stays served: its content stays readable
    assert api.portal.get_registry_record("plone.available_languages") == ["fr", "nl", "de"]
    assert api.portal.get_registry_record("plone.default_language") == "fr"


def test_negotiation_settings(integration):
    get = api.portal.get_registry_record
    assert get("plone.use_cookie_negotiation") is True
    assert get("plone.use_request_negotiation") is True
    assert get("plone.use_content_negotiation") is False
    assert get("plone.use_path_negotiation") is False
    assert get("plone.use_combined_language_codes") is False
    assert get("plone.display_flags") is False


def test_translations_behavior_on_the_addons_types(integration):
    portal_types = api.portal.get_tool("portal_types")
    for name in TRANSLATED_TYPES:
        assert BEHAVIOR in portal_types[name].behaviors, name
    # an add-on's types imported again (its upgrade step) keep it
    api.portal.get_tool("portal_setup").runImportStepFromProfile(
        "profile-communesplone.eguichet:default", "typeinfo")
    assert BEHAVIOR in portal_types["DocumentType"].behaviors


def test_translation_fields_in_the_edit_form(integration):
    from plone.autoform.interfaces import IFormFieldProvider
    from plone.behavior.interfaces import IBehavior
    from zope.component import getUtility

    schema = getUtility(IBehavior, name=BEHAVIOR).interface
    assert IFormFieldProvider.providedBy(schema)
    [fieldset] = schema.queryTaggedValue("plone.supermodel.fieldsets")
    assert fieldset.__name__ == "translations"
    assert "title_nl" in fieldset.fields and "description_de" in fieldset.fields


# -- Translated titles -------------------------------------------------------

def test_translated_title_from_an_object_and_a_brain(integration):
    serve("fr", "nl")
    catalog = make_catalog(integration["portal"])
    [brain] = api.content.find(UID=catalog.UID())
    for item in (catalog, brain):
        assert translated_title(item, "nl") == "E-loket"
        assert translated_description(item, "nl") == "Bestel uw documenten."
        # no German title: the title itself
        assert translated_title(item, "de") == "E-guichet"
        assert translated_description(item, "fr") == "Commandez vos documents."


def test_translated_title_in_the_request_language(integration):
    serve("fr", "nl")
    catalog = make_catalog(integration["portal"])
    request = integration["request"]
    request["LANGUAGE"] = "nl"
    assert translated_title(catalog) == "E-loket"
    assert "<h1>E-loket</h1>" in catalog.restrictedTraverse("@@title")()
    assert "Bestel uw documenten." in catalog.restrictedTraverse("@@description")()
    request["LANGUAGE"] = "de"  # not served: the default language's title
    assert translated_title(catalog) == "E-guichet"


def test_listings_translate_titles(integration):
    """Plone's listings (a folder's listing_view, collections) read these titles too."""
    from plone.app.contentlisting.interfaces import IContentListing

    serve("fr", "nl")
    catalog = make_catalog(integration["portal"])
    integration["request"]["LANGUAGE"] = "nl"
    [item] = IContentListing(api.content.find(UID=catalog.UID()))
    assert (item.Title(), item.Description()) == ("E-loket", "Bestel uw documenten.")
    integration["request"]["LANGUAGE"] = "fr"
    [item] = IContentListing(api.content.find(UID=catalog.UID()))
    assert item.Title() == "E-guichet"


def test_remember_language_keeps_the_first_one(integration):
    serve("fr", "nl")
    integration["request"]["LANGUAGE"] = "nl"
    order = SimpleNamespace()
    assert remember_language(order) == "nl"
    integration["request"]["LANGUAGE"] = "fr"
    assert remember_language(order) == "nl"  # a clerk's later request does not change it
    other = SimpleNamespace()
    integration["request"]["LANGUAGE"] = "de"  # not served
    assert remember_language(other, "applicant_language") == "fr"


# -- Upgrade -----------------------------------------------------------------

def test_upgrade_to_1003(integration):
    from communesplone.core.upgrades.to1003 import upgrade

    portal = integration["portal"]
    catalog = make_catalog(portal)
    registry = api.portal.get_tool("portal_registry")
    # a site as it was before: Plone's defaults, no behavior, no column
    api.portal.set_registry_record("plone.default_language", "fr")
    registry.records["communesplone.core.languages"].value = ["fr", "nl"]
    for name, value in (("plone.available_languages", ["fr"]),
                        ("plone.use_cookie_negotiation", False),
                        ("plone.use_request_negotiation", False)):
        registry.records[name].value = value  # no event: as an old site has them
    portal_types = api.portal.get_tool("portal_types")
    for name in TRANSLATED_TYPES:
        behaviors = [b for b in portal_types[name].behaviors if b != BEHAVIOR]
        portal_types[name].manage_changeProperties(behaviors=tuple(behaviors))
    portal.portal_catalog.delColumn("language_texts")
    from plone.app.contentlisting.interfaces import IContentListingObject
    from Products.ZCatalog.interfaces import ICatalogBrain

    portal.getSiteManager().unregisterAdapter(required=(ICatalogBrain,),
                                              provided=IContentListingObject)

    upgrade(api.portal.get_tool("portal_setup"))

    assert api.portal.get_registry_record("plone.available_languages") == ["fr", "nl"]
    assert api.portal.get_registry_record("plone.use_cookie_negotiation") is True
    assert api.portal.get_registry_record("plone.use_request_negotiation") is True
    assert all(BEHAVIOR in portal_types[name].behaviors for name in TRANSLATED_TYPES)
    assert portal["e-guichet"].title_nl == "E-loket"  # the content is kept
    [brain] = api.content.find(UID=catalog.UID())
    assert translated_title(brain, "nl") == "E-loket"
    integration["request"]["LANGUAGE"] = "nl"
    assert IContentListingObject(brain).Title() == "E-loket"
    steps = api.portal.get_tool("portal_setup").listUpgrades(
        "communesplone.core:default", show_old=True)
    assert any(step["dest"] == ("1003",) for step in steps)


# -- Over HTTP: negotiation, the switch, the control panel --------------------

@pytest.fixture
def bilingual(functional):
    """A live commune serving French (its default) and Dutch, with an e-guichet."""
    portal = functional["portal"]
    serve("fr", "nl")
    make_catalog(portal)
    transaction.commit()
    return portal.absolute_url()


def get(url, session=None, **headers):
    response = (session or requests).get(url, headers=headers, timeout=60)
    assert response.status_code == 200, response.status_code
    return response


def test_main_navigation_in_the_visitors_language(bilingual):
    def navigation(language):
        html = get(bilingual, **{"Accept-Language": language}).text
        return re.search(r'id="portal-globalnav"(.*?)</ul>', html, re.S).group(1)

    assert "E-loket" in navigation("nl") and "E-guichet" not in navigation("nl")
    assert "E-guichet" in navigation("fr") and "E-loket" not in navigation("fr")


def test_breadcrumbs_in_the_visitors_language(bilingual):
    def crumbs(language):
        html = get(f"{bilingual}/e-guichet", **{"Accept-Language": language}).text
        return re.search(r'id="portal-breadcrumbs"(.*?)</nav>', html, re.S).group(1)

    assert "E-loket" in crumbs("nl") and "E-guichet" not in crumbs("nl")
    assert "E-guichet" in crumbs("fr")


def test_browser_language_honoured(bilingual):
    assert lang_of(get(bilingual, **{"Accept-Language": "nl-BE,nl;q=0.9"}).text) == "nl"
    assert lang_of(get(bilingual, **{"Accept-Language": "fr-BE"}).text) == "fr"
    assert lang_of(get(bilingual).text) == "fr"  # no preference: the default


def test_language_not_served_is_neither_offered_nor_chosen(bilingual):
    page = get(bilingual, **{"Accept-Language": "de-DE,de;q=0.9,en;q=0.5"})
    assert lang_of(page.text) == "fr"
    assert [code for code, _name, _current in switch_of(page.text)] == ["fr", "nl"]
    forced = get(f"{bilingual}?set_language=de")
    assert lang_of(forced.text) == "fr"
    assert "I18N_LANGUAGE" not in forced.cookies


def test_set_language_switches_and_is_remembered(bilingual):
    session = requests.Session()
    page = get(f"{bilingual}/e-guichet?set_language=nl", session, **{"Accept-Language": "fr"})
    assert lang_of(page.text) == "nl"
    assert "<h1>E-loket</h1>" in page.text  # the heading in the visitor's language
    assert re.search(r"<title>E-loket\W", page.text)  # and the browser's tab
    assert session.cookies.get("I18N_LANGUAGE") == "nl"
    # the next page, even with a French browser, stays Dutch
    again = get(bilingual, session, **{"Accept-Language": "fr"})
    assert lang_of(again.text) == "nl"
    assert ("nl", "Nederlands", True) in switch_of(again.text)
    back = get(f"{bilingual}?set_language=fr", session)
    assert lang_of(back.text) == "fr"


def test_switch_on_front_page_addon_page_and_control_panel(bilingual):
    owner = requests.Session()
    owner.auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    for url, session in ((bilingual, None), (f"{bilingual}/e-guichet", None),
                         (f"{bilingual}/@@commune-controlpanel", owner)):
        html = get(url, session, **{"Accept-Language": "nl"}).text
        assert switch_of(html) == [("fr", "Français", False), ("nl", "Nederlands", True)], url
        nav = re.search(r'<nav class="communesplone-language-switch"[^>]*>', html).group(0)
        assert 'aria-label="' in nav
        assert re.search(r'<a [^>]*lang="fr"[^>]*>', html)
    # the links keep the page and add the choice
    assert f'href="{bilingual}/e-guichet?set_language=fr"' in get(
        f"{bilingual}/e-guichet").text


def test_monolingual_commune_has_no_switch(functional):
    serve("fr")
    transaction.commit()
    html = get(functional["portal"].absolute_url(), **{"Accept-Language": "nl"}).text
    assert switch_of(html) is None
    assert lang_of(html) == "fr"


def test_edit_form_offers_the_other_served_languages(bilingual):
    """French is the main title's language: the tab holds Dutch only."""
    session = requests.Session()
    session.auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    html = get(f"{bilingual}/e-guichet/edit", session).text
    names = set(re.findall(r'name="form.widgets.ITranslatedTexts.(\w+)"', html))
    assert names == {"title_nl", "description_nl"}
    assert 'value="E-loket"' in html


def test_control_panel_form_updates_the_available_languages(bilingual):
    session = requests.Session()
    session.auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    page = get(f"{bilingual}/@@commune-controlpanel", session)
    boxes = re.findall(r'<input[^>]*name="form.widgets.languages:list"[^>]*value="(\w+)"',
                       page.text)
    assert boxes == ["fr", "nl", "en", "de"]  # one checkbox a language
    fields = dict(re.findall(r'<input[^>]*name="(_authenticator)"[^>]*value="([^"]*)"',
                             page.text))
    saved = session.post(f"{bilingual}/@@commune-controlpanel", timeout=60, data={
        **fields, "form.widgets.commune_name": "Commune de Démo",
        "form.widgets.languages:list": ["fr", "nl", "de"],
        "form.widgets.languages-empty-marker": "1",
        "form.widgets.assurance_lifetime_low": "240",
        "form.widgets.assurance_lifetime_substantial": "60",
        "form.widgets.assurance_lifetime_high": "30", "form.buttons.save": "Save"})
    assert saved.status_code == 200
    transaction.begin()
    # the record itself: the registry's request cache of this test still holds the old one
    registry = api.portal.get_tool("portal_registry")
    assert registry.records["plone.available_languages"].value == ["fr", "nl", "de"]
    assert lang_of(get(bilingual, **{"Accept-Language": "de"}).text) == "de"


# -- Mails in the citizen's language -----------------------------------------

def test_dutch_booking_gets_dutch_mails(bilingual, functional, smtp_server):
    """A Dutch visitor books over REST; a French clerk confirms: both mails are Dutch."""
    from datetime import datetime
    from datetime import timedelta
    from smtp import use_server
    from zoneinfo import ZoneInfo

    portal = functional["portal"]
    use_server(smtp_server.port)
    api.portal.set_registry_record("plone.portal_timezone", "Europe/Brussels")
    with api.env.adopt_roles(["Manager"]):
        folder = api.content.create(container=portal, type="ResourceFolder", id="salles",
                                    title="Salles")
        resource = api.content.create(
            container=folder, type="Resource", id="salle", title="Salle communale",
            title_nl="Gemeentezaal", slot_minutes=60, min_minutes=60, max_minutes=240,
            horizon_days=180, needs_approval=True, audience="anonymous", capacity=50,
            closed_on_holidays=False, hours_sunday="08:00-22:00")
    transaction.commit()
    # the booking folder's page lists the room in the visitor's language
    listing = get(folder.absolute_url(), **{"Accept-Language": "nl"}).text
    assert "Gemeentezaal" in listing and "Salle communale" not in listing
    now = datetime.now(ZoneInfo("Europe/Brussels"))
    day = now.date() + timedelta(days=14 - now.weekday())
    start = datetime(day.year, day.month, day.day, 10, tzinfo=ZoneInfo("Europe/Brussels"))
    response = requests.post(
        resource.absolute_url(), timeout=60,
        headers={"Accept": "application/json", "Accept-Language": "nl-BE,nl;q=0.9"},
        json={"@type": "Booking", "start": start.isoformat(),
              "end": (start + timedelta(hours=1)).isoformat(),
              "requester_name": "Jan Peeters", "requester_email": "jan@example.org",
              "purpose": "Vergadering", "attendees": 10})
    assert response.status_code == 201, response.text
    transaction.begin()
    [brain] = api.content.find(portal_type="Booking", context=resource)
    booking = brain.getObject()
    assert booking.request_language == "nl"
    with api.env.adopt_roles(["Manager"]):  # the clerk's own request is French
        integration_request = api.env.getRequest()
        integration_request["LANGUAGE"] = "fr"
        api.content.transition(obj=booking, transition="confirm")
    transaction.commit()
    mails = {message["Subject"]: message.get_body(("plain",)).get_content()
             for _sender, recipients, message in smtp_server.inbox.messages
             if recipients == ["jan@example.org"]}
    assert "Reservering bevestigd: Gemeentezaal" in mails, list(mails)
    assert "Reserveringsaanvraag ontvangen: Gemeentezaal" in mails, list(mails)
    assert "Hallo" in mails["Reservering bevestigd: Gemeentezaal"] or \
        "Jan Peeters" in mails["Reservering bevestigd: Gemeentezaal"]


def test_switch_on_a_page_written_in_one_language_leads_to_its_folder(integration):
    """A French news item has no Dutch version of itself: "Nederlands" there leads to
    the news in Dutch (its folder), not to the French text in a Dutch frame."""
    from communesplone.core.browser.languages import written_in_other_language

    portal = integration["portal"]
    with api.env.adopt_roles(["Manager"]):
        folder = api.content.create(container=portal, type="Folder", id="nouvelles")
        news = api.content.create(container=folder, type="News Item", id="travaux",
                                  title="Travaux", language="fr")
        neutral = api.content.create(container=folder, type="News Item", id="bxl",
                                     title="Bruxelles 2030", language="")
    assert written_in_other_language(news, "nl") == folder.absolute_url()
    assert written_in_other_language(news, "fr") is None
    assert written_in_other_language(neutral, "nl") is None  # every language's item
    assert written_in_other_language(folder, "nl") is None  # a folder lists each language
