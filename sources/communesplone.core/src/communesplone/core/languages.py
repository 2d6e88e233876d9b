"""The languages a commune serves: Plone's negotiation follows the Commune settings,
and every add-on asks here which language a text, a page or a mail is in.

A commune chooses its languages in the Commune control panel
(``communesplone.core.languages``). Plone negotiates the language of each request
among ``plone.available_languages`` (the ``I18N_LANGUAGE`` cookie set by
``?set_language=``, then the browser's ``Accept-Language``, then the default);
:func:`apply_commune_languages` keeps that list equal to the commune's choice,
so a language the commune does not serve is never offered nor chosen.

Texts that citizens read on the add-ons' content (a document type, a room, an
assembly) are stored once per language by the ``communesplone.translations``
behavior (:mod:`communesplone.core.translations`); :func:`translated_title`
gives the one of the request's language, from an object or a catalog brain.
"""

from communesplone.core.guarded import guarded_by_name
from communesplone.core.translations import texts_of
from communesplone.core.vocabularies import LANGUAGES
from plone import api
from Products.ZCatalog.interfaces import ICatalogBrain
from plone.registry.interfaces import IRegistry
from zope.component import queryUtility
from zope.globalrequest import getRequest

#: Every language a commune may serve, in the order they are offered.
LANGUAGE_CODES = tuple(code for code, _title in LANGUAGES)
#: The record of the Commune settings that holds the commune's languages.
LANGUAGES_RECORD = "communesplone.core.languages"
#: How Plone negotiates the language: the visitor's choice (a cookie set by the
#: language switch), then the browser's; never the path (no /fr/, /nl/ folders)
#: nor the content (a Dutch news item does not turn the page Dutch for a French
#: reader). Simple codes ("nl", not "nl-be"), no flags (a flag is a country,
#: and Belgium has three languages).
NEGOTIATION = {
    "plone.use_cookie_negotiation": True,
    "plone.use_request_negotiation": True,
    "plone.use_content_negotiation": False,
    "plone.use_path_negotiation": False,
    "plone.authenticated_users_only": False,
    "plone.set_cookie_always": False,
    "plone.use_combined_language_codes": False,
    "plone.display_flags": False,
    "plone.always_show_selector": False,
}
#: Where the language of a request is remembered on what it created (an order,
#: a booking), for the mails written later by someone else.
REQUEST_LANGUAGE_ATTRIBUTE = "request_language"


def _registry():
    return queryUtility(IRegistry)


def _value(name, default=None):
    """A registry value read from its record, not from the registry's request cache:
    inside a record's modified event the cache still holds the old value."""
    registry = _registry()
    if registry is None or name not in registry.records:
        return default
    value = registry.records[name].value
    return default if value is None else value


def default_language():
    """The site's default language, as a simple code ("fr")."""
    return (_value("plone.default_language") or "fr").split("-")[0]


def commune_languages():
    """The languages the commune serves, in the vocabulary's order, default first
    when it is among them; the default language alone when none is set."""
    chosen = _value(LANGUAGES_RECORD, [])
    languages = [code for code in LANGUAGE_CODES if code in chosen]
    default = default_language()
    if default not in languages:
        # Content written in the default language must stay readable.
        languages.insert(0, default)
    else:
        languages.remove(default)
        languages.insert(0, default)
    return languages


def apply_commune_languages():
    """Make Plone serve exactly the commune's languages, with our negotiation settings.

    Called when the Commune settings are saved (:func:`languages_changed`), at
    install and by the upgrade step; idempotent.
    """
    registry = _registry()
    if registry is None or LANGUAGES_RECORD not in registry.records:
        return []
    languages = commune_languages()
    for name, value in NEGOTIATION.items():
        if name in registry.records and _value(name) != value:
            registry[name] = value
    if list(_value("plone.available_languages", [])) != languages:
        registry["plone.available_languages"] = languages
    return languages


@guarded_by_name
def languages_changed(event):
    """``IRecordModifiedEvent``: the commune changed its languages (control panel,
    REST, a preset): Plone's available languages follow."""
    if event.record.__name__ == LANGUAGES_RECORD:
        apply_commune_languages()


def served_languages():
    """The languages this site serves now (Plone's available languages)."""
    languages = _value("plone.available_languages") or [default_language()]
    return [code.split("-")[0] for code in languages]


def request_language(request=None):
    """The language of the request (negotiated by Plone), one the site serves."""
    request = request if request is not None else getRequest()
    language = None
    if request is not None:
        language = request.get("LANGUAGE") or None
        if not language:
            tool = api.portal.get_tool("portal_languages")
            language = tool.getPreferredLanguage(request)
    language = (language or "").split("-")[0]
    return language if language in served_languages() else default_language()


def remember_language(obj, attribute=REQUEST_LANGUAGE_ATTRIBUTE, request=None):
    """Record the request's language on ``obj`` (an order, a booking) when it is not
    yet set, and return the language recorded.

    The mails about it are written later, often in a clerk's request: they
    read this attribute (:func:`language_of`) to speak the citizen's language.
    """
    language = getattr(obj, attribute, None)
    if language not in LANGUAGE_CODES:
        language = request_language(request)
        setattr(obj, attribute, language)
    return language


def language_of(obj, attribute=REQUEST_LANGUAGE_ATTRIBUTE):
    """The language recorded on ``obj`` by :func:`remember_language`, else the default."""
    language = getattr(obj, attribute, None)
    return language if language in LANGUAGE_CODES else default_language()


def _texts_of(item):
    """``{language: {"title": ..., "description": ...}}`` of an object or a brain."""
    if ICatalogBrain.providedBy(item):  # the catalog's metadata column
        # (not ``hasattr(item, "getPath")``: a content object acquires names)
        texts = getattr(item, "language_texts", None)
        return texts if isinstance(texts, dict) else {}
    return texts_of(item)


def translated(item, name, language=None):
    """The ``name`` ("title" or "description") of ``item`` (an object or a catalog
    brain) in ``language`` (the request's by default); its own when there is none."""
    language = language or request_language()
    text = _texts_of(item).get(language, {}).get(name)
    if text:
        return text
    own = getattr(item, name.capitalize(), None)
    if callable(own):
        own = own()
    return own or ""


def translated_title(item, language=None):
    """The title of ``item`` (object or brain) in the request's language."""
    return translated(item, "title", language)


def translated_description(item, language=None):
    """The description of ``item`` (object or brain) in the request's language."""
    return translated(item, "description", language)
