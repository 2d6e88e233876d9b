"""Several commune sites side by side in one Zope instance."""

from communesplone.policy.presets import PresetError
from communesplone.policy.sites import SiteError
from communesplone.policy.sites import create_site
from communesplone.policy.sites import list_sites
from plone import api
from zope.component.hooks import setSite

import pytest


@pytest.fixture
def app(bare):
    yield bare["app"]
    setSite(bare["portal"])


def test_create_two_sites_side_by_side(app):
    namur = create_site(app, "namur", title="Ville de Namur", preset_name="commune")
    gent = create_site(app, "gent", title="Stad Gent", preset_name="commune", language="nl")
    assert namur.getId() == "namur" and gent.getId() == "gent"
    sites = {site["id"]: site for site in list_sites(app)}
    assert sites["namur"]["language"] == "fr"
    assert sites["gent"]["language"] == "nl"
    assert sites["gent"]["title"] == "Stad Gent"
    assert sites["namur"]["preset"] == "commune"
    installed = {addon["id"]: addon for addon in sites["gent"]["addons"]}
    assert installed["communesplone.core"]["installed"] is True
    # the version of the profile on disk: nothing left to upgrade
    assert installed["communesplone.core"]["version"] == gent.portal_setup.getVersionForProfile(
        "communesplone.core:default")
    setSite(gent)
    assert api.portal.get_registry_record("communesplone.core.commune_name") == "Stad Gent"
    assert api.portal.get_registry_record("communesplone.core.languages") == ["nl"]
    assert api.portal.get_registry_record("plone.available_languages") == ["nl"]
    assert api.portal.get_registry_record("plone.portal_timezone") == "Europe/Brussels"


def test_demo_preset_fills_the_commune_settings_and_content(app):
    site = create_site(app, "demo", preset_name="demo")
    setSite(site)
    assert site.Title() == "Commune de Démo"
    assert api.portal.get_registry_record("communesplone.core.iban") == "BE71096123456769"
    assert api.portal.get_registry_record("communesplone.core.languages") == ["fr", "nl"]
    assert api.portal.get_registry_record("plone.available_languages") == ["fr", "nl"]
    assert site["reservations"]["salle-communale"].title_nl == "Gemeentezaal"
    assert api.content.get_state(site["bienvenue"]) == "published"
    bookings = api.content.find(context=site, portal_type="Booking")
    assert len(bookings) >= 20  # a month of bookings on the demo resources
    assert len(api.content.find(context=site, portal_type="Resource")) >= 4


def test_existing_id_refused(app):
    create_site(app, "namur", preset_name="commune")
    with pytest.raises(SiteError, match="already exists"):
        create_site(app, "namur", preset_name="commune")


def test_unknown_preset_refused_before_anything_is_written(app):
    with pytest.raises(PresetError, match="Unknown preset"):
        create_site(app, "liege", preset_name="nope")
    assert "liege" not in app.objectIds()


@pytest.mark.parametrize("site_id", ["", "1commune", "a/b", "x" * 65])
def test_invalid_ids_refused(app, site_id):
    with pytest.raises(SiteError, match="Invalid site id"):
        create_site(app, site_id, preset_name="commune")


def test_unknown_language_refused(app):
    with pytest.raises(SiteError, match="Unknown language"):
        create_site(app, "liege", preset_name="commune", language="xx")
