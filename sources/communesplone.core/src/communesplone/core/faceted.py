"""Staff dashboards: eea.facetednavigation + collective.eeafaceted.collectionwidget.

Every add-on makes its staff dashboards the same way::

    from communesplone.core.faceted import DashboardCollection, make_dashboard

    make_dashboard(
        container,                      # e.g. the BusinessDirectory
        "dashboard",                    # id of the dashboard inside it
        _("Dashboard"),                 # title (a message: translated to the site language)
        collections=[
            DashboardCollection(
                "to-moderate", _("To moderate"),
                query={"portal_type": "Business", "review_state": "pending"},
                sort_on="created",
            ),
            ...
        ],
        groups=["communesplone-economy"],   # who may see the dashboard
    )

A ``Dashboard`` (type of communesplone.core) is a folder made faceted at
creation, holding one ``DashboardCollection`` per saved search; the collection
widget on its left lists them with their counts, the first is the default. The
catalog still filters every result by the reader's own permissions: the
dashboard shows a member only what they may see anyway. The dashboard itself is
visible only to Managers, Site Administrators and the given groups (local role
``Reader``), whatever the state of its container.

``criteria`` is the path of a faceted XML export (``@@faceted_exportimport``);
by default ``faceted_criteria/dashboard.xml`` (collections, full-text search,
state, sorting, results per page). The queries are paths-relative: every
collection is limited to the dashboard's container (``path`` with depth).
"""

from communesplone.core.tables import use_table
from communesplone.core.system import with_manager_roles
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from plone import api
from plone.dexterity.utils import createContentInContainer
from zope.i18n import translate
from zope.i18nmessageid import Message

import io

CRITERIA = Path(__file__).parent / "faceted_criteria"
DEFAULT_CRITERIA = CRITERIA / "dashboard.xml"
STAFF_ROLES = ("Manager", "Site Administrator", "Reader")
PROTECTED = ("View", "Access contents information")


@dataclass
class DashboardCollection:
    """One saved search of a dashboard.

    ``query`` maps catalog indexes to values (a list means "any of"); it is
    turned into plone.app.querystring criteria limited to the container.
    """

    id: str
    title: str | Message
    query: dict = field(default_factory=dict)
    sort_on: str = "created"
    sort_reversed: bool = True
    item_count: int = 30


def _text(value, language):
    if isinstance(value, Message):
        return translate(value, target_language=language)
    return value


def querystring(query, container_path):
    """plone.app.querystring criteria for ``query`` limited to ``container_path``."""
    criteria = [
        {
            "i": "path",
            "o": "plone.app.querystring.operation.string.absolutePath",
            "v": f"{container_path}::-1",
        }
    ]
    for index, value in query.items():
        if isinstance(value, list | tuple):
            criteria.append(
                {"i": index, "o": "plone.app.querystring.operation.selection.any",
                 "v": list(value)}
            )
        elif isinstance(value, bool):
            operation = "isTrue" if value else "isFalse"
            criteria.append(
                {"i": index, "o": f"plone.app.querystring.operation.boolean.{operation}"}
            )
        elif isinstance(value, dict):
            # a raw criterion, e.g. {"o": "...date.lessThanRelativeDate", "v": 365}
            criteria.append({"i": index, **value})
        else:
            criteria.append(
                {"i": index, "o": "plone.app.querystring.operation.selection.any",
                 "v": [value]}
            )
    return criteria


def enable_faceted(obj, criteria=DEFAULT_CRITERIA):
    """Make ``obj`` faceted and import ``criteria`` (a faceted XML export)."""
    request = obj.REQUEST
    subtyper = api.content.get_view("faceted_subtyper", obj, request)
    if subtyper.can_enable():
        subtyper.enable()
    importer = api.content.get_view("faceted_exportimport", obj, request)
    importer.import_xml(import_file=io.BytesIO(Path(criteria).read_bytes()), redirect="")


def restrict_to_groups(obj, groups):
    """Only Managers, Site Administrators and ``groups`` may see ``obj`` (no workflow)."""
    for permission in PROTECTED:
        obj.manage_permission(permission, STAFF_ROLES, acquire=False)
    for group in groups:
        obj.manage_setLocalRoles(group, ["Reader"])
    obj.reindexObjectSecurity()


def make_dashboard(container, id, title, collections, groups=(), criteria=DEFAULT_CRITERIA,
                   table=None):
    """Create (or return, if it exists) the dashboard ``id`` in ``container``.

    ``table`` names the add-on's table (``communesplone.core.tables``) its results
    are shown in; without it, eea's cards.

    Idempotent: a second call returns the existing dashboard unchanged, so
    profiles and content-created events can both call it.
    """
    if id in container.objectIds():
        return container[id]
    language = api.portal.get_default_language() or "fr"
    with with_manager_roles():
        dashboard = createContentInContainer(
            container, "Dashboard", id=id, title=_text(title, language),
            checkConstraints=False,
        )
        dashboard.exclude_from_nav = True
        restrict_to_groups(dashboard, groups)
        enable_faceted(dashboard, criteria)
        container_path = "/".join(container.getPhysicalPath())
        first = None
        for spec in collections:
            collection = createContentInContainer(
                dashboard, "DashboardCollection", id=spec.id,
                title=_text(spec.title, language), checkConstraints=False,
                query=querystring(spec.query, container_path), sort_on=spec.sort_on,
                sort_reversed=spec.sort_reversed, item_count=spec.item_count,
                showNumberOfItems=True,
            )
            collection.reindexObject()
            first = first or collection
        if first is not None:
            set_default_collection(dashboard, first)
        if table:
            use_table(dashboard, table)
        dashboard.reindexObject()
    return dashboard


def set_default_collection(dashboard, collection):
    """Select ``collection`` when the dashboard opens."""
    from collective.eeafaceted.collectionwidget.utils import _updateDefaultCollectionFor

    _updateDefaultCollectionFor(dashboard, collection.UID())


def collection_counts(dashboard):
    """{collection id: number of results for the current user} (for views and tests)."""
    catalog = api.portal.get_tool("portal_catalog")
    from plone.app.querystring.queryparser import parseFormquery

    return {
        obj.getId(): len(catalog(**parseFormquery(obj, obj.query)))
        for obj in dashboard.objectValues()
        if obj.portal_type == "DashboardCollection"
    }
