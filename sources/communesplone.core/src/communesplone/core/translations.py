"""The ``communesplone.translations`` behavior: a title and a description per language.

Why not plone.app.multilingual: it makes one object per language under /fr/,
/nl/... root folders, while a room, a document type or an assembly is one
thing whatever language it is read in (a booking made under /nl/ must block
the same room under /fr/; an order is not a "translation"). So the add-ons'
content keeps one object, and this behavior adds its title and description in
the commune's other languages, in a "Translations" tab of its edit form.
``docs/languages.md`` says more.

:func:`communesplone.core.languages.translated_title` reads these fields on an
object, or the ``language_texts`` catalog column (:func:`language_texts`) on a
brain. :func:`enable_translations` puts the behavior on the add-ons' types
(:data:`TRANSLATED_TYPES`) whenever a CommunesPlone profile is imported.
"""

from Acquisition import aq_base
from communesplone.core import _
from communesplone.core import logger
from communesplone.core.guarded import guarded_by_name
from communesplone.core.vocabularies import LANGUAGES
from plone.autoform.interfaces import IFormFieldProvider
from plone.indexer import indexer
from plone.supermodel import model
from zope import schema
from zope.interface import provider

#: The add-ons' types whose title and description citizens read, and so get
#: the behavior: the e-guichet and its document types, the booking folder and
#: its resources, the directory, the assemblies and their items (an agenda is read
#: in both languages of a Brussels commune), the dashboards (the directory's search
#: page is one). Names only: core imports no add-on.
TRANSLATED_TYPES = (
    "DocumentCatalog",
    "DocumentType",
    "ResourceFolder",
    "Resource",
    "BusinessDirectory",
    "Assembly",
    "Dashboard",
    "MeetingItem",
)
BEHAVIOR = "communesplone.translations"
CODES = tuple(code for code, _title in LANGUAGES)


@provider(IFormFieldProvider)
class ITranslatedTexts(model.Schema):
    """Title and description in each language a commune may serve.

    Empty fields fall back to the object's own title and description, so a
    commune fills only the languages it serves.
    """

    model.fieldset(
        "translations",
        label=_("fieldset_translations", default="Translations"),
        description=_(
            "help_fieldset_translations",
            default="The title and description in the commune's other languages. "
            "Left empty, a visitor reads the main title and description.",
        ),
        fields=[f"{kind}_{code}" for code in CODES for kind in ("title", "description")],
    )

    title_fr = schema.TextLine(
        title=_("label_title_fr", default="Title in French"), required=False, default="")
    description_fr = schema.Text(
        title=_("label_description_fr", default="Description in French"),
        required=False, default="", missing_value="")
    title_nl = schema.TextLine(
        title=_("label_title_nl", default="Title in Dutch"), required=False, default="")
    description_nl = schema.Text(
        title=_("label_description_nl", default="Description in Dutch"),
        required=False, default="", missing_value="")
    title_en = schema.TextLine(
        title=_("label_title_en", default="Title in English"), required=False, default="")
    description_en = schema.Text(
        title=_("label_description_en", default="Description in English"),
        required=False, default="", missing_value="")
    title_de = schema.TextLine(
        title=_("label_title_de", default="Title in German"), required=False, default="")
    description_de = schema.Text(
        title=_("label_description_de", default="Description in German"),
        required=False, default="", missing_value="")


def texts_of(obj):
    """``{language: {"title": ..., "description": ...}}``: the filled-in texts of ``obj``."""
    texts = {}
    obj = aq_base(obj)  # never a parent's texts, acquired
    for code in CODES:
        entry = {}
        for kind in ("title", "description"):
            value = getattr(obj, f"{kind}_{code}", None)
            if isinstance(value, str) and value.strip():
                entry[kind] = value.strip()
        if entry:
            texts[code] = entry
    return texts


@indexer(ITranslatedTexts)
def language_texts(obj):
    """Catalog metadata ``language_texts``: listings translate titles from brains."""
    return texts_of(obj)


def enable_translations(portal_types):
    """Add the behavior to every type of :data:`TRANSLATED_TYPES` present; return
    the names of the types changed. Idempotent."""
    changed = []
    for name in TRANSLATED_TYPES:
        fti = portal_types.get(name)
        behaviors = list(getattr(fti, "behaviors", None) or ()) if fti is not None else None
        if behaviors is None or BEHAVIOR in behaviors:
            continue
        # manage_changeProperties notifies the change: Dexterity drops its schema cache.
        fti.manage_changeProperties(behaviors=tuple(behaviors) + (BEHAVIOR,))
        changed.append(name)
    if changed:
        logger.info("Translations behavior added to %s", ", ".join(changed))
    return changed


@guarded_by_name
def profile_imported(event):
    """``IProfileImportedEvent``: after a CommunesPlone profile (an add-on's install,
    or an upgrade that imports its types again), its types keep their translations."""
    profile_id = getattr(event, "profile_id", None) or ""
    if not profile_id.startswith("profile-communesplone."):
        return
    tool = event.tool
    portal_types = getattr(tool, "portal_types", None)
    registry = getattr(tool, "portal_registry", None)
    if portal_types is None or registry is None \
            or "communesplone.core.languages" not in registry.records:
        return  # core not installed (yet) on this site
    enable_translations(portal_types)
