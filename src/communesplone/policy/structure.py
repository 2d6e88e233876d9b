"""The site's structure around the add-ons: front page, news and events folders,
the main navigation and the legal pages.

Applied by ``communesplone.policy:default`` (after the preset's add-ons), by the
demo content and by the upgrade step; every function is idempotent and keeps what
a commune already made or changed.
"""

from Acquisition import aq_base
from communesplone.core.identity import commune_name
from communesplone.policy import _
from communesplone.policy import logger
from pathlib import Path
from plone import api
from plone.app.textfield.value import RichTextValue
from plone.base.interfaces.constrains import ENABLED
from plone.base.interfaces.constrains import ISelectableConstrainTypes
from plone.portlets.interfaces import IPortletAssignmentMapping
from plone.portlets.interfaces import IPortletManager
from zope.component import getMultiAdapter
from zope.component import getUtility
from zope.i18n import translate
from zope.interface import Interface
from zope.interface import alsoProvides

#: The layout of the site root: the services page.
FRONT_PAGE_VIEW = "commune-home"
#: Plone Site's layouts before ours (a site still on them gets the services page).
PLONE_DEFAULT_LAYOUTS = ("listing_view", "document_view", "summary_view", "tabular_view",
                         "album_view", "full_view", "")
#: The add-ons' top folders, in the order of the main navigation.
SERVICE_TYPES = ("DocumentCatalog", "ResourceFolder", "BusinessDirectory", "Assembly")
#: Legal page templates, per kind and language, under ``legal/``.
LEGAL_DIR = Path(__file__).parent / "legal"


class INewsFolder(Interface):
    """Marker of the folder of the commune's news (the front page links to it)."""


class IEventsFolder(Interface):
    """Marker of the folder of the commune's events (the front page links to it)."""


FOLDERS = {
    "news_folder": (INewsFolder, "actualites", "News Item",
                    _("folder_news_title", default="News"), "news_listing"),
    "events_folder": (IEventsFolder, "agenda", "Event",
                      _("folder_events_title", default="Events"), "events_listing"),
}

LEGAL_PAGES = {
    "accessibility_pages": {
        "fr": ("declaration-accessibilite", "Déclaration d'accessibilité",
               "L'engagement de la commune pour un site accessible à tous."),
        "nl": ("toegankelijkheidsverklaring", "Toegankelijkheidsverklaring",
               "De inzet van de gemeente voor een website die voor iedereen toegankelijk is."),
    },
    "privacy_pages": {
        "fr": ("vie-privee", "Protection de la vie privée",
               "Quelles données la commune traite, pourquoi, et vos droits."),
        "nl": ("privacy", "Privacyverklaring",
               "Welke gegevens de gemeente verwerkt, waarom, en uw rechten."),
    },
}


def folder_of(role):
    """The news (``news_folder``) or events (``events_folder``) folder, or None."""
    marker = FOLDERS[role][0]
    brains = api.content.find(object_provides=marker.__identifier__,
                              sort_on="getObjPositionInParent", sort_limit=1)
    return brains[0].getObject() if brains else None


def ensure_folders(portal, language):
    """The news and events folders, published, titled in the site's language."""
    for role, (marker, folder_id, portal_type, title, layout) in FOLDERS.items():
        if folder_of(role) is not None:
            continue
        if folder_id in portal.objectIds():
            folder = portal[folder_id]
        else:
            folder = api.content.create(container=portal, type="Folder", id=folder_id,
                                        title=translate(title, target_language=language))
            folder.setLayout(layout)
            constraints = ISelectableConstrainTypes(folder)
            constraints.setConstrainTypesMode(ENABLED)
            constraints.setLocallyAllowedTypes([portal_type])
            constraints.setImmediatelyAddableTypes([portal_type])
            if api.content.get_state(folder, default=None) != "published":
                api.content.transition(obj=folder, transition="publish")
        alsoProvides(folder, marker)
        folder.reindexObject(idxs=["object_provides"])


#: Layouts the news and events folders had before their own pages (1004).
OLD_LISTING_LAYOUTS = ("event_listing", "listing_view", "summary_view", "")


def use_listing_layouts():
    """The news and events folders on their own pages (``news_listing``,
    ``events_listing``), unless a commune chose another layout; returns the ids
    of the folders changed."""
    changed = []
    for role, (_marker, _folder_id, _portal_type, _title, layout) in FOLDERS.items():
        folder = folder_of(role)
        if folder is None:
            continue
        current = folder.getLayout() or ""
        if current != layout and current in OLD_LISTING_LAYOUTS:
            folder.setLayout(layout)
            changed.append(folder.getId())
    return changed


def translate_folders(languages=None):
    """The news and events folders' titles in the commune's other languages
    ("Nieuws", "Activiteiten"), where the folder has the translations behavior and
    no title in that language yet (a commune's own title is kept)."""
    default = api.portal.get_default_language() or "fr"
    languages = languages or api.portal.get_registry_record(
        "communesplone.core.languages", default=None) or [default]
    for role, (_marker, _folder_id, _portal_type, title, _layout) in FOLDERS.items():
        folder = folder_of(role)
        if folder is None:
            continue
        touched = False
        for language in languages:
            name = f"title_{language}"
            if language == default or not hasattr(folder, name) or getattr(folder, name):
                continue
            setattr(folder, name, translate(title, target_language=language))
            touched = True
        if touched:
            folder.reindexObject()


def arrange_navigation(portal):
    """The services first in the main navigation, then the news and the events."""
    wanted = []
    for portal_type in SERVICE_TYPES:
        for brain in api.content.find(context=portal, portal_type=portal_type, depth=1,
                                      sort_on="getObjPositionInParent"):
            wanted.append(brain.getId)
    for role in FOLDERS:
        folder = folder_of(role)
        if folder is not None and folder.aq_parent == portal:
            wanted.append(folder.getId())
    for object_id in wanted:
        # Types without the "exclude from navigation" behavior index None, which
        # the navigation's ``exclude_from_nav=False`` query leaves out.
        obj = portal[object_id]
        # (not acquired: the site root has the field, and the catalog reads the object's own)
        if getattr(aq_base(obj), "exclude_from_nav", None) is None:
            obj.exclude_from_nav = False
            obj.reindexObject(idxs=["exclude_from_nav"])
    for position, object_id in enumerate(wanted):
        portal.moveObjectToPosition(object_id, position)
    for brain in api.content.find(context=portal, depth=1):
        brain.getObject().reindexObject(idxs=["getObjPositionInParent"])


def remove_plone_portlets(portal):
    """Plone's news and events portlets at the root: the front page lists both,
    with dates in words. And its navigation portlet: on a service's page it was a
    box holding that page's own name, the main navigation and the breadcrumbs
    already say where one is."""
    for column, names in (("plone.rightcolumn", ("news", "events")),
                          ("plone.leftcolumn", ("navigation",))):
        manager = getUtility(IPortletManager, name=column, context=portal)
        assignments = getMultiAdapter((portal, manager), IPortletAssignmentMapping)
        for name in names:
            if name in assignments:
                del assignments[name]


def set_front_page(portal):
    """The services page as the site root's view, unless the commune chose another."""
    if portal.getLayout() in PLONE_DEFAULT_LAYOUTS:
        portal.setLayout(FRONT_PAGE_VIEW)


def legal_text(kind, language):
    """The template text of a legal page (HTML the commune then edits), or None."""
    path = LEGAL_DIR / f"{kind.split('_')[0]}.{language}.html"
    return path.read_text(encoding="utf-8") if path.is_file() else None


def ensure_legal_pages(portal, languages):
    """The accessibility statement and privacy notice, one page per language that has
    a template, published and linked from the "Commune" settings (footer)."""
    for field, pages in LEGAL_PAGES.items():
        record = f"communesplone.core.{field}"
        configured = list(api.portal.get_registry_record(record, default=None) or [])
        for language in languages:
            if language not in pages:
                continue
            page_id, title, description = pages[language]
            path = f"/{page_id}"
            if page_id not in portal.objectIds():
                name = commune_name(language)
                text = legal_text(field, language).replace("${commune}", name or "la commune")
                page = api.content.create(
                    container=portal, type="Document", id=page_id, title=title,
                    description=description, exclude_from_nav=True,
                    text=RichTextValue(text, "text/html", "text/x-html-safe"),
                )
                page.language = language
                page.reindexObject()
                api.content.transition(obj=page, transition="publish")
                logger.info("Created the legal page %s (%s)", page_id, language)
            if path not in configured:
                configured.append(path)
        api.portal.set_registry_record(record, configured)


def apply_structure(portal, languages=None):
    """Everything of this module, in order; ``languages``: those of the legal pages."""
    language = api.portal.get_default_language() or "fr"
    languages = languages or api.portal.get_registry_record(
        "communesplone.core.languages", default=None) or [language]
    with api.env.adopt_roles(["Manager"]):
        ensure_folders(portal, language)
        translate_folders(languages)
        ensure_legal_pages(portal, [language] + [lang for lang in languages if lang != language])
        arrange_navigation(portal)
        remove_plone_portlets(portal)
        set_front_page(portal)
