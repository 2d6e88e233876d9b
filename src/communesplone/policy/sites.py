"""Create and list the commune sites of one Zope instance.

Used in-process by ``make start``, by the ``communesplone`` command when the
instance is stopped, and over HTTP (``@@communesplone-sites`` at the Zope root)
when it runs; the logic is the same in all three.
"""

from communesplone.policy import logger
from communesplone.policy.presets import SITE_LANGUAGES
from communesplone.policy.presets import load_preset
from plone.base.interfaces import IPloneSiteRoot
from plone.base.utils import get_installer
from plone.registry.interfaces import IRegistry
from Products.CMFPlone.factory import addPloneSite
from zope.component import getUtility
from zope.component.hooks import setSite

import re

#: The Classic UI base (what the ``classic`` distribution installs).
BASE_PROFILES = (
    "plone.app.contenttypes:default",
    "plone.app.layout:default",
    "plonetheme.barceloneta:default",
)
_SITE_ID = re.compile(r"^[a-zA-Z][a-zA-Z0-9_-]{0,63}$")
_UNKNOWN = "unknown"


class SiteError(ValueError):
    """A site that cannot be created as asked (the message says why)."""


def communesplone_profiles(setup_tool):
    """The ``communesplone.*:default`` profiles registered in this instance."""
    return sorted(
        info["id"]
        for info in setup_tool.listProfileInfo()
        if info["id"].startswith("communesplone.") and info["id"].endswith(":default")
    )


def describe_site(site):
    """What an operator wants to know of a site: language, preset, add-ons."""
    setup_tool = site.portal_setup
    registry = getUtility(IRegistry, context=site)
    addons = []
    for profile_id in communesplone_profiles(setup_tool):
        version = setup_tool.getLastVersionForProfile(profile_id)
        installed = version != _UNKNOWN
        addons.append(
            {
                "id": profile_id.split(":")[0],
                "installed": installed,
                "version": ".".join(version) if installed else None,
            }
        )
    return {
        "id": site.getId(),
        "title": site.Title(),
        "language": registry.get("plone.default_language"),
        "preset": registry.get("communesplone.core.site_preset"),
        "addons": addons,
    }


def list_sites(app):
    """Every Plone site at the root of ``app``, described."""
    sites = []
    for site in app.objectValues():
        if IPloneSiteRoot.providedBy(site):
            setSite(site)
            try:
                sites.append(describe_site(site))
            finally:
                setSite(None)
    return sites


def check_new_site(app, site_id, preset_name, language):
    """Raise :class:`SiteError` or ``PresetError`` before anything is written."""
    if not site_id or not _SITE_ID.match(site_id):
        raise SiteError(
            f"Invalid site id {site_id!r}: start with a letter, then letters, "
            "digits, '-' or '_' (at most 64)."
        )
    if site_id in app.objectIds():
        raise SiteError(f"A site (or object) with id {site_id!r} already exists.")
    preset = load_preset(preset_name)
    if language and language not in SITE_LANGUAGES:
        raise SiteError(
            f"Unknown language {language!r} (available: {', '.join(SITE_LANGUAGES)})."
        )
    return preset


def create_site(app, site_id, title=None, preset_name="commune", language=None):
    """Create the Plone site ``site_id`` from a preset and return it.

    The preset's name is recorded in the site's registry before
    ``communesplone.policy:default`` runs: that profile installs the add-ons
    the preset names (and its demo content).
    """
    preset = check_new_site(app, site_id, preset_name, language)
    language = language or preset.language
    title = title or preset.title
    logger.info("Creating site %s (%s) from preset %s", site_id, language, preset.name)
    site = addPloneSite(
        app,
        site_id,
        title=title,
        description=preset.description,
        default_language=language,
        portal_timezone=preset.timezone,
        extension_ids=BASE_PROFILES + ("communesplone.core:default",),
    )
    setSite(site)
    registry = getUtility(IRegistry, context=site)
    registry["communesplone.core.site_preset"] = preset.name
    settings = {"commune_name": title, "languages": [language]}
    settings.update(preset.commune)
    for key, value in settings.items():
        registry[f"communesplone.core.{key}"] = value
    get_installer(site, site.REQUEST).install_product("communesplone.policy")
    return site


def apply_preset(site, preset):
    """Install the preset's add-ons (and demo content) on ``site``; idempotent."""
    installer = get_installer(site, site.REQUEST)
    for addon in preset.addons:
        installed = installer.is_product_installed(addon) or installer.install_product(addon)
        if not installed:
            raise SiteError(f"Add-on {addon!r} of preset {preset.name!r} could not be installed.")
    if preset.demo:
        site.portal_setup.runAllImportStepsFromProfile(
            "profile-communesplone.policy:demo", purge_old=False
        )
