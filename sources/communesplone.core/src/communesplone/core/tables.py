"""Staff dashboards as tables: columns, sort options and batch actions per add-on.

iMio's ``collective.eeafaceted.z3ctable`` and ``collective.eeafaceted.batchactions``
do this for eea.facetednavigation, but the releases that install beside our
eea.facetednavigation 16.4 are Python 2 code (docs/developing.md says what was
measured); this module is our equivalent, add-on neutral.

Each add-on registers a named utility providing :class:`IDashboardTable` (a
:class:`Table`): the portal types it shows, its columns (each reads a catalog
brain, never the object), the sort options a clerk needs and the batch actions
(a workflow transition each). :func:`use_table` turns a faceted ``Dashboard``
into such a table (its results layout, its sort options); the view of
``browser/tables.py`` renders the rows and the form, :func:`run_batch` runs a
transition on the selected rows with the clerk's own permissions and says what
it left untouched and why.
"""

from communesplone.core.translating import Translates
from communesplone.core import _
from communesplone.core.myspace import language_of
from communesplone.core.dates import local
from communesplone.core.payment import amount_text
from communesplone.core.workflow_titles import state_title
from dataclasses import dataclass
from dataclasses import field
from plone import api
from Products.CMFCore.WorkflowCore import WorkflowException
from zope.component import queryUtility
from zope.i18n import translate
from zope.interface import Interface
from zope.interface import implementer
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory

from ZODB.POSException import ConflictError
from zope.i18nmessageid import Message

import transaction

#: the faceted results layout of a table dashboard (``browser/tables.py``)
LAYOUT = "faceted-table"
#: the dashboard's attribute naming its table (a utility name)
TABLE_ATTRIBUTE = "dashboard_table"
SORT_VOCABULARY = "communesplone.core.DashboardSortOptions"
QUERYSTRING_FIELD = "plone.app.querystring.field."
EMPTY = "—"
#: Who sent an order or a proposal without an account (see :meth:`Cells.member`).
NO_ACCOUNT = _("table_no_account", default="Without an account")


class IDashboardTable(Interface):
    """A table of a staff dashboard (a :class:`Table`), a named utility."""


@dataclass
class Column:
    """One column: ``value(brain, cells)`` gives the text of a cell from a brain."""

    id: str
    title: object
    value: object


@dataclass
class BatchAction:
    """An action run on each selected row; ``needs_reason`` asks for one first.

    By default ``transition`` is a workflow transition, run when the object's
    workflow offers it to the reader. An action that is not a transition (record a
    payment) gives ``run(obj, comment)``, which returns None when done or what to
    say when it left the object as it was, and the ``permission`` it needs.
    """

    transition: str
    title: object
    needs_reason: bool = False
    run: object = None
    permission: str = ""
    #: ``(dashboard, request) -> [(value, title)]``: the action needs one of these
    #: chosen first (the meeting to present items in); ``run(obj, comment, choice)``
    choices: object = None
    #: the label of that choice, and what the form says when none may be chosen
    choice_label: object = None
    no_choice: object = None


@implementer(IDashboardTable)
@dataclass
class Table:
    name: str
    portal_types: tuple
    columns: list
    actions: list = field(default_factory=list)
    #: (index, title) pairs offered by the sorting widget, the first by default
    sort_options: list = field(default_factory=list)
    default_sort: str = "created(reverse)"
    #: ``title(brain, cells)``: how a row is named in messages and in the reason
    #: form when the stored title will not do (a booking's period is stored in the
    #: site's language only); None: the brain's ``Title``
    title: object = None

    def action(self, transition):
        for action in self.actions:
            if action.transition == transition:
                return action
        return None


def row_namer(table, request):
    """``name(brain)``: the row's title for the reader (:attr:`Table.title`)."""
    if table.title is None or request is None:
        return lambda brain: brain.Title
    cells = Cells(request)
    return lambda brain: table.title(brain, cells) or brain.Title


def table_of(dashboard):
    """The :class:`Table` of ``dashboard``, or None (a dashboard of cards)."""
    name = getattr(dashboard, TABLE_ATTRIBUTE, None)
    return queryUtility(IDashboardTable, name=name) if name else None


class Cells(Translates):
    """What the columns need besides the brain, looked up once per page of results:
    the reader's language, state titles, names of members, titles of containers."""

    def __init__(self, request, context=None):
        self.request = request
        #: the dashboard (its container holds what some columns look up)
        self.context = context
        #: the brains of the page (for columns that look up all of theirs at once)
        self.brains = []
        self.language = language_of(request)
        self._cache = {}
        self._states = {}
        self._members = {}
        self._titles = {}

    def cached(self, key, make):
        """``make()`` once per page (a vocabulary, a mapping the columns share)."""
        if key not in self._cache:
            self._cache[key] = make()
        return self._cache[key]

    def group(self, group_id):
        """A group's title (a service), its id when it has none."""
        if not group_id:
            return EMPTY
        key = ("group", group_id)
        if key not in self._cache:
            group = api.group.get(groupname=group_id)
            self._cache[key] = (group.getProperty("title") if group is not None
                                else "") or group_id
        return self._cache[key]

    def state(self, brain):
        key = (brain.review_state, brain.portal_type)
        if key not in self._states:
            self._states[key] = state_title(brain.review_state, brain.portal_type,
                                            self.request)
        return self._states[key]

    def member(self, user_id, unknown=None):
        """A member's full name (their id when they have none), from the user source.

        ``unknown``: what to say when ``user_id`` is no member of the site (an order
        or a proposal sent without an account, content made by a script): without
        it, the raw id is shown, which is fine only where ids are members' ids.
        """
        if not user_id:
            return self.t(unknown) if unknown is not None else EMPTY
        if user_id not in self._members:
            user = api.user.get(userid=user_id)
            name = user.getProperty("fullname", "") if user is not None else ""
            if not name and user is None and unknown is not None:
                name = self.t(unknown)
            self._members[user_id] = name or user_id
        return self._members[user_id]

    def day(self, value):
        """``15/12/2026`` in the commune's timezone."""
        if not value:
            return EMPTY
        return local(value).strftime("%d/%m/%Y")

    def moment(self, value):
        """``15/12/2026 18:00`` in the commune's timezone."""
        if not value:
            return EMPTY
        return local(value).strftime("%d/%m/%Y %H:%M")

    def amount(self, value):
        return amount_text(value, self.language) if value is not None else EMPTY

    def parent_title(self, brain):
        """The title of the brain's container, the containers of one page read in
        one catalog query (see :meth:`prefetch_parents`)."""
        parent = brain.getPath().rsplit("/", 1)[0]
        return self._titles.get(parent, EMPTY)

    def prefetch_parents(self, brains):
        paths = {brain.getPath().rsplit("/", 1)[0] for brain in brains}
        missing = sorted(path for path in paths if path not in self._titles)
        if missing:
            for brain in api.content.find(path={"query": missing, "depth": 0}):
                self._titles[brain.getPath()] = brain.Title

    def titles_by_uid(self, uids):
        """``{uid: title}`` of the content with these UIDs, in one catalog query."""
        uids = [uid for uid in set(uids) if uid and uid not in self._titles]
        if uids:
            for brain in api.content.find(UID=uids):
                self._titles[brain.UID] = brain.Title
        return self._titles


def rows(table, brains, request, context=None):
    """The rows of one page of results: ``{uid, url, title, state, cells}`` from brains."""
    brains = list(brains)
    cells = Cells(request, context)
    cells.brains = brains
    cells.prefetch_parents(brains)
    name = (lambda brain: table.title(brain, cells) or brain.Title) if table.title \
        else (lambda brain: brain.Title)
    found = []
    for brain in brains:
        found.append({
            "uid": brain.UID,
            "url": brain.getURL(),
            "title": name(brain),
            "state": brain.review_state,
            "cells": [column.value(brain, cells) or EMPTY for column in table.columns],
        })
    return found


# Batch actions -----------------------------------------------------------------------


@dataclass
class BatchResult:
    done: list = field(default_factory=list)
    #: (title, why) of what was left as it was
    untouched: list = field(default_factory=list)
    #: selected UIDs the reader cannot see (another service's)
    hidden: int = 0


def run_batch(table, transition, uids, comment="", request=None, choice=None):
    """Run ``transition`` on each selected object, with the reader's own permissions.

    An object the reader may not see is not touched (``hidden``); one whose
    workflow does not offer the reader this transition, or refuses it (a guard, a
    missing reason), is left as it was and said in ``untouched`` with why. Each
    object runs in a savepoint: a refusal undoes that object's half-made changes.
    ``choice`` is what the person chose for an action with ``choices``.
    """
    result = BatchResult()
    action = table.action(transition)
    if action is None or not uids:
        return result
    workflow = api.portal.get_tool("portal_workflow")
    brains = api.content.find(UID=list(uids), portal_type=list(table.portal_types))
    result.hidden = len(set(uids)) - len(brains)
    name = row_namer(table, request)
    for brain in brains:
        obj = brain.getObject()
        if action.run is not None:
            _run_callable(action, brain, obj, comment, result, name(brain), choice)
            continue
        offered = {info["id"] for info in workflow.getTransitionsFor(obj)}
        if transition not in offered:
            result.untouched.append((name(brain), _(
                "table_batch_not_offered",
                default="you may not do this to it in its state (${state})",
                mapping={"state": state_title(brain.review_state, brain.portal_type,
                                              request)})))
            continue
        savepoint = transaction.savepoint()
        try:
            workflow.doActionFor(obj, transition, comment=comment)
        except ConflictError:
            raise
        except Exception as error:  # a guard, a rule of the add-on: said, never a traceback
            savepoint.rollback()
            result.untouched.append((name(brain), why_refused(error)))
            continue
        result.done.append(name(brain))
    return result


def _run_callable(action, brain, obj, comment, result, title, choice=None):
    if not api.user.has_permission(action.permission, obj=obj):
        result.untouched.append((title, _(
            "table_batch_not_allowed", default="you may not do this to it")))
        return
    savepoint = transaction.savepoint()
    try:
        why = (action.run(obj, comment, choice) if action.choices is not None
               else action.run(obj, comment))
    except ConflictError:
        raise
    except Exception as error:
        savepoint.rollback()
        why = why_refused(error)
    if why:
        result.untouched.append((title, why))
    else:
        result.done.append(title)


def why_refused(error):
    """What a refused transition says to a person: the add-on's message(s) when the
    error carries them (``errors`` of ``(field, message)``, or a message as its
    argument, e.g. a ``WorkflowException`` with a reason), else a general sentence."""
    while getattr(error, "args", None) and isinstance(error.args[0], Exception):
        error = error.args[0]  # CMFCore re-raises a subscriber's error as ``type(e)(e)``
    errors = getattr(error, "errors", None)
    if errors and all(isinstance(item, tuple) and len(item) == 2 for item in errors):
        return errors[0][1]
    argument = error.args[0] if getattr(error, "args", None) else None
    if isinstance(argument, Message) or (isinstance(error, WorkflowException)
                                         and isinstance(argument, str) and argument):
        return argument
    return _("table_batch_refused", default="the change was refused")


def result_messages(table, transition, result, request):
    """The status messages (text, type) that say what a batch did and did not do."""
    messages = []
    action = translate(table.action(transition).title, context=request).rstrip(" …")
    if result.done:
        messages.append((translate(_(
            "table_batch_done", default="${action}: ${count} done (${titles}).",
            mapping={"action": action, "count": len(result.done),
                     "titles": ", ".join(result.done)}), context=request), "info"))
    for title, why in result.untouched:
        messages.append((translate(_(
            "table_batch_untouched", default="${title} was left as it was: ${why}.",
            mapping={"title": title, "why": translate(why, context=request)}),
            context=request), "warning"))
    if result.hidden:
        messages.append((translate(_(
            "table_batch_hidden",
            default="${count} selected element(s) left as they were: you may not see them.",
            mapping={"count": result.hidden}), context=request), "warning"))
    if not (result.done or result.untouched or result.hidden):
        messages.append((translate(_(
            "table_batch_nothing", default="Select at least one row."), context=request),
            "warning"))
    return messages


# Making a dashboard a table ------------------------------------------------------------


def ensure_sortable(index, title):
    """Let the faceted sorting widget offer ``index`` (it offers only the indexes the
    querystring registry calls sortable); not offered to collection editors."""
    from plone.app.querystring.interfaces import IQueryField
    from plone.registry.interfaces import IRegistry
    from zope.component import getUtility

    registry = getUtility(IRegistry)
    prefix = QUERYSTRING_FIELD + index
    if f"{prefix}.sortable" in registry.records:
        return
    registry.registerInterface(IQueryField, prefix=prefix)
    registry[f"{prefix}.title"] = str(title)
    registry[f"{prefix}.enabled"] = False
    registry[f"{prefix}.sortable"] = True
    registry[f"{prefix}.operations"] = []
    registry[f"{prefix}.group"] = "Dashboards"


def _sorting_criterion(dashboard):
    from eea.facetednavigation.interfaces import ICriteria

    for criterion in ICriteria(dashboard).values():
        if criterion.get("widget") == "sorting":
            return criterion.getId()
    return None


def use_table(dashboard, name):
    """Show ``dashboard``'s results as the table ``name`` (new dashboards and upgrades).

    Idempotent: sets the results layout, the table's name and the sorting widget's
    options (the table's, instead of every catalog index), and moves the widgets of
    the right column to the left one.
    """
    from eea.facetednavigation.interfaces import ICriteria
    from eea.facetednavigation.layout.interfaces import IFacetedLayout

    table = queryUtility(IDashboardTable, name=name)
    if table is None:
        return None
    setattr(dashboard, TABLE_ATTRIBUTE, name)
    error = IFacetedLayout(dashboard).update_layout(LAYOUT)
    if error:  # eea refuses a layout the request has no view for
        raise ValueError(f"{LAYOUT}: {error}")
    for index, title in table.sort_options:
        ensure_sortable(index, title)
    criteria = ICriteria(dashboard)
    for found in list(criteria.values()):
        # the right column's widgets (sorting, results per page) under the saved
        # searches: the table gets the width of the page
        if found.get("position") == "right":
            criteria.edit(found.getId(), position="left")
    criterion = _sorting_criterion(dashboard)
    if criterion is not None:
        language = api.portal.get_default_language() or "fr"
        ICriteria(dashboard).edit(
            criterion, vocabulary=SORT_VOCABULARY, default=table.default_sort,
            title=translate(_("table_sort_title", default="Sort on"),
                            target_language=language.split("-")[0]))
    return table


@provider(IVocabularyFactory)
def sort_options_vocabulary(context):
    """The sort options of the dashboard's table, in the reader's language."""
    from zope.globalrequest import getRequest
    from zope.schema.vocabulary import SimpleTerm
    from zope.schema.vocabulary import SimpleVocabulary

    table = table_of(context)
    request = getRequest()
    options = table.sort_options if table is not None else []
    return SimpleVocabulary([
        SimpleTerm(index, index, translate(title, context=request))
        for index, title in options])



def move_dashboards(container_type, dashboard_id, name):
    """Show the dashboard ``dashboard_id`` of every ``container_type`` as the table
    ``name`` (the add-ons' upgrade steps); returns how many were moved."""
    catalog = api.portal.get_tool("portal_catalog")
    moved = 0
    for brain in catalog.unrestrictedSearchResults(portal_type=container_type):
        container = brain._unrestrictedGetObject()
        if dashboard_id not in container.objectIds():
            continue
        dashboard = container[dashboard_id]
        if dashboard.portal_type == "Dashboard" and use_table(dashboard, name) is not None:
            moved += 1
    return moved
