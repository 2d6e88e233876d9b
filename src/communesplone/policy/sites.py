"""Create, list, upgrade, export and import the commune sites of one Zope instance.

Used in-process by ``make start``, by the ``communesplone`` command when the
instance is stopped (or runs on RelStorage), and over HTTP
(``@@communesplone-sites`` and ``@@communesplone-operate`` at the Zope root)
when a FileStorage server runs; the logic is the same in all of them. Every
error names the site, and the step when there is one.
"""

from communesplone.policy import logger
from communesplone.policy.presets import SITE_LANGUAGES
from communesplone.policy.presets import load_preset
from communesplone.policy.usage import sites_usage
from plone.base.interfaces import IPloneSiteRoot
from plone.base.utils import get_installer
from plone.registry.interfaces import IRegistry
from Products.CMFPlone.factory import addPloneSite
from pathlib import Path
from zope.component import getUtility
from zope.component.hooks import getSite
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
                "available": setup_tool.getVersionForProfile(profile_id),
                "pending": len(upgrade_steps(setup_tool, profile_id)) if installed else 0,
            }
        )
    return {
        "id": site.getId(),
        "title": site.Title(),
        "language": registry.get("plone.default_language"),
        "preset": registry.get("communesplone.core.site_preset"),
        "addons": addons,
    }


def list_sites(app, usage=False):
    """Every Plone site at the root of ``app``, described.

    With ``usage``, each description has the site's storage use (``usage``:
    records and blobs reachable from it, see ``policy/usage.py``): a walk of
    every record, so only when the operator asks.
    """
    found = [site for site in app.objectValues() if IPloneSiteRoot.providedBy(site)]
    sizes = sites_usage(app, found) if usage else {}
    sites = []
    previous = getSite()
    for site in found:
        setSite(site)
        try:
            described = describe_site(site)
        finally:
            setSite(previous)
        if usage:
            described["usage"] = sizes[site.getId()]
        sites.append(described)
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


def create_site(app, site_id, title=None, preset_name="commune", language=None,
                commune=None, addons=None):
    """Create the Plone site ``site_id`` from a preset and return it.

    The preset's name is recorded in the site's registry before
    ``communesplone.policy:default`` runs: that profile installs the add-ons
    the preset names (and its demo content). ``commune`` overrides values of
    the Commune control panel (``nis_code``, ``languages``...); ``addons``,
    when given, is the site's own list: the preset's others are removed.
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
    settings.update(commune or {})
    for key, value in settings.items():
        registry[f"communesplone.core.{key}"] = value
    get_installer(site, site.REQUEST).install_product("communesplone.policy")
    if addons is not None:
        wanted = {"communesplone.core", *addons}
        for addon in (*addons, *reversed(preset.addons)):
            change_addon(site, addon, install=addon in wanted)
    return site


#: The columns of ``communesplone sites create-many``'s CSV file.
COMMUNE_COLUMNS = ("id", "name", "nis_code", "languages", "addons")


def read_communes(path):
    """The rows of a CSV file of communes, checked; :class:`SiteError` names the line.

    Columns: ``id``, ``name``, ``nis_code`` (5 digits), ``languages`` (``fr``,
    or ``fr nl``: the first is the site's), ``addons`` (optional, space
    separated, e.g. ``communesplone.booking communesplone.eguichet``; empty:
    the preset's). UTF-8, comma or semicolon separated (a spreadsheet's
    choice), a header line.
    """
    import csv

    text = Path(path).read_text(encoding="utf-8-sig")
    dialect = csv.Sniffer().sniff(text.splitlines()[0] if text else ",", delimiters=",;")
    reader = csv.DictReader(text.splitlines(), dialect=dialect)
    missing = [name for name in COMMUNE_COLUMNS[:4] if name not in (reader.fieldnames or ())]
    if missing:
        raise SiteError(f"{path}: missing column(s) {', '.join(missing)} "
                        f"(expected: {', '.join(COMMUNE_COLUMNS)}).")
    rows, seen = [], set()
    for line, row in enumerate(reader, start=2):
        site_id = (row.get("id") or "").strip()
        languages = (row.get("languages") or "").replace(",", " ").replace("|", " ").split()
        nis = (row.get("nis_code") or "").strip()
        problem = None
        if not _SITE_ID.match(site_id):
            problem = f"invalid id {site_id!r}"
        elif site_id in seen:
            problem = f"id {site_id!r} given twice"
        elif not (row.get("name") or "").strip():
            problem = "no name"
        elif not re.fullmatch(r"\d{5}", nis):
            problem = f"NIS code {nis!r} is not 5 digits"
        elif not languages or set(languages) - set(SITE_LANGUAGES):
            problem = (f"languages {row.get('languages')!r} "
                       f"(choose among {', '.join(SITE_LANGUAGES)})")
        if problem:
            raise SiteError(f"{path}, line {line}: {problem}.")
        seen.add(site_id)
        addons = (row.get("addons") or "").split() or None
        rows.append({"id": site_id, "name": row["name"].strip(), "nis_code": nis,
                     "languages": languages, "addons": addons})
    return rows


def apply_preset(site, preset):
    """Install the preset's add-ons (and demo content) on ``site``; idempotent."""
    installer = get_installer(site, site.REQUEST)
    for addon in preset.addons:
        installed = installer.is_product_installed(addon) or installer.install_product(addon)
        if not installed:
            raise SiteError(f"Add-on {addon!r} of preset {preset.name!r} could not be installed.")
    if preset.caching:
        site.portal_setup.runAllImportStepsFromProfile(
            "profile-communesplone.policy:caching", purge_old=False
        )
    if preset.demo:
        site.portal_setup.runAllImportStepsFromProfile(
            "profile-communesplone.policy:demo", purge_old=False
        )


def get_site(app, site_id):
    """The Plone site ``site_id`` at the root, or :class:`SiteError`."""
    site = app.get(site_id) if site_id else None
    if site is None or not IPloneSiteRoot.providedBy(site):
        raise SiteError(f"No site {site_id!r} in this instance.")
    return site


def site_ids(app):
    """The ids of the Plone sites at the root, in order."""
    return [site.getId() for site in app.objectValues() if IPloneSiteRoot.providedBy(site)]


def upgrade_steps(setup_tool, profile_id):
    """The pending upgrade steps of one profile, in order (nested groups flattened)."""
    return list(setup_tool.listUpgrades(profile_id, simple=True))


def _dependencies(setup_tool, profile_id):
    """The profile ids ``profile_id`` depends on, as its ``metadata.xml`` lists them."""
    try:
        dependencies = setup_tool.getDependenciesForProfile(profile_id, ignore_broken=True)
    except KeyError:  # a profile no longer registered depends on nothing we order
        return []
    return [
        dependency[len("profile-"):] if dependency.startswith("profile-") else dependency
        for dependency in dependencies or ()
    ]


def _needed(setup_tool, profile_id, wanted):
    """The profiles of ``wanted`` that ``profile_id`` needs, directly or through others."""
    found, seen, todo = set(), {profile_id}, [profile_id]
    while todo:
        for dependency in _dependencies(setup_tool, todo.pop()):
            if dependency in seen:
                continue
            seen.add(dependency)
            todo.append(dependency)
            if dependency in wanted:
                found.add(dependency)
    return found


def upgrade_order(setup_tool, profile_ids):
    """``profile_ids`` with every profile after the ones its ``metadata.xml`` depends on.

    An add-on's upgrade step may need what a step of a profile it depends on
    brings (booking 1001 makes dashboards of core 1001's ``Dashboard`` type):
    alphabetical order ran booking first, its step found no type and did
    nothing, and the version moved on all the same. A topological order
    (Kahn's), alphabetical among the profiles that are ready at the same time
    so the order is stable; dependencies are followed through profiles
    outside ``profile_ids`` (Plone's own), which are not ordered themselves.
    A circle, which GenericSetup would refuse to install anyway, keeps the
    rest in alphabetical order.
    """
    wanted = sorted(set(profile_ids))
    needs = {profile_id: _needed(setup_tool, profile_id, wanted) for profile_id in wanted}
    order = []
    while needs:
        ready = sorted(p for p, deps in needs.items() if not deps)
        if not ready:  # a circle: leave the rest as it was
            ready = sorted(needs)
        for profile_id in ready:
            order.append(profile_id)
            del needs[profile_id]
        for deps in needs.values():
            deps.difference_update(ready)
    return order


def upgrade_site(site):
    """Run every pending upgrade step of every installed ``communesplone.*`` profile.

    Profiles run in the order of their ``metadata.xml`` dependencies
    (:func:`upgrade_order`): core's steps before those of the add-ons that
    need them.

    Returns ``{profile_id: {"from": v, "to": v, "steps": [titles]}}`` for the
    profiles that moved. A failing step raises :class:`SiteError` naming the
    site, the profile and the step; the caller aborts the transaction so the
    site stays as it was and the command can be run again. Run again on an
    up-to-date site it does nothing (``listUpgrades`` is empty).
    """
    setSite(site)
    setup_tool = site.portal_setup
    done = {}
    for profile_id in upgrade_order(setup_tool, communesplone_profiles(setup_tool)):
        start = setup_tool.getLastVersionForProfile(profile_id)
        if start == _UNKNOWN:
            continue  # not installed on this site
        steps = upgrade_steps(setup_tool, profile_id)
        if not steps:
            continue
        titles = []
        for step in steps:
            try:
                step.doStep(setup_tool)
            except Exception as error:
                raise SiteError(
                    f"Site {site.getId()!r}: upgrade step {step.title!r} of {profile_id} "
                    f"({'.'.join(step.source or ('?',))} -> {'.'.join(step.dest or ('?',))}) "
                    f"failed: {type(error).__name__}: {error}"
                ) from error
            if step.dest is not None:
                setup_tool.setLastVersionForProfile(profile_id, step.dest)
            titles.append(step.title)
        logger.info("Site %s: upgraded %s with %d step(s)", site.getId(), profile_id, len(titles))
        done[profile_id] = {
            "from": ".".join(start),
            "to": ".".join(setup_tool.getLastVersionForProfile(profile_id)),
            "steps": titles,
        }
    return done


def _known_addons(site):
    return [profile.split(":")[0] for profile in communesplone_profiles(site.portal_setup)]


def change_addon(site, addon, install=True):
    """Install or uninstall one CommunesPlone add-on on ``site``; True when it changed."""
    site_id = site.getId()
    setSite(site)
    known = _known_addons(site)
    if addon not in known:
        raise SiteError(
            f"Site {site_id!r}: unknown add-on {addon!r} (available: {', '.join(known)})."
        )
    installer = get_installer(site, site.REQUEST)
    installed = installer.is_product_installed(addon)
    if install == installed:
        return False
    step = "install" if install else "uninstall"
    try:
        done = installer.install_product(addon) if install else installer.uninstall_product(addon)
    except Exception as error:
        raise SiteError(f"Site {site_id!r}: {step} of {addon} failed: {error}") from error
    if not done:
        raise SiteError(f"Site {site_id!r}: {step} of {addon} failed (see the event log).")
    return True


def export_site(site, folder):
    """Export ``site``'s content, settings and relations to ``folder`` (plone.exportimport)."""
    from pathlib import Path
    from plone.exportimport.exporters import get_exporter

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    setSite(site)
    try:
        return get_exporter(site).export_site(folder)
    except Exception as error:
        raise SiteError(f"Site {site.getId()!r}: export to {folder} failed: {error}") from error


def import_site(app, site_id, folder, preset_name="commune", title=None, language=None):
    """Import an export of ``export_site`` into ``site_id``, created from a preset if new."""
    from pathlib import Path
    from plone.exportimport.importers import get_importer

    folder = Path(folder)
    if not (folder / "content").is_dir():
        raise SiteError(f"Site {site_id!r}: {folder} is not an export (no content/ folder).")
    site = app.get(site_id)
    if site is None:
        site = create_site(app, site_id, title=title, preset_name=preset_name, language=language)
    elif not IPloneSiteRoot.providedBy(site):
        raise SiteError(f"{site_id!r} exists and is not a Plone site.")
    setSite(site)
    try:
        report = get_importer(site).import_site(folder)
    except Exception as error:
        raise SiteError(f"Site {site_id!r}: import from {folder} failed: {error}") from error
    return site, report
