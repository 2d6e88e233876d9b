"""The commune's front page, navigation, search and identity (issue 14, items 1 and 2).

What a visitor sees on the site root, in the main navigation, in the search results,
and in the header and footer of every page; what the "Commune" control panel accepts.
"""

from communesplone.core.constraints import InsufficientContrast
from communesplone.core.constraints import InvalidColor
from communesplone.core.constraints import primary_color_constraint
from communesplone.core.identity import contrast_ratio
from communesplone.core.identity import contrast_with_white
from communesplone.policy import frontpage
from communesplone.policy import structure
from DateTime import DateTime
from plone import api
from plone.app.testing import logout
from zope.i18n import translate

import pytest
import pytz

TIMEZONE = pytz.timezone("Europe/Brussels")


@pytest.fixture
def demo(integration):
    """The demo commune's content (every add-on's and the portal's)."""
    from communesplone.policy.demo import post_install

    api.portal.set_registry_record("plone.default_language", "fr")
    api.portal.set_registry_record("communesplone.core.languages", ["fr", "nl"])
    post_install(None)
    return integration["portal"]


def home(portal, language="fr"):
    request = portal.REQUEST
    request["LANGUAGE"] = language
    request.set("LANGUAGE", language)
    view = api.content.get_view("commune-home", portal, request)
    return view()


# The front page


def test_site_root_shows_the_services_page(integration):
    portal = integration["portal"]
    assert portal.getLayout() == "commune-home"
    assert "commune-home" in portal.portal_types["Plone Site"].view_methods


def test_demo_front_page_navigation_search_and_languages(demo):
    """One demo commune (its content takes a while to make), everything a visitor meets."""
    with api.env.adopt_roles(["Manager"]):
        neutral = api.content.create(container=structure.folder_of("news_folder"),
                                     type="News Item", id="neutre", title="Bruxelles 2030")
        api.content.transition(obj=neutral, transition="publish")
    logout()
    # the four tiles, in order, to the add-ons' folders
    tiles = frontpage.service_tiles(demo)
    assert [tile["id"] for tile in tiles] == ["documents", "booking", "directory", "council"]
    urls = [tile["url"] for tile in tiles]
    assert urls == [demo[name].absolute_url() for name in
                    ("e-guichet", "reservations", "entreprises", "conseil-communal")]
    assert [translate(tile["title"], target_language="fr") for tile in tiles] == [
        "Demander un document", "Réserver une salle ou du matériel",
        "Commerces et associations", "Conseil communal"]
    html = home(demo)
    for url in urls:
        assert f'href="{url}"' in html
    # news and events of the visitor's language, and those for every language
    french = [brain.Title for brain in frontpage.latest_news("fr", count=10)]
    dutch = [brain.Title for brain in frontpage.latest_news("nl", count=10)]
    assert "Travaux sur la place communale" in french
    assert "Werken op het gemeenteplein" in dutch
    assert "Werken op het gemeenteplein" not in french
    assert "Travaux sur la place communale" not in dutch
    assert "Bruxelles 2030" in french and "Bruxelles 2030" in dutch
    # soonest first; the council's public session is the day of its next meeting
    assert [brain.Title for brain in frontpage.upcoming_events("fr")] == [
        "Marché de Noël", "Atelier : vos démarches en ligne",
        "Séance publique du conseil communal"]
    assert [brain.Title for brain in frontpage.upcoming_events("nl")] == [
        "Kerstmarkt", "Workshop: uw aanvragen online", "Openbare zitting van de gemeenteraad"]
    session = frontpage.upcoming_events("fr")[-1]
    meeting = demo["conseil-communal"]["prochaine-seance"]
    # the same day and hour on the wall clock (the test site's timezone is UTC)
    assert (session.start.date(), session.start.hour) == (meeting.date.date(),
                                                          meeting.date.hour)
    assert "Séance publique du conseil communal" in html
    assert "Openbare zitting van de gemeenteraad" not in html
    assert "Werken op het gemeenteplein" not in html
    # the navigation: the services first, then the news and the events
    ids = [brain.getId for brain in api.content.find(
        context=demo, depth=1, exclude_from_nav=False, sort_on="getObjPositionInParent")]
    services = ["e-guichet", "reservations", "entreprises", "conseil-communal",
                "college-communal", "actualites", "agenda"]
    # (another test of the same layer may leave a page of its own at the root)
    assert ids[:len(services)] == services
    # no navigation portlet repeating the page's own name beside a service
    from plone.portlets.interfaces import IPortletAssignmentMapping
    from plone.portlets.interfaces import IPortletManager
    from zope.component import getMultiAdapter
    from zope.component import getUtility

    left = getUtility(IPortletManager, name="plone.leftcolumn", context=demo)
    assert "navigation" not in getMultiAdapter((demo, left), IPortletAssignmentMapping)
    # search: services, document types, businesses, published decisions only
    not_searched = api.portal.get_registry_record("plone.types_not_searched")
    for portal_type in ("DocumentCatalog", "DocumentType", "BusinessDirectory", "Business",
                        "ResourceFolder", "Resource", "Assembly", "MeetingItem"):
        assert portal_type not in not_searched

    def found(text):
        return {(brain.portal_type, brain.Title) for brain in
                api.content.find(SearchableText=text)}

    assert ("DocumentType", "Extrait d'acte de naissance") in found("naissance")
    assert ("Business", "Boulangerie Dubois") in found("boulangerie")
    assert ("MeetingItem", "Compte communal 2025") in found("compte")
    assert ("ResourceFolder", "Réserver une salle ou du matériel") in found("réserver")
    assert not any(kind == "MeetingItem" for kind, _title in found("nomination"))
    # the legal pages in both languages, the logo
    from communesplone.core.identity import legal_page_url
    from plone.formwidget.namedfile.converter import b64decode_file

    assert demo["toegankelijkheidsverklaring"].language == "nl"
    assert demo["privacy"].language == "nl"
    assert legal_page_url("accessibility_pages", "nl").endswith("/toegankelijkheidsverklaring")
    assert legal_page_url("accessibility_pages", "fr").endswith("/declaration-accessibilite")
    assert legal_page_url("privacy_pages", "de").endswith("/vie-privee")  # the first one
    filename, data = b64decode_file(api.portal.get_registry_record("plone.site_logo"))
    assert filename.endswith(".svg") and b"<svg" in data


def make_service_folders(portal):
    with api.env.adopt_roles(["Manager"]):
        for portal_type, folder_id in (("DocumentCatalog", "e-guichet"),
                                       ("ResourceFolder", "reservations"),
                                       ("BusinessDirectory", "entreprises")):
            folder = api.content.create(container=portal, type=portal_type, id=folder_id,
                                        title=folder_id)
            api.content.transition(obj=folder, to_state="published")


def test_tile_hidden_when_its_addon_is_not_installed(integration):
    from plone.base.utils import get_installer

    portal = integration["portal"]
    make_service_folders(portal)
    assert [tile["id"] for tile in frontpage.service_tiles(portal)] == [
        "documents", "booking", "directory"]
    installer = get_installer(portal, portal.REQUEST)
    assert installer.uninstall_product("communesplone.booking")
    assert [tile["id"] for tile in frontpage.service_tiles(portal)] == [
        "documents", "directory"]


def test_events_are_dated_in_words():
    class Brain:  # a catalog brain of an event: its start, as Plone stores it
        start = DateTime("2026/12/15 17:30:00 UTC")  # 18 h 30 in Brussels

    words = frontpage.event_when(Brain, "nl")
    assert words.startswith("dinsdag 15 december") and words.endswith("18.30 uur")
    Brain.start = DateTime("2026/12/14 23:00:00 UTC")  # midnight in Brussels
    assert frontpage.event_when(Brain, "fr").startswith("mardi 15 décembre")
    assert "," not in frontpage.event_when(Brain, "fr")  # a whole day: no hour


def test_front_page_shows_hours_and_contact_from_the_control_panel(integration):
    portal = integration["portal"]
    api.portal.set_registry_record("communesplone.core.opening_hours",
                                   ["Lundi : 8 h – 12 h", "Mardi : fermé"])
    api.portal.set_registry_record("communesplone.core.phone", "081 24 60 00")
    api.portal.set_registry_record("communesplone.core.email", "info@namur.be")
    api.portal.set_registry_record("communesplone.core.postal_address",
                                   "Hôtel de Ville\n5000 Namur")
    logout()
    html = home(portal)
    contact = html.split('class="cp-home-contact"')[1]
    for text in ("Lundi : 8 h – 12 h", "Mardi : fermé", 'href="tel:081246000"',
                 "mailto:info@namur.be", "5000 Namur"):
        assert text in contact
    assert "text_home_no_news" not in html and "No news at the moment." in html


# The commune's identity


def test_contrast_ratio_is_the_wcag_one():
    assert round(contrast_ratio("#ffffff", "#000000"), 1) == 21.0
    assert round(contrast_ratio("#ffffff", "#767676"), 2) == 4.54
    assert contrast_with_white("#1d4f91") >= 4.5


def test_primary_color_refused_when_white_text_is_unreadable(integration):
    assert primary_color_constraint("#1d4f91")
    assert primary_color_constraint("")
    with pytest.raises(InvalidColor):
        primary_color_constraint("bleu")
    with pytest.raises(InsufficientContrast) as refused:
        primary_color_constraint("#ffcc00")
    message = translate(refused.value.doc(), target_language="fr")
    assert "1,5:1" in message and "4,5:1" in message and "plus foncée" in message
    message = translate(refused.value.doc(), target_language="nl")
    assert "1,5:1" in message and "donkerdere" in message


def test_control_panel_refuses_a_pale_colour_in_french(integration):
    """Through the form a site administrator uses: the value is refused, the message says why."""
    from communesplone.core.controlpanel import CommuneSettingsEditForm

    portal = integration["portal"]
    request = portal.REQUEST
    request.form.update({
        "form.widgets.commune_name": "Commune de Démo",
        "form.widgets.languages": ["fr"],
        "form.widgets.primary_color": "#7fb3ff",
        "form.widgets.assurance_lifetime_low": "240",
        "form.widgets.assurance_lifetime_substantial": "60",
        "form.widgets.assurance_lifetime_high": "30",
        "form.buttons.save": "Enregistrer",
    })
    request["LANGUAGE"] = "fr"
    form = CommuneSettingsEditForm(portal, request)
    form.update()
    data, errors = form.extractData()
    messages = [translate(error.message, context=request, target_language="fr")
                for error in errors]
    assert any("contraste de 2," in message and "4,5:1" in message
               for message in messages), messages
    assert api.portal.get_registry_record("communesplone.core.primary_color") == "#1d4f91"


def test_colours_are_css_custom_properties(integration):
    from communesplone.core.identity import theme_css

    api.portal.set_registry_record("communesplone.core.primary_color", "#7A1F1F")
    assert "--cp-primary:#7a1f1f" in theme_css()


def test_legal_pages_made_by_the_preset_and_linked(integration):
    portal = integration["portal"]
    for page_id in ("declaration-accessibilite", "vie-privee"):
        page = portal[page_id]
        assert api.content.get_state(page) == "published"
        assert page.language == "fr"
        assert "[" in page.text.raw  # a template the commune completes
    assert api.portal.get_registry_record("communesplone.core.accessibility_pages") == [
        "/declaration-accessibilite"]


def test_upgrades_bring_an_old_site_to_the_front_page_and_keep_its_content(integration):
    from communesplone.policy.upgrades.to1002 import OLD_DEMO_DESCRIPTION
    from plone.registry.interfaces import IRegistry
    from zope.component import getUtility

    demo = integration["portal"]
    with api.env.adopt_roles(["Manager"]):
        api.content.create(container=demo, type="Document", id="infos", title="Infos")
        api.content.create(container=demo["actualites"], type="News Item", id="n1",
                           title="Nouvelle")
    api.portal.set_registry_record("communesplone.core.site_preset", "demo")
    setup_tool = demo.portal_setup
    # a site as it was: Plone's listing, the English tagline, no new records
    demo.setLayout("listing_view")
    demo.setDescription(OLD_DEMO_DESCRIPTION)
    registry = getUtility(IRegistry)
    for name in ("primary_color", "opening_hours", "accessibility_pages", "privacy_pages"):
        del registry.records[f"communesplone.core.{name}"]
    for prefix in ("plone.bundles/communesplone-theme", "plone.bundles/communesplone-portal"):
        for name in [name for name in registry.records if name.startswith(prefix)]:
            del registry.records[name]
    before = {brain.getPath() for brain in api.content.find(unrestricted=True)}
    setup_tool.setLastVersionForProfile("communesplone.core:default", "1002")
    setup_tool.setLastVersionForProfile("communesplone.policy:default", "1001")
    setup_tool.upgradeProfile("communesplone.core:default")
    setup_tool.upgradeProfile("communesplone.policy:default")
    assert demo.getLayout() == "commune-home"
    assert api.portal.get_registry_record("communesplone.core.site_preset") == "demo"
    assert demo.Description().startswith("Vos démarches en ligne")
    assert api.portal.get_registry_record("communesplone.core.primary_color") == "#1d4f91"
    assert api.portal.get_registry_record("communesplone.core.accessibility_pages")
    assert api.portal.get_registry_record(
        "plone.bundles/communesplone-theme.csscompilation").endswith("theme.css")
    after = {brain.getPath() for brain in api.content.find(unrestricted=True)}
    assert before <= after
    for profile in ("communesplone.core:default", "communesplone.policy:default"):
        assert setup_tool.getLastVersionForProfile(profile) == (
            setup_tool.getVersionForProfile(profile),)


def test_upgrade_keeps_a_front_page_the_commune_chose(integration):
    from communesplone.policy.upgrades.to1002 import upgrade

    portal = integration["portal"]
    portal.setLayout("summary_view")
    portal.setLayout("my-own-view")
    upgrade(portal.portal_setup)
    assert portal.getLayout() == "my-own-view"
