"""Site presets are read from the top-level profiles/ folder."""

from communesplone.policy.presets import PresetError
from communesplone.policy.presets import available_presets
from communesplone.policy.presets import load_preset
from layout import package_glob
from pathlib import Path

import pytest
import re

ROOT = Path(__file__).resolve().parents[2]


def test_commune_and_demo_presets_exist():
    assert {"commune", "demo"} <= set(available_presets())


def test_demo_is_the_french_demo_commune():
    demo = load_preset("demo")
    assert demo.title == "Commune de Démo"
    assert demo.language == "fr"
    assert demo.demo is True


def test_presets_name_every_addon():
    """commune and demo install every CommunesPlone add-on (the policy is the site itself)."""
    addons = {
        f"communesplone.{path.parents[2].name}"
        for path in package_glob("*/profiles/default/metadata.xml")
    } - {"communesplone.policy"}
    assert set(load_preset("commune").addons) == addons
    assert set(load_preset("demo").addons) == addons
    assert set(load_preset("hosted").addons) == addons


def test_the_hosted_preset_turns_http_caching_on(integration):
    """A shared host's communes: plone.app.caching set up, every add-on's types purged."""
    from communesplone.policy.sites import apply_preset
    from plone import api

    portal = integration["portal"]
    assert load_preset("hosted").caching and not load_preset("commune").caching
    assert not api.portal.get_registry_record("plone.caching.interfaces.ICacheSettings.enabled",
                                              default=False)
    apply_preset(portal, load_preset("hosted"))
    assert api.portal.get_registry_record("plone.caching.interfaces.ICacheSettings.enabled")
    purged = api.portal.get_registry_record(
        "plone.app.caching.interfaces.IPloneCacheSettings.purgedContentTypes")
    types = set(api.portal.get_tool("portal_types").objectIds())
    citizen_data = {"Booking", "DocumentOrder", "DashboardCollection"}
    assert types - citizen_data - {"Collection", "TempFolder"} <= set(purged)
    assert not citizen_data & set(purged)


def test_unknown_preset_names_the_choices():
    with pytest.raises(PresetError, match=re.escape("Unknown preset 'nope' (available: ")):
        load_preset("nope")


@pytest.mark.parametrize("name", ["", "../etc/passwd", "Demo", "a b"])
def test_bad_preset_names_refused(name):
    with pytest.raises(PresetError):
        load_preset(name)


def test_preset_folder_can_be_configured(tmp_path, monkeypatch):
    (tmp_path / "cpas.toml").write_text('title = "CPAS"\nlanguage = "nl"\naddons = []\n')
    monkeypatch.setenv("COMMUNESPLONE_PRESETS", str(tmp_path))
    preset = load_preset("cpas")
    assert preset.language == "nl"
    assert preset.addons == ("communesplone.core",)  # core always comes first


def test_preset_with_unknown_language_refused(tmp_path, monkeypatch):
    (tmp_path / "x.toml").write_text('language = "xx"\n')
    monkeypatch.setenv("COMMUNESPLONE_PRESETS", str(tmp_path))
    with pytest.raises(PresetError, match="unknown language"):
        load_preset("x")
