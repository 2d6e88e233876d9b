"""The staff inbox "À traiter": what waits for a member of staff, across the add-ons.

Core knows no add-on. Each add-on indexes what waits in three catalog indexes
and registers an :class:`~communesplone.core.interfaces.IInboxKind` utility per
kind (orders to take, bookings to confirm…):

* ``inbox_queue`` (KeywordIndex and column): ``"<kind>|<group>"`` for each
  service group that must act, built with :func:`queue_keys`; nothing once the
  thing waits for nobody. One keyword per kind and group, because one thing may
  wait for two services at once (an item the secretariat validates while the
  finance service owes its advice), and "my service" must not count the other's.
* ``inbox_due`` (DateIndex and column): when it is due; always a date (a thing
  missing from the sort index would vanish from a sorted listing).
* ``inbox_assignee`` (FieldIndex and column): the member who took it ("mine").

The page ``@@inbox`` and the REST service ``@inbox`` both show :func:`inbox`:
brains only, the catalog's own security (a service never sees what it may not
view), one query per kind for the counts and one for the rows.
"""

from communesplone.core import _
from communesplone.core.groups import SHARED_GROUPS
from communesplone.core.interfaces import IInboxKind
from communesplone.core.dates import site_zone
from communesplone.core.dates import when_text
from communesplone.core.installed import in_installed_sites
from communesplone.core.myspace import language_of
from communesplone.core.workflow_titles import state_title
from communesplone.core.workflow_titles import transition_title
from datetime import datetime
from DateTime import DateTime
from plone import api
from plone.protect.authenticator import createToken
from Products.CMFCore.utils import getToolByName
from zope.component import getUtilitiesFor
from zope.i18n import translate

SEPARATOR = "|"
INBOX_INDEXES = ("inbox_queue", "inbox_due", "inbox_assignee")
SCOPES = ("mine", "service", "all")
BATCH_SIZE = 50
MANAGER_ROLES = {"Manager", "Site Administrator"}

SCOPE_TITLES = {
    "mine": _("inbox_scope_mine", default="Mine"),
    "service": _("inbox_scope_service", default="My services"),
    "all": _("inbox_scope_all", default="All"),
}


def queue_keys(kind, groups):
    """The ``inbox_queue`` keywords of a thing of ``kind`` waiting for ``groups``.

    With no group named, the thing waits for the site's managers (kind only).
    """
    groups = sorted({group for group in groups or () if group})
    return [f"{kind}{SEPARATOR}{group}" for group in groups] or [f"{kind}{SEPARATOR}"]


def state_of(obj):
    """The review state of ``obj``, read through its own acquisition chain.

    The add-ons' ``inbox_queue`` indexers call this. They run when the
    transaction commits (the indexing queue), possibly after the local site
    was unset: the layer set-up that creates the demo commune, a script. There
    ``plone.api`` cannot find the portal, the commit fails and loses every
    change of the transaction; the workflow tool acquired from ``obj`` is always
    there.
    """
    workflow = getToolByName(obj, "portal_workflow", None)
    return workflow.getInfoFor(obj, "review_state", None) if workflow is not None else None


def split_key(key):
    kind, _sep, group = key.partition(SEPARATOR)
    return kind, group


def kinds():
    """The registered kinds as ``{name: kind}``, in their order."""
    found = sorted(getUtilitiesFor(IInboxKind), key=lambda pair: (pair[1].order, pair[0]))
    return dict(found)


def _groups_of(user):
    groups = getattr(user, "getGroups", None)
    return set(groups() if groups else ())


def is_manager(user):
    return bool(MANAGER_ROLES & set(user.getRoles()))


def waiting_keys():
    """Every ``inbox_queue`` keyword in the catalog (read from the index, not the brains)."""
    return api.portal.get_tool("portal_catalog").uniqueValuesFor("inbox_queue")


def is_staff(user=None):
    """A site manager, or a member of a shared service or of a group something waits for.

    Citizens and anonymous visitors have no inbox.
    """
    if api.user.is_anonymous():
        return False
    user = user or api.user.get_current()
    if is_manager(user):
        return True
    groups = _groups_of(user)
    if groups & {group_id for group_id, _title in SHARED_GROUPS}:
        return True
    return bool(groups & {split_key(key)[1] for key in waiting_keys()})


def _group_title(group_id, request):
    group = api.group.get(groupname=group_id) if group_id else None
    if group is None:
        return translate(_("inbox_no_service", default="Site managers"), context=request)
    return group.getProperty("title") or group_id


class _Texts:
    """What the rows of one page share, worked out once: group and state titles, the
    actions of a state (their URL less the row's), dates in words per local day.

    A page of 50 rows asks the same few questions 50 times; without this the
    translations, the group lookups and the workflow tool cost more than the query.
    """

    def __init__(self, request):
        self.request = request
        self.language = language_of(request)
        self.now = DateTime()
        self.token = createToken()
        self.portal_url = api.portal.get().absolute_url()
        self.workflow = api.portal.get_tool("portal_workflow")
        self.zone = site_zone()
        self._memo = {}

    def _memoized(self, key, compute):
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def group(self, group_id):
        return self._memoized(("group", group_id),
                              lambda: _group_title(group_id, self.request))

    def state(self, portal_type, state):
        return self._memoized(("state", portal_type, state),
                              lambda: state_title(state, portal_type, self.request))

    def day(self, value):
        """A due date in words, worked out once per local day."""
        value = value.asdatetime()
        if self.zone is not None and value.tzinfo is not None:
            value = value.astimezone(self.zone)
        day = datetime(value.year, value.month, value.day)
        return self._memoized(("day", day), lambda: when_text(day, self.language,
                                                              with_time=False, year=True))

    def actions(self, portal_type, transitions):
        """``[(id, title, URL pattern)]`` of ``transitions`` in the type's workflow."""
        return self._memoized(("actions", portal_type, transitions),
                              lambda: self._find_actions(portal_type, transitions))

    def _find_actions(self, portal_type, transitions):
        chain = self.workflow.getChainForPortalType(portal_type)
        workflow = self.workflow.getWorkflowById(chain[0]) if chain else None
        found = []
        for transition_id in transitions if workflow is not None else ():
            transition = workflow.transitions.get(transition_id)
            if transition is None or not transition.actbox_url:
                continue
            pattern = transition.actbox_url
            pattern += ("&" if "?" in pattern else "?") + "_authenticator=" + self.token
            found.append((transition_id,
                          transition_title(transition_id, portal_type, self.request),
                          pattern))
        return found


def _actions(brain, url, kind, texts):
    """The transitions this row offers, linked as its workflow's status menu links them."""
    transitions = tuple(kind.actions.get(brain.review_state, ()))
    if not transitions:
        return []
    values = {"content_url": url, "portal_url": texts.portal_url,
              "folder_url": url.rsplit("/", 1)[0]}
    return [{"id": transition_id, "title": title, "url": pattern % values}
            for transition_id, title, pattern in texts.actions(brain.portal_type, transitions)]


def _row(brain, keys, all_kinds, user_id, groups, manager, texts):
    """One row, JSON-ready, from the brain's metadata only."""
    request = texts.request
    mine = [key for key in brain.inbox_queue or () if key in keys]
    kind_name, group = split_key(mine[0]) if mine else ("", "")
    kind = all_kinds.get(kind_name)
    due = brain.inbox_due
    url = brain.getURL()
    may_act = manager or any(split_key(key)[1] in groups for key in mine)
    return {
        "title": (kind.row_title(brain, request) if hasattr(kind, "row_title") else "")
        or brain.Title or brain.getId,
        "url": url,
        "uid": brain.UID,
        "kind": kind_name,
        "kind_title": texts._memoized(("kind", kind_name), lambda: translate(
            kind.title, context=request)) if kind else "",
        "service": group,
        "service_title": texts.group(group),
        "state": brain.review_state,
        "state_title": texts.state(brain.portal_type, brain.review_state),
        "detail": kind.detail(brain, request) if kind else "",
        "due": due.ISO8601() if due else None,
        "due_text": texts.day(due) if due else "",
        "overdue": bool(due and due.lessThan(texts.now)),
        "assigned_to_me": bool(user_id and brain.inbox_assignee == user_id),
        "actions": _actions(brain, url, kind, texts) if kind and may_act else [],
    }


def inbox(request, scope=None, service=None, kind=None, start=0, size=BATCH_SIZE):
    """What waits for the current member of staff, JSON-ready and translated.

    ``scope``: ``mine`` (taken by me), ``service`` (my services' queues, the
    default for a member of a service) or ``all`` (everything I may see, the
    default for a manager of no service); ``service`` narrows to one group,
    ``kind`` to one kind. Rows are sorted by due date, oldest first.
    """
    user = api.user.get_current()
    user_id = user.getId()
    groups = _groups_of(user)
    manager = is_manager(user)
    all_kinds = kinds()
    present = [key for key in waiting_keys() if split_key(key)[0] in all_kinds]
    present_groups = {split_key(key)[1] for key in present}
    services = sorted(present_groups if manager else present_groups & groups)
    if scope not in SCOPES:
        scope = "service" if present_groups & groups else "all"
    if service not in present_groups or (not manager and service not in groups):
        service = None
    if kind not in all_kinds:
        kind = None

    keys = present
    if scope == "service":
        keys = [key for key in keys if split_key(key)[1] in groups]
    if service:
        keys = [key for key in keys if split_key(key)[1] == service]
    extra = {"inbox_assignee": user_id} if scope == "mine" else {}
    catalog = api.portal.get_tool("portal_catalog")

    counts = []
    for name, found in all_kinds.items():
        kind_keys = [key for key in keys if split_key(key)[0] == name]
        count = len(catalog(inbox_queue=kind_keys, **extra)) if kind_keys else 0
        if count or name == kind:
            counts.append({"kind": name, "title": translate(found.title, context=request),
                           "count": count})
    if kind:
        keys = [key for key in keys if split_key(key)[0] == kind]

    start = max(int(start or 0), 0)
    size = min(max(int(size or BATCH_SIZE), 1), 200)
    rows, total = [], 0
    texts = _Texts(request)
    if keys:
        results = catalog(inbox_queue=keys, sort_on="inbox_due", sort_order="ascending",
                          b_start=start, b_size=size, **extra)
        total = results.actual_result_count  # the batch alone is sorted and returned
        key_set = set(keys)
        rows = [_row(brain, key_set, all_kinds, user_id, groups, manager, texts)
                for brain in results]
    return {
        "scope": scope,
        "scopes": [{"id": name, "title": translate(title, context=request)}
                   for name, title in SCOPE_TITLES.items()],
        "service": service,
        "services": [{"id": group, "title": texts.group(group)} for group in services],
        "kind": kind,
        "counts": counts,
        "total": total,
        "start": start,
        "size": size,
        "items": rows,
    }


@in_installed_sites()
def reindex_after_transition(obj, event):
    """A transition changes what waits (Plone reindexes only the state): reindex the
    inbox's indexes of the content types that fill them."""
    from plone.indexer.interfaces import IIndexer
    from zope.component import queryMultiAdapter

    catalog = api.portal.get_tool("portal_catalog")
    if queryMultiAdapter((obj, catalog), IIndexer, name="inbox_queue") is None:
        return
    obj.reindexObject(idxs=list(INBOX_INDEXES))
