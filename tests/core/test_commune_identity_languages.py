"""The commune's name and address in each language the commune serves (core 1011):
a Dutch reader of a bilingual commune reads "Gemeente Demo", "Stadhuisplein 1"."""

from communesplone.core import identity
from plone import api
from plone.app.testing import logout


def _set(**values):
    for name, value in values.items():
        api.portal.set_registry_record(f"communesplone.core.{name}", value)


def test_name_and_address_in_the_readers_language_else_the_main_ones(integration):
    _set(commune_name="Commune de Démo", commune_name_nl="Gemeente Demo",
         postal_address="Place de l'Hôtel de Ville 1\n5000 Namur",
         postal_address_nl="Stadhuisplein 1\n5000 Namen\n ")
    assert identity.commune_name("nl") == "Gemeente Demo"
    assert identity.commune_name("fr") == "Commune de Démo"
    assert identity.commune_name("de") == "Commune de Démo"  # not filled in: the main one
    assert identity.contact("nl")["address"] == ["Stadhuisplein 1", "5000 Namen"]
    assert identity.contact("fr")["address"] == ["Place de l'Hôtel de Ville 1", "5000 Namur"]


def test_header_footer_and_page_title_follow_the_page_language(integration):
    portal = integration["portal"]
    api.portal.set_registry_record("plone.default_language", "fr")
    _set(commune_name="Commune de Démo", commune_name_nl="Gemeente Demo",
         postal_address="Place de l'Hôtel de Ville 1", postal_address_nl="Stadhuisplein 1",
         languages=["fr", "nl"])
    logout()
    request = portal.REQUEST
    request.set("LANGUAGE", "nl")
    html = api.content.get_view("commune-home", portal, request)()
    assert "Gemeente Demo" in html and "Stadhuisplein 1" in html
    assert "Commune de Démo" not in html and "Hôtel de Ville" not in html
    request.set("LANGUAGE", "fr")
    html = api.content.get_view("commune-home", portal, request)()
    assert "Commune de Démo" in html and "Gemeente Demo" not in html


def test_the_form_offers_only_the_other_languages_served(integration):
    from communesplone.core.controlpanel import unserved_hours_fields

    api.portal.set_registry_record("plone.default_language", "fr")
    _set(languages=["fr", "nl"])
    hidden = set(unserved_hours_fields())
    assert not {"commune_name_nl", "postal_address_nl"} & hidden
    assert {"commune_name_de", "postal_address_en", "commune_name_fr"} <= hidden


def test_upgrade_to_1011_adds_the_records_and_keeps_the_name(integration):
    from plone.registry.interfaces import IRegistry
    from zope.component import getUtility

    portal = integration["portal"]
    registry = getUtility(IRegistry)
    _set(commune_name="Commune de Namur")
    for name in ("commune_name_nl", "postal_address_nl"):
        del registry.records[f"communesplone.core.{name}"]
    setup_tool = portal.portal_setup
    setup_tool.setLastVersionForProfile("communesplone.core:default", "1009")
    setup_tool.upgradeProfile("communesplone.core:default")
    assert api.portal.get_registry_record("communesplone.core.commune_name_nl") == ""
    assert api.portal.get_registry_record("communesplone.core.commune_name") == "Commune de Namur"
    assert identity.commune_name("nl") == "Commune de Namur"
