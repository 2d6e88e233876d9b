"""OParl 1.1 objects of the site's public deliberations.

URLs are stable: ``<site>/@oparl`` (System), ``/@oparl/body``, ``/@oparl/<kind>s``
(paged lists) and ``/@oparl/<kind>/<id>`` (one object), where ids are content
UIDs (``person`` ids: ``<assembly UID>.<member id>``).

Everything here is read from the catalog *as Anonymous* (its
``allowedRolesAndUsers`` index is queried with ``Anonymous`` only) and further
limited to public items: whoever asks, even a Manager, OParl never serves a
closed-session item, a non-public annex, an unpublished meeting nor anything
of an assembly that does not sit in public.

Clients synchronise with the list filters ``created_since``, ``created_until``,
``modified_since`` and ``modified_until`` (RFC 3339 date-times, inclusive),
which every list takes and every ``links`` URL keeps; with ``modified_since``
a list also holds the objects withdrawn since (``deleted: true``, see
:mod:`communesplone.deliberations.withdrawals`).
"""

from communesplone.core.opendata import open_data_license
from communesplone.deliberations.states import PUBLIC_ITEM_STATES
from communesplone.deliberations.states import PUBLIC_MEETING_STATES
from communesplone.deliberations import withdrawals
from communesplone.deliberations.content.annex import IAnnex
from plone import api
from urllib.parse import urlencode
from zope.lifecycleevent.interfaces import IObjectRemovedEvent

import datetime

OPARL = "https://schema.oparl.org/1.1/"
PAGE_SIZE = 100
MEETING_STATES = {"frozen": "scheduled", "in_session": "in session", "decided": "held",
                  "closed": "held", "published": "held"}


FILTERS = ("created_since", "created_until", "modified_since", "modified_until")
TYPES = {"meeting": "Meeting", "agendaitem": "AgendaItem", "paper": "Paper", "file": "File",
         "organization": "Organization", "person": "Person", "body": "Body"}


class NotFound(Exception):
    """No public object of that kind with that id."""


class BadFilter(ValueError):
    """A list filter that is not an RFC 3339 date-time (``name`` says which)."""

    def __init__(self, name):
        super().__init__(name)
        self.name = name


def parse_filters(form):
    """``{name: aware datetime}`` of the list filters in ``form``; :class:`BadFilter`."""
    filters = {}
    for name in FILTERS:
        raw = (form.get(name) or "").strip()
        if not raw:
            continue
        try:
            value = datetime.datetime.fromisoformat(raw.replace(" ", "+"))
        except ValueError:
            raise BadFilter(name) from None
        if value.tzinfo is None:
            raise BadFilter(name)
        filters[name] = value
    return filters


def _aware(value):
    if value is None:
        return None
    if isinstance(value, str):
        return datetime.datetime.fromisoformat(value)
    if not isinstance(value, datetime.datetime):
        value = value.asdatetime()
    return value


def matches(filters, created, modified):
    """Whether an object created/modified then passes the filters (bounds included)."""
    created, modified = _aware(created), _aware(modified)
    checks = (("created_since", created, 1), ("created_until", created, -1),
              ("modified_since", modified, 1), ("modified_until", modified, -1))
    for name, value, sign in checks:
        bound = filters.get(name)
        if bound is None:
            continue
        if value is None or (value < bound if sign > 0 else value > bound):
            return False
    return True


def _search(**query):
    catalog = api.portal.get_tool("portal_catalog")
    query["allowedRolesAndUsers"] = ["Anonymous"]
    return catalog.unrestrictedSearchResults(**query)


def _iso(value):
    if value is None:
        return None
    if hasattr(value, "ISO8601"):
        return value.ISO8601()
    return value.isoformat()


class OParl:
    """Builds OParl objects; ``base`` is the URL of ``@oparl``."""

    def __init__(self, portal, base):
        self.portal = portal
        self.base = base
        #: the commune's open data licence (a URL), or None: OParl's ``license``
        self.license = open_data_license()

    def licensed(self, data):
        """``data`` with the commune's licence as OParl's ``license``, if one is set.

        Given on the system, the body and every object (not only where it differs,
        as the standard would allow): a client that fetches one object alone still
        reads under which licence it may reuse it."""
        if self.license:
            data["license"] = self.license
        return data

    def url(self, *parts):
        return "/".join([self.base, *parts])

    iso = staticmethod(_iso)

    # -- roots ---------------------------------------------------------------------------

    def system(self):
        return self.licensed({
            "id": self.base, "type": OPARL + "System", "oparlVersion": OPARL,
            "body": self.url("bodies"), "name": self.portal.Title(),
            "website": self.portal.absolute_url(), "product": "https://github.com/communesplone",
            "vendor": "https://github.com/communesplone",
        })

    def body(self):
        return self.licensed({
            "id": self.url("body"), "type": OPARL + "Body", "system": self.base,
            "name": api.portal.get_registry_record("communesplone.core.commune_name",
                                                   default="") or self.portal.Title(),
            "website": self.portal.absolute_url(),
            "organization": self.url("organizations"), "person": self.url("persons"),
            "meeting": self.url("meetings"), "paper": self.url("papers"),
            "legislativeTerm": [],
        })

    # -- objects -------------------------------------------------------------------------

    def _assemblies(self):
        return [b._unrestrictedGetObject() for b in _search(portal_type="Assembly",
                                                             sort_on="sortable_title")
                if getattr(b._unrestrictedGetObject(), "public_sessions", False)]

    def organization(self, assembly):
        return self.licensed({
            "id": self.url("organization", assembly.UID()), "type": OPARL + "Organization",
            "body": self.url("body"), "name": assembly.Title(),
            "organizationType": "Gremium", "classification": assembly.kind,
            "votingMemberCount": len([m for m in assembly.members or []
                                      if m.get("voting") is not False]),
            "web": assembly.absolute_url(),
            "created": _iso(assembly.created()), "modified": _iso(assembly.modified()),
        })

    def person(self, assembly, member):
        data = {
            "id": self.url("person", f"{assembly.UID()}.{member['id']}"),
            "type": OPARL + "Person", "body": self.url("body"), "name": member["name"],
        }
        if member.get("function"):
            data["status"] = [member["function"]]
        return self.licensed(data)

    def meeting(self, brain, with_items=True):
        meeting = brain._unrestrictedGetObject()
        data = {
            "id": self.url("meeting", brain.UID), "type": OPARL + "Meeting",
            "name": brain.Title, "meetingState": MEETING_STATES.get(brain.review_state, ""),
            "cancelled": False, "start": _iso(meeting.date),
            "organization": [self.url("organization", meeting.assembly)],
            "web": brain.getURL(), "created": _iso(brain.created),
            "modified": _iso(brain.modified),
        }
        if with_items:
            data["agendaItem"] = [self.agenda_item(item_brain, meeting)
                                  for item_brain in self._items_of(brain.UID)]
        return self.licensed(data)

    def _items_of(self, meeting_uid):
        brains = _search(portal_type="MeetingItem", delib_meeting=meeting_uid,
                         delib_closed_session=False, review_state=list(PUBLIC_ITEM_STATES),
                         sort_on="delib_item_number")
        return list(brains)

    def agenda_item(self, brain, meeting=None):
        item = brain._unrestrictedGetObject()
        data = {
            "id": self.url("agendaitem", brain.UID), "type": OPARL + "AgendaItem",
            "meeting": self.url("meeting", item.meeting),
            "number": str(brain.delib_item_number or ""),
            "order": int(brain.delib_item_number or 0), "name": brain.Title, "public": True,
            "web": brain.getURL(), "created": _iso(brain.created),
            "modified": _iso(brain.modified),
        }
        if brain.review_state == "published":
            data["result"] = brain.review_state
            data["resolutionText"] = item.decision.output if item.decision else ""
        files = [self.file(annex) for annex in self._public_annexes(item)]
        if files:
            data["auxiliaryFile"] = files
        return self.licensed(data)

    def _public_annexes(self, item):
        return [annex for annex in item.objectValues()
                if IAnnex.providedBy(annex) and annex.public]

    def paper(self, brain):
        item = brain._unrestrictedGetObject()
        data = {
            "id": self.url("paper", brain.UID), "type": OPARL + "Paper", "body": self.url("body"),
            "name": brain.Title, "reference": str(brain.delib_year_number or ""),
            "paperType": "Délibération", "web": brain.getURL(), "created": _iso(brain.created),
            "modified": _iso(brain.modified),
        }
        if brain.delib_meeting_date:
            data["date"] = brain.delib_meeting_date.date().isoformat()
        files = [self.file(annex) for annex in self._public_annexes(item)]
        if files:
            data["auxiliaryFile"] = files
        return self.licensed(data)

    def file(self, annex):
        blob = annex.file
        return self.licensed({
            "id": self.url("file", annex.UID()), "type": OPARL + "File", "name": annex.Title(),
            "fileName": blob.filename or annex.getId(), "mimeType": blob.contentType,
            "size": blob.getSize(), "accessUrl": f"{annex.absolute_url()}/@@download/file",
            "downloadUrl": f"{annex.absolute_url()}/@@download/file",
            "created": _iso(annex.created()), "modified": _iso(annex.modified()),
        })

    # -- lists ---------------------------------------------------------------------------

    def page(self, kind, elements, page, filters=None):
        """One page of ``elements`` (``(created, modified, build)``) passing ``filters``;
        the ``links`` keep the filters (OParl 1.1: a client follows ``next`` as given)."""
        filters = filters or {}
        elements = [build for created, modified, build in elements
                    if matches(filters, created, modified)]
        total = len(elements)
        pages = max(1, -(-total // PAGE_SIZE))
        page = min(max(page, 1), pages)
        chunk = elements[(page - 1) * PAGE_SIZE: page * PAGE_SIZE]
        kept = [(name, _iso(filters[name])) for name in FILTERS if name in filters]

        def link(number):
            return f"{self.url(kind)}?{urlencode([*kept, ('page', number)])}"

        links = {"first": link(1), "last": link(pages)}
        if page > 1:
            links["prev"] = link(page - 1)
        if page < pages:
            links["next"] = link(page + 1)
        return {"data": [build() for build in chunk],
                "pagination": {"totalElements": total, "elementsPerPage": PAGE_SIZE,
                               "currentPage": page, "totalPages": pages},
                "links": links}

    def deleted(self, kind, uid, record):
        """A withdrawn object as OParl 1.1 wants it: id, type, created, modified, deleted."""
        return {"id": self.url(kind, uid), "type": OPARL + TYPES[kind],
                "created": record["created"], "modified": record["modified"], "deleted": True}

    def _withdrawn(self, kind):
        return [(record["created"], record["modified"],
                 lambda uid=uid, record=record: self.deleted(kind, uid, record))
                for uid, record in withdrawals.deleted(self.portal, kind)]

    def _public_meeting_brains(self):
        public = {a.UID() for a in self._assemblies()}
        return [b for b in _search(portal_type="Meeting", review_state=list(
            PUBLIC_MEETING_STATES), sort_on="delib_meeting_date", sort_order="descending")
            if b._unrestrictedGetObject().assembly in public]

    def _paper_brains(self):
        return list(_search(portal_type="MeetingItem", review_state="published",
                            delib_closed_session=False, sort_on="delib_meeting_date",
                            sort_order="descending"))

    def listing(self, kind, page=1, filters=None):
        """A paged list of ``kind`` (bodies, organizations, persons, meetings, papers)."""
        filters = filters or {}
        if kind == "bodies":
            elements = [(self.portal.created(), self.portal.modified(), self.body)]
        elif kind == "organizations":
            elements = [(a.created(), a.modified(), lambda a=a: self.organization(a))
                        for a in self._assemblies()]
        elif kind == "persons":
            elements = [(a.created(), a.modified(), lambda a=a, m=m: self.person(a, m))
                        for a in self._assemblies() for m in a.members or []]
        elif kind == "meetings":
            elements = [(b.created, b.modified, lambda b=b: self.meeting(b))
                        for b in self._public_meeting_brains()]
        elif kind == "papers":
            elements = [(b.created, b.modified, lambda b=b: self.paper(b))
                        for b in self._paper_brains()]
        else:
            raise NotFound(kind)
        if "modified_since" in filters and kind in ("meetings", "papers"):
            elements += self._withdrawn(kind[:-1])
        return self.page(kind, elements, page, filters)

    def public_ids(self):
        """``(kind, uid, created)`` of every public meeting, agenda item, paper and file."""
        ids = []
        for brain in self._public_meeting_brains():
            ids.append(("meeting", brain.UID, _iso(brain.created)))
            for item in self._items_of(brain.UID):
                ids.append(("agendaitem", item.UID, _iso(item.created)))
                for annex in self._public_annexes(item._unrestrictedGetObject()):
                    ids.append(("file", annex.UID(), _iso(annex.created())))
        ids += [("paper", b.UID, _iso(b.created)) for b in self._paper_brains()]
        return ids

    def is_public(self, kind, uid):
        try:
            self.get(kind, uid, with_deleted=False)
        except NotFound:
            return False
        return True

    def get(self, kind, object_id, with_deleted=True):
        """One object by kind and id; a withdrawn one as :meth:`deleted`;
        :class:`NotFound` unless public."""
        if kind == "body":
            return self.body()
        if kind == "organization":
            for assembly in self._assemblies():
                if assembly.UID() == object_id:
                    return self.organization(assembly)
        elif kind == "person":
            assembly_uid, _, member_id = object_id.partition(".")
            for assembly in self._assemblies():
                if assembly.UID() == assembly_uid and member_id in assembly.member_map():
                    return self.person(assembly, assembly.member_map()[member_id])
        elif kind == "meeting":
            for brain in self._public_meeting_brains():
                if object_id == brain.UID:
                    return self.meeting(brain)
        elif kind == "agendaitem":
            for brain in _search(UID=object_id, portal_type="MeetingItem",
                                 delib_closed_session=False,
                                 review_state=list(PUBLIC_ITEM_STATES)):
                return self.agenda_item(brain)
        elif kind == "paper":
            for brain in _search(UID=object_id, portal_type="MeetingItem",
                                 review_state="published", delib_closed_session=False):
                return self.paper(brain)
        elif kind == "file":
            for brain in _search(UID=object_id, portal_type="Annex"):
                annex = brain._unrestrictedGetObject()
                if annex.public:
                    return self.file(annex)
        record = withdrawals.deleted_one(self.portal, kind, object_id) if with_deleted \
            else None
        if record is not None:
            return self.deleted(kind, object_id, record)
        raise NotFound(kind)


def answer(portal, base, params, form):
    """``(status, JSON data)`` of ``GET <base>/<params...>?<form>``, for the REST service
    and for the plain browser view alike."""
    oparl = OParl(portal, base)
    lists = ("bodies", "organizations", "persons", "meetings", "papers")
    try:
        if not params:
            return 200, oparl.system()
        if len(params) == 1 and params[0] in lists:
            try:
                page = int(form.get("page", 1))
            except (TypeError, ValueError):
                page = 1
            return 200, oparl.listing(params[0], page, parse_filters(form))
        if len(params) == 1 and params[0] == "body":
            return 200, oparl.body()
        if len(params) == 2:
            return 200, oparl.get(*params)
    except BadFilter as error:
        return 400, {"error": {"type": "BadRequest",
                               "message": f"{error.name}: an RFC 3339 date-time with its "
                                          "offset is expected, e.g. 2026-01-01T00:00:00+01:00"}}
    except NotFound:
        pass
    return 404, {"error": {"type": "NotFound", "message": "Not found"}}


def on_change(obj, event):
    """Subscriber: a meeting, item or annex was added, changed, changed state or went away;
    :mod:`~communesplone.deliberations.withdrawals` records whether OParl may serve it."""
    portal = api.portal.get()
    removed = IObjectRemovedEvent.providedBy(event)
    if not removed:
        # a transition's event comes before the workflow tool reindexes the state
        obj.reindexObject(idxs=["review_state", "allowedRolesAndUsers"])
    oparl = OParl(portal, f"{portal.absolute_url()}/@oparl")
    withdrawals.refresh(portal, oparl, obj, removed=removed)
    if getattr(obj, "portal_type", None) == "MeetingItem":
        # an item's annexes are public with it (and go with it)
        for annex in oparl._public_annexes(obj):
            withdrawals.refresh(portal, oparl, annex, removed=removed)
