"""Working days: weekends, the ten legal public holidays and the commune's closing days."""

from communesplone.core.calendar import add_working_days
from communesplone.core.calendar import belgian_holidays
from communesplone.core.calendar import closing_days
from communesplone.core.calendar import is_working_day
from communesplone.core.calendar import parse_closing_day
from datetime import date
from plone import api

import pytest


def test_the_ten_legal_holidays():
    assert sorted(belgian_holidays(2027)) == [
        date(2027, 1, 1), date(2027, 3, 29), date(2027, 5, 1), date(2027, 5, 6),
        date(2027, 5, 17), date(2027, 7, 21), date(2027, 8, 15), date(2027, 11, 1),
        date(2027, 11, 11), date(2027, 12, 25)]


@pytest.mark.parametrize(("text", "parsed"), [
    ("26/12", (26, 12, None)), ("2/11", (2, 11, None)), (" 27/09/2027 ", (27, 9, 2027)),
    ("29/02", (29, 2, None)), ("31/02", None), ("26-12", None), ("12/26", None),
    ("", None), ("Noël", None), ("27/09/27", None)])
def test_parse_closing_day(text, parsed):
    assert parse_closing_day(text) == parsed


def test_closing_days_of_a_year():
    lines = ["26/12", "27/09/2027", "29/02", "not a day"]
    assert closing_days(2027, lines) == {date(2027, 12, 26), date(2027, 9, 27)}
    assert closing_days(2028, lines) == {date(2028, 12, 26), date(2028, 2, 29)}


def test_working_days_skip_the_commune_closing_days(integration):
    friday = date(2026, 12, 18)
    assert add_working_days(friday, 5) == date(2026, 12, 28)  # 25/12 is a holiday
    api.portal.set_registry_record("communesplone.core.closing_days", ["24/12", "28/12"])
    assert not is_working_day(date(2026, 12, 24))
    assert is_working_day(date(2026, 12, 23))
    assert add_working_days(friday, 5) == date(2026, 12, 30)
    # a date of one year only
    api.portal.set_registry_record("communesplone.core.closing_days", ["22/12/2027"])
    assert is_working_day(date(2026, 12, 22)) and not is_working_day(date(2027, 12, 22))


def test_upgrade_adds_the_record_and_keeps_the_settings(integration):
    from communesplone.core.upgrades.to1002 import upgrade

    registry = api.portal.get_tool("portal_registry")
    api.portal.set_registry_record("communesplone.core.commune_name", "Commune de Gesves")
    del registry.records["communesplone.core.closing_days"]
    registry["plone.bundles/faceted.view.load_async"] = True  # as eea.facetednavigation sets it
    upgrade(api.portal.get_tool("portal_setup"))
    assert api.portal.get_registry_record("communesplone.core.closing_days") == []
    for bundle in ("faceted.jquery", "faceted.view", "faceted.edit"):
        assert registry[f"plone.bundles/{bundle}.load_async"] is False
        assert registry[f"plone.bundles/{bundle}.load_defer"] is True
    assert api.portal.get_registry_record("communesplone.core.commune_name") == \
        "Commune de Gesves"
    steps = api.portal.get_tool("portal_setup").listUpgrades(
        "communesplone.core:default", show_old=True)
    assert any(step["dest"] == ("1002",) for step in steps)
