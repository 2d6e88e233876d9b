"""The catalogues are complete, compiled at start-up, and pages speak the site's language."""

from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD

import polib
import re
import pytest
import requests
import transaction

from layout import LOCALES
from layout import package_glob


@pytest.mark.parametrize("language", ["fr", "nl", "de", "en"])
def test_catalogue_complete(language):
    # i18ndude's header comments ("#--- PLEASE EDIT ...") are not read by polib.
    pot_text = (LOCALES / "communesplone.pot").read_text()
    pot = polib.pofile(re.sub(r"(?m)^#[^.:, |].*\n", "", pot_text))
    po = polib.pofile(str(LOCALES / language / "LC_MESSAGES" / "communesplone.po"))
    translated = {entry.msgid for entry in po.translated_entries()}
    missing = sorted({entry.msgid for entry in pot} - translated)
    assert missing == []
    assert po.fuzzy_entries() == []


@pytest.mark.parametrize("language", ["fr", "nl", "de", "en"])
def test_translations_keep_the_line_breaks_and_variables(language):
    """A translation has the line breaks of its default (not a literal backslash-n)
    and the same ``${variables}``."""
    po = polib.pofile(str(LOCALES / language / "LC_MESSAGES" / "communesplone.po"))
    literal = [entry.msgid for entry in po if "\\n" in entry.msgstr]
    assert literal == []
    pot_text = (LOCALES / "communesplone.pot").read_text()
    pot = polib.pofile(re.sub(r"(?m)^#[^.:, |].*\n", "", pot_text))
    defaults = {}
    for entry in pot:
        found = re.search(r'Default: "(.*)"\s*$', " ".join(entry.comment.splitlines()))
        if found:
            defaults[entry.msgid] = set(re.findall(r"\$\{(\w+)\}", found.group(1)))
    mismatched = [entry.msgid for entry in po if entry.msgid in defaults and entry.msgstr
                  and set(re.findall(r"\$\{(\w+)\}", entry.msgstr)) != defaults[entry.msgid]]
    assert mismatched == []


def test_mo_compiled_at_start_up(bare):
    # zope.i18n compiles the .po files when the ZCML is loaded (by the layers: ``bare``
    # loads it, whichever file a worker of ``make test`` ran first).
    for language in ("fr", "nl", "de", "en"):
        for domain in ("communesplone", "plone"):
            assert (LOCALES / language / "LC_MESSAGES" / f"{domain}.mo").exists()


@pytest.mark.parametrize(
    ("language", "label", "help_text"),
    [
        ("fr", "Nom de la commune", "Langues activées"),
        ("nl", "Naam van de gemeente", "Ingeschakelde talen"),
        ("de", "Name der Gemeinde", "Aktivierte Sprachen"),
        ("en", "Name of the commune", "Enabled languages"),
    ],
)
def test_controlpanel_in_the_site_language(functional, language, label, help_text):
    api.portal.set_registry_record("plone.available_languages", [language])
    api.portal.set_registry_record("plone.default_language", language)
    transaction.commit()
    page = requests.get(
        f"{functional['portal'].absolute_url()}/@@commune-controlpanel",
        auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD), timeout=60,
    )
    assert page.status_code == 200
    assert f'lang="{language}"' in page.text
    assert label in page.text
    assert help_text in page.text


# --- Workflow state and transition titles -------------------------------------------------
#
# Plone shows them by the English title of the definition, translated in the ``plone``
# domain: the status menu (state title, ``<action>`` text), the history viewlet
# (transition title), plone.restapi's ``@workflow`` and the faceted state filter.

LANGUAGES = ["fr", "nl", "de", "en"]
DEFINITIONS = package_glob("*/profiles/default/workflows/*/definition.xml")

#: Titles that are the same word in a language by nature (none today).
SAME_WORD = {"fr": set(), "nl": set(), "de": set()}


def workflow_titles():
    """Every state title, transition title and action text of the add-ons' workflows."""
    from lxml import etree

    titles = set()
    for path in DEFINITIONS:
        root = etree.parse(str(path)).getroot()
        titles.update(state.get("title") for state in root.findall("state"))
        for transition in root.findall("transition"):
            titles.add(transition.get("title"))
            action = transition.find("action")
            if action is not None and action.text:
                titles.add(action.text.strip())
    return sorted(title for title in titles if title)


def test_every_addon_workflow_is_read():
    workflows = {path.parent.name for path in DEFINITIONS}
    assert {"communesplone_booking_workflow", "communesplone_documentorder_workflow",
            "communesplone_business_workflow", "communesplone_meeting_workflow",
            "communesplone_meetingitem_workflow"} <= workflows
    assert "Awaiting payment" in workflow_titles()
    assert "Take it" in workflow_titles()


@pytest.mark.parametrize("language", LANGUAGES)
def test_workflow_catalogue_complete(language):
    """Our ``plone.po`` holds every title: Plone's own catalogue knows only a few."""
    po = polib.pofile(str(LOCALES / language / "LC_MESSAGES" / "plone.po"))
    translated = {entry.msgid for entry in po.translated_entries()}
    assert sorted(set(workflow_titles()) - translated) == []
    assert po.fuzzy_entries() == []
    assert po.metadata["Domain"] == "plone"


@pytest.mark.parametrize("language", LANGUAGES)
def test_workflow_titles_translated_where_plone_reads_them(bare, language):
    """Whichever catalogue of the ``plone`` domain answers first (plone.app.locales or
    ours), every title reads in the language, not in English."""
    from zope.i18n import translate

    english = []
    for title in workflow_titles():
        text = translate(title, domain="plone", target_language=language)
        assert text.strip()
        if language != "en" and text == title and title not in SAME_WORD[language]:
            english.append(title)
    assert english == []


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", {"Awaiting payment": "En attente de paiement", "Ready": "Prête à retirer",
                "Confirmed": "Confirmée", "Refused": "Refusée", "Cancelled": "Annulée",
                "Take it": "Prendre en charge", "Mark ready": "Marquer comme prête",
                "Deliver": "Délivrer", "Confirm the payment": "Confirmer le paiement",
                "Freeze the agenda and convene": "Figer l'ordre du jour et convoquer",
                "Back to draft": "Revenir au brouillon",
                "Rejected by the assembly": "Rejeté"}),
        ("nl", {"Awaiting payment": "In afwachting van betaling",
                "Ready": "Klaar om af te halen", "Take it": "In behandeling nemen",
                "Confirmed": "Bevestigd"}),
        ("de", {"Awaiting payment": "Warten auf Zahlung", "Take it": "Übernehmen",
                "In session": "In Sitzung"}),
    ],
)
def test_workflow_words_as_people_read_them(bare, language, expected):
    from zope.i18n import translate

    found = {title: translate(title, domain="plone", target_language=language)
             for title in expected}
    assert found == expected


def test_an_agenda_item_and_a_booking_are_refused_each_in_its_own_words():
    """Agenda items and bookings do not share the English title of their refused state,
    so French can say "Rejeté" of an item and "Refusée" of a booking."""
    from lxml import etree

    def refused(workflow):
        [path] = [path for path in DEFINITIONS if path.parent.name == workflow]
        return etree.parse(str(path)).getroot().find("state[@state_id='refused']").get("title")

    assert refused("communesplone_meetingitem_workflow") == "Rejected by the assembly"
    assert refused("communesplone_booking_workflow") == "Refused"


def test_no_state_is_titled_as_a_date():
    """"Created" is the creation date of Plone's listings and of the dashboards' date
    filter: a state titled so would make them read "En préparation"."""
    assert "Created" not in workflow_titles()


def test_upgrade_renames_the_states(integration):
    from communesplone.deliberations.upgrades.to1002 import upgrade
    from plone import api

    tool = api.portal.get_tool("portal_workflow")
    item = tool.getWorkflowById("communesplone_meetingitem_workflow")
    meeting = tool.getWorkflowById("communesplone_meeting_workflow")
    # as a site at 1001 has them
    item.states["refused"].title = "Refused"
    item.states["created"].title = meeting.states["created"].title = "Created"
    upgrade()
    assert item.states["refused"].title == "Rejected by the assembly"
    assert item.states["created"].title == "In preparation"
    assert meeting.states["created"].title == "In preparation"
    assert "refuse" in item.states["frozen"].transitions  # the rest is untouched


# --- Faceted criteria titles ------------------------------------------------------------------

FACETED = package_glob("*/faceted*/*.xml")
SAME_CRITERION = {"fr": {"Date"}, "nl": {"Dashboards"}, "de": {"Dashboards"}}


def criterion_titles():
    titles = set()
    for path in FACETED:
        titles.update(re.findall(r'<property name="title">([^<]+)</property>', path.read_text()))
    return sorted(titles)


@pytest.mark.parametrize("language", ["fr", "nl", "de"])
def test_faceted_criteria_in_the_language(bare, language):
    """eea.facetednavigation translates a criterion's title in "eea", then "plone":
    the directory search (citizens) and the staff dashboards read in the language."""
    from zope.i18n import translate

    assert {"Locality", "Open now", "Category"} <= set(criterion_titles())
    english = []
    for title in criterion_titles():
        text = translate(title, domain="eea", target_language=language)
        if text == title:
            text = translate(title, domain="plone", target_language=language)
        if text == title and title not in SAME_CRITERION[language]:
            english.append(title)
    assert english == []


# --- Template strings ------------------------------------------------------------------------

TEMPLATES = package_glob("**/*.pt")


def template_msgids():
    """``(template, msgid)`` of every explicit ``i18n:translate`` and ``i18n:attributes``."""
    found = []
    for path in TEMPLATES:
        text = path.read_text()
        for match in re.finditer(r'i18n:translate="([^"]*)"', text):
            if match.group(1):
                found.append((path.name, match.group(1)))
        for match in re.finditer(r'i18n:attributes="([^"]*)"', text):
            for part in match.group(1).split(";"):
                bits = part.split()
                if len(bits) == 2:
                    found.append((path.name, bits[1]))
    return found


def test_templates_are_read():
    names = {name for name, _msgid in template_msgids()}
    assert {"order.pt", "booking.pt", "business.pt", "meeting.pt"} <= names
    assert len(template_msgids()) > 300


def test_every_template_msgid_is_in_the_pot():
    pot_text = (LOCALES / "communesplone.pot").read_text()
    pot = {entry.msgid for entry in polib.pofile(re.sub(r"(?m)^#[^.:, |].*\n", "", pot_text))}
    missing = sorted({f"{name}: {msgid}" for name, msgid in template_msgids()
                      if msgid not in pot})
    assert missing == []


def test_templates_name_their_domain():
    """A template without ``i18n:domain`` would look its msgids up in no catalogue.

    The council's documents are one template per language (agenda.fr.pt...): they
    are written in their language and translate nothing."""
    undeclared = [path.name for path in TEMPLATES
                  if "i18n:" in path.read_text() and 'i18n:domain="' not in path.read_text()]
    assert undeclared == []


# --- Live: the status menu and @workflow speak the page's language ---------------------------

@pytest.fixture
def live_order(functional):
    """An order of alice (a citizen) that paula (population service) processes."""
    from eguichet.eguichethelpers import make_site
    from eguichet.eguichethelpers import order

    site = make_site(functional["portal"])
    with api.env.adopt_user(username="alice"):
        made = order(site.catalog, site.regulation)
    transaction.commit()
    return made


def _site_languages(languages, negotiate=False):
    api.portal.set_registry_record("plone.available_languages", languages)
    api.portal.set_registry_record("plone.default_language", languages[0])
    api.portal.set_registry_record("plone.use_request_negotiation", negotiate)
    transaction.commit()


def _status_menu(html):
    """The text of Plone's workflow menu in the toolbar (state and transitions)."""
    from lxml import html as lxml_html

    [menu] = lxml_html.fromstring(html).xpath(
        "//li[@id='plone-contentmenu-workflow']")
    return " ".join(menu.text_content().split())


@pytest.mark.parametrize(
    ("language", "state", "actions", "english"),
    [
        ("fr", "Reçue", ["Prendre en charge", "Demander le paiement"],
         ["Submitted", "Take it", "Ask for payment"]),
        ("nl", "Ontvangen", ["In behandeling nemen", "Betaling vragen"],
         ["Submitted", "Take it", "Ask for payment"]),
    ],
)
def test_status_menu_of_an_order_in_the_site_language(live_order, language, state, actions,
                                                       english):
    from eguichet.eguichethelpers import PASSWORD

    _site_languages([language])
    assert api.content.get_state(live_order) == "submitted"
    page = requests.get(live_order.absolute_url(), auth=("paula", PASSWORD), timeout=60)
    assert page.status_code == 200
    menu = _status_menu(page.text)
    assert state in menu
    for action in actions:
        assert action in menu
    for word in english:
        assert word not in menu


@pytest.mark.parametrize(
    ("language", "state", "action"),
    [("fr", "Reçue", "Prendre en charge"), ("nl", "Ontvangen", "In behandeling nemen"),
     ("de", "Eingegangen", "Übernehmen"), ("en", "Submitted", "Take it")],
)
def test_rest_workflow_titles_follow_accept_language(live_order, language, state, action):
    from eguichet.eguichethelpers import PASSWORD

    _site_languages(["fr", "nl", "de", "en"], negotiate=True)
    answer = requests.get(f"{live_order.absolute_url()}/@workflow",
                          headers={"Accept": "application/json",
                                   "Accept-Language": language},
                          auth=("paula", PASSWORD), timeout=60)
    assert answer.status_code == 200
    body = answer.json()
    assert body["state"]["title"] == state
    assert action in [transition["title"] for transition in body["transitions"]]
    assert body["history"][0]["title"] == state


@pytest.mark.parametrize(
    ("language", "state", "payment"),
    [("fr", "Reçue", "Non payée"), ("nl", "Ontvangen", None), ("de", "Eingegangen", None)],
)
def test_our_order_lists_say_the_state_in_words(live_order, language, state, payment):
    """The staff dashboard and "my orders" use the status menu's words, not ids."""
    from eguichet.eguichethelpers import PASSWORD
    from lxml import html as lxml_html

    _site_languages([language])
    catalog = live_order.aq_parent.absolute_url()
    for user, url in (("paula", f"{catalog}/@@orders-dashboard?filter=all"),
                      ("alice", f"{api.portal.get().absolute_url()}/@@my-orders")):
        page = requests.get(url, auth=(user, PASSWORD), timeout=60)
        assert page.status_code == 200, url
        [table] = lxml_html.fromstring(page.text).xpath("//table")
        cells = [" ".join(cell.text_content().split()) for cell in table.xpath(".//td")]
        assert state in cells, (user, cells)
        assert not {"submitted", "unpaid", "paid"} & set(cells), (user, cells)
        if payment and user == "paula":
            assert payment in cells


def test_types_and_control_panels_are_in_the_catalogue():
    """The titles and descriptions of our content types and control panels (add menu,
    folder contents, Site Setup) are msgids of the ``communesplone`` catalogue."""
    from lxml import etree

    pot_text = (LOCALES / "communesplone.pot").read_text()
    pot = {entry.msgid for entry in polib.pofile(re.sub(r"(?m)^#[^.:, |].*\n", "", pot_text))}
    profiles = package_glob("*/profiles/default")
    texts = []
    for profile in profiles:
        for path in sorted(profile.glob("types/*.xml")):
            root = etree.parse(str(path)).getroot()
            if root.find("property[@name='title']") is None:
                continue  # a change to another package's type (DashboardCollection)
            assert root.get("{http://xml.zope.org/namespaces/i18n}domain") == "communesplone"
            texts += [(path.name, prop.text.strip()) for prop in root.findall("property")
                      if prop.get("name") in ("title", "description") and (prop.text or "").strip()]
        panel = profile / "controlpanel.xml"
        if panel.exists():
            texts += [(panel.name, configlet.get("title"))
                      for configlet in etree.parse(str(panel)).getroot().iter("configlet")]
    assert len(texts) > 20
    assert [(name, text) for name, text in texts if text not in pot] == []


def test_an_order_awaiting_payment_offers_distinct_buttons(functional):
    """One button per action: the payment is recorded by "Marquer comme payée" only (the
    bare transition is not offered beside it), and the applicant's level in words."""
    from eguichet.eguichethelpers import make_site
    from eguichet.eguichethelpers import order
    from eguichet.eguichethelpers import PASSWORD
    from lxml import html as lxml_html

    site = make_site(functional["portal"])
    with api.env.adopt_user(username="alice"):
        made = order(site.catalog, site.residence)
    transaction.commit()
    assert api.content.get_state(made) == "awaiting_payment"
    _site_languages(["fr"])
    page = requests.get(made.absolute_url(), auth=("paula", PASSWORD), timeout=60)
    tree = lxml_html.fromstring(page.text)
    buttons = [" ".join(button.text_content().split())
               for button in tree.xpath("//section[contains(@class, 'eguichet-staff')]//button")]
    assert "Marquer comme payée" in buttons and "Confirmer le paiement" not in buttons
    assert len(buttons) == len(set(buttons)), buttons
    [section] = tree.xpath("//section[@aria-labelledby='eguichet-applicant-title']")
    values = [" ".join(dd.text_content().split()) for dd in section.xpath(".//dd")]
    # a password account with a confirmed e-mail address meets "low" (docs/eid.md)
    assert "faible" in values and "low" not in values
