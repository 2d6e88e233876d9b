"""The citizens' faceted listing of a directory (eea.facetednavigation).

Why a faceted *child* (``<directory>/search``) rather than the directory made
faceted: making the directory faceted replaces its view by the faceted one,
and the directory's own page is the listing that works without JavaScript
(tested, linked from everywhere); both must exist. The child is a core
``Dashboard`` (the type that carries the ``eea.faceted.navigable`` behavior)
without its staff restriction, published: anonymous may see it.

Whatever the criteria or the request say, every faceted query of the child
(results and counts) is limited to the *published Business entries of its
directory* by :func:`restrict_query` (the ``QueryWillBeExecutedEvent`` that
eea.facetednavigation fires just before it searches).

"Open now" is the widget :class:`OpenNowWidget`: its query is the add-on's own
:func:`communesplone.directory.search.open_now_criteria` at the current minute.
"""

from Acquisition import aq_inner
from Acquisition import aq_parent
from communesplone.directory import _
from communesplone.core.dates import site_zone
from communesplone.directory.categories import depth
from communesplone.directory.categories import translated_leaf
from communesplone.directory.categories import parse_lines
from communesplone.directory.vocabularies import category_names
from communesplone.directory.search import Criteria
from communesplone.directory.search import open_now_criteria
from communesplone.directory.search import search as search_entries
from communesplone.core.system import with_manager_roles
from datetime import datetime
from eea.facetednavigation.criteria.interfaces import ICriteria
from eea.facetednavigation.layout.interfaces import IFacetedLayout
from eea.facetednavigation.widgets.boolean.interfaces import IBooleanSchema
from eea.facetednavigation.widgets.boolean.widget import Widget as BooleanWidget
from pathlib import Path
from plone import api
from plone.dexterity.utils import createContentInContainer
from zope.i18n import translate
from zope.interface import alsoProvides
from zope.interface import Interface
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary

import io

SEARCH_ID = "search"
#: the listing's layout: a result list (browser/templates/faceted-results.pt)
LAYOUT = "faceted-directory-list"
CRITERIA = Path(__file__).parent / "faceted_criteria" / "search.xml"

#: criterion id -> its title. The criteria keep the English default: eea.facetednavigation
#: translates a plain title in the "plone" domain on each page, so a Dutch visitor of a
#: bilingual commune reads "Categorie" where a French one reads "Catégorie"
#: (locales/*/LC_MESSAGES/plone.po).
TITLES = {
    "c1": _("directory_faceted_text", default="Search"),
    "c2": _("directory_faceted_category", default="Category"),
    "c3": _("directory_faceted_locality", default="Locality"),
    "c4": _("directory_open_now", default="Open now"),
    "c5": _("directory_faceted_sort", default="Sort on"),
    "c6": _("directory_faceted_per_page", default="Results per page"),
}


class IOpenNowSchema(IBooleanSchema):
    """Settings of the "Open now" widget (those of a boolean widget)."""


class IDirectorySearch(Interface):
    """Marker of a directory's faceted listing (its queries are restricted)."""


def directory_of_search(search):
    return aq_parent(aq_inner(search))


def _enable_faceted(search):
    """Make ``search`` faceted with :data:`CRITERIA`; an import error is raised, not hidden.

    (eea.facetednavigation's importer returns its errors as a message: a
    criterion it cannot read would silently end the import there.)
    """
    request = search.REQUEST
    subtyper = api.content.get_view("faceted_subtyper", search, request)
    if subtyper.can_enable():
        subtyper.enable()
    importer = api.content.get_view("faceted_exportimport", search, request)
    message = importer._import_xml(import_file=io.BytesIO(CRITERIA.read_bytes()))
    if str(message).startswith("ERROR") or len(ICriteria(search).keys()) != len(TITLES):
        raise ValueError(f"The faceted criteria of the directory's listing: {message}")


def ensure_search(directory):
    """The directory's faceted listing, made once (idempotent)."""
    if SEARCH_ID in directory.objectIds():
        return directory[SEARCH_ID]
    language = api.portal.get_default_language() or "fr"
    title = translate(_("directory_faceted_title", default="Search the directory"),
                      target_language=language)
    with with_manager_roles():
        search = createContentInContainer(directory, "Dashboard", id=SEARCH_ID, title=title,
                                          checkConstraints=False)
        search.exclude_from_nav = True
        alsoProvides(search, IDirectorySearch)
        _enable_faceted(search)
        criteria = ICriteria(search)
        _english_titles(criteria)
        IFacetedLayout(search).update_layout(LAYOUT)
        _publish(search)
        search.reindexObject()
    return search


def _english_titles(criteria):
    for cid, message in TITLES.items():
        if criteria.get(cid) is not None:
            criteria.edit(cid, title=message.default)


def update_search(search):
    """Bring an existing listing to today's page: counts on the check boxes (the
    ``count`` of the first criteria was stored as false: eea reads ``"1"`` as no),
    the result list layout, and titles read in each visitor's language (they were
    stored translated to the site's language). Other settings stay."""
    criteria = ICriteria(search)
    _english_titles(criteria)
    for cid in ("c2", "c3"):
        if criteria.get(cid) is not None:
            criteria.edit(cid, count=True, hidezerocount=True)
    IFacetedLayout(search).update_layout(LAYOUT)


def _publish(search):
    """Public like its directory: the ``Dashboard`` type follows the site's default
    workflow (``private`` first), so take it to ``published`` when it has one."""
    chain = api.portal.get_tool("portal_workflow").getChainFor(search)
    if chain and api.content.get_state(obj=search, default=None) != "published":
        api.content.transition(obj=search, to_state="published")


def restrict_query(search, event):
    """Only the published entries of the search's directory, whatever was asked."""
    if not IDirectorySearch.providedBy(search):
        return
    directory = directory_of_search(search)
    event.query.update({
        "portal_type": "Business",
        "review_state": "published",
        "path": {"query": "/".join(directory.getPhysicalPath()), "depth": 1},
    })
    # entries hold their translations themselves: no Language filter
    event.query.pop("Language", None)


class OpenNowWidget(BooleanWidget):
    """A check box "Open now": the entries open at the current minute (Brussels).

    Its query is :func:`~communesplone.directory.search.open_now_criteria`
    (slot index, closures, exact check of the entries open part of the slot).
    """

    widget_type = "directory_open_now"
    widget_label = _("directory_open_now", default="Open now")

    def index_id(self):
        return "open_now"

    def query(self, form):
        value = self.default if self.hidden else form.get(self.data.getId(), "")
        if not value:
            return {}
        catalog = api.portal.get_tool("portal_catalog")
        directory = directory_of_search(self.context)
        return open_now_criteria(catalog, directory, datetime.now(site_zone()))


# --- what the category and locality check boxes offer ------------------------
# Not the catalog's index values: those are every directory's, pending and
# rejected entries' included (eea.facetednavigation renders them all into the
# page and hides the empty ones by JavaScript only).


def _search_directory(context):
    return directory_of_search(context) if IDirectorySearch.providedBy(context) else None


@provider(IVocabularyFactory)
def categories_vocabulary(context):
    """The directory's categories (public: its editors define them), parents included."""
    directory = _search_directory(context)
    categories = parse_lines(getattr(directory, "categories", None) or []) if directory else []
    # the last part of the name in the page's language, indented by level:
    # "Boulangerie" under "Alimentation" ("Bakkerij" under "Voeding")
    names = category_names(directory) if directory is not None else {}
    return SimpleVocabulary([
        SimpleTerm(value, token_of(value),
                   "\u00a0\u00a0" * depth(value) + translated_leaf(value, names))
        for value in categories])


#: The sorts a citizen chooses from, in words (eea's own list says "Sortable title"):
#: by name; eea adds "Relevance" (the text search's order) before them.
SORTS = (("sortable_title", _("directory_sort_name", default="Name (A to Z)")),)


@provider(IVocabularyFactory)
def sorting_vocabulary(context):
    return SimpleVocabulary([SimpleTerm(index, index, title) for index, title in SORTS])


def plain_sorting(search):
    """The sort widget with :data:`SORTS` and without "Results per page" (a citizen
    scrolls or goes to the next page): for listings made before (directory 1006)."""
    criteria = ICriteria(search)
    if criteria.get("c5") is not None:
        criteria.edit("c5", vocabulary="communesplone.directory.FacetedSorting")
    if criteria.get("c6") is not None:
        criteria.edit("c6", hidden=True)


@provider(IVocabularyFactory)
def localities_vocabulary(context):
    """The localities of the directory's published entries (the public facet of search.py)."""
    directory = _search_directory(context)
    if directory is None:
        return SimpleVocabulary([])
    _page, _total, facets = search_entries(directory, Criteria(b_size=1))
    return SimpleVocabulary([SimpleTerm(value, token_of(value), value)
                             for value in sorted(facets.get("locality", {}))])


def token_of(value):
    """A vocabulary token (ASCII) for a value with accents or spaces."""
    return value.encode("unicode_escape").decode("ascii")
