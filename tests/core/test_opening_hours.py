"""The administration's opening hours in each language the commune serves (core 1006)."""

from communesplone.core import identity
from plone import api


def test_hours_in_the_readers_language_else_the_main_ones(integration):
    api.portal.set_registry_record("communesplone.core.opening_hours",
                                   ["Lundi au vendredi : 8 h 30 – 12 h"])
    api.portal.set_registry_record("communesplone.core.opening_hours_nl",
                                   ["Maandag tot vrijdag: 8.30 – 12 uur", " "])
    assert identity.opening_hours("nl") == ["Maandag tot vrijdag: 8.30 – 12 uur"]
    assert identity.opening_hours("fr") == ["Lundi au vendredi : 8 h 30 – 12 h"]
    assert identity.opening_hours("de") == ["Lundi au vendredi : 8 h 30 – 12 h"]
    assert identity.contact("nl")["opening_hours"] == ["Maandag tot vrijdag: 8.30 – 12 uur"]


def test_the_form_offers_only_the_other_languages_served(integration):
    from communesplone.core.controlpanel import unserved_hours_fields
    from communesplone.core.languages import default_language

    api.portal.set_registry_record("communesplone.core.languages", ["fr", "nl"])
    hidden = unserved_hours_fields()
    assert "opening_hours_nl" not in hidden
    assert {"opening_hours_de", f"opening_hours_{default_language()}"} <= set(hidden)


def test_upgrade_to_1006_adds_the_records_and_keeps_the_hours(integration):
    from plone.registry.interfaces import IRegistry
    from zope.component import getUtility

    portal = integration["portal"]
    registry = getUtility(IRegistry)
    api.portal.set_registry_record("communesplone.core.opening_hours", ["Lundi : 8 h"])
    del registry.records["communesplone.core.opening_hours_nl"]
    setup_tool = portal.portal_setup
    setup_tool.setLastVersionForProfile("communesplone.core:default", "1005")
    setup_tool.upgradeProfile("communesplone.core:default")
    assert api.portal.get_registry_record("communesplone.core.opening_hours_nl") == []
    assert api.portal.get_registry_record("communesplone.core.opening_hours") == ["Lundi : 8 h"]
