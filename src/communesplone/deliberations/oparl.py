"""OParl 1.1 objects of the site's public deliberations.

URLs are stable: ``<site>/@oparl`` (System), ``/@oparl/body``, ``/@oparl/<kind>s``
(paged lists) and ``/@oparl/<kind>/<id>`` (one object), where ids are content
UIDs (``person`` ids: ``<assembly UID>.<member id>``).

Everything here is read from the catalog *as Anonymous* (its
``allowedRolesAndUsers`` index is queried with ``Anonymous`` only) and further
limited to public items: whoever asks, even a Manager, OParl never serves a
closed-session item, a non-public annex, an unpublished meeting nor anything
of an assembly that does not sit in public.
"""

from plone import api

OPARL = "https://schema.oparl.org/1.1/"
PAGE_SIZE = 100
PUBLIC_MEETING_STATES = ("frozen", "in_session", "decided", "closed", "published")
PUBLIC_ITEM_STATES = ("frozen", "accepted", "accepted_but_modified", "refused", "postponed",
                      "withdrawn", "published")
MEETING_STATES = {"frozen": "scheduled", "in_session": "in session", "decided": "held",
                  "closed": "held", "published": "held"}


class NotFound(Exception):
    """No public object of that kind with that id."""


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

    def url(self, *parts):
        return "/".join([self.base, *parts])

    # -- roots ---------------------------------------------------------------------------

    def system(self):
        return {
            "id": self.base, "type": OPARL + "System", "oparlVersion": OPARL,
            "body": self.url("bodies"), "name": self.portal.Title(),
            "website": self.portal.absolute_url(), "product": "https://github.com/communesplone",
            "vendor": "https://github.com/communesplone",
        }

    def body(self):
        return {
            "id": self.url("body"), "type": OPARL + "Body", "system": self.base,
            "name": api.portal.get_registry_record("communesplone.core.commune_name",
                                                   default="") or self.portal.Title(),
            "website": self.portal.absolute_url(),
            "organization": self.url("organizations"), "person": self.url("persons"),
            "meeting": self.url("meetings"), "paper": self.url("papers"),
            "legislativeTerm": [],
        }

    # -- objects -------------------------------------------------------------------------

    def _assemblies(self):
        return [b._unrestrictedGetObject() for b in _search(portal_type="Assembly",
                                                             sort_on="sortable_title")
                if getattr(b._unrestrictedGetObject(), "public_sessions", False)]

    def organization(self, assembly):
        return {
            "id": self.url("organization", assembly.UID()), "type": OPARL + "Organization",
            "body": self.url("body"), "name": assembly.Title(),
            "organizationType": "Gremium", "classification": assembly.kind,
            "votingMemberCount": len([m for m in assembly.members or []
                                      if m.get("voting") is not False]),
            "web": assembly.absolute_url(),
            "modified": _iso(assembly.modified()),
        }

    def person(self, assembly, member):
        data = {
            "id": self.url("person", f"{assembly.UID()}.{member['id']}"),
            "type": OPARL + "Person", "body": self.url("body"), "name": member["name"],
        }
        if member.get("function"):
            data["status"] = [member["function"]]
        return data

    def meeting(self, brain, with_items=True):
        meeting = brain._unrestrictedGetObject()
        data = {
            "id": self.url("meeting", brain.UID), "type": OPARL + "Meeting",
            "name": brain.Title, "meetingState": MEETING_STATES.get(brain.review_state, ""),
            "cancelled": False, "start": _iso(meeting.date),
            "organization": [self.url("organization", meeting.assembly)],
            "web": brain.getURL(), "modified": _iso(brain.modified),
        }
        if with_items:
            data["agendaItem"] = [self.agenda_item(item_brain, meeting)
                                  for item_brain in self._items_of(brain.UID)]
        return data

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
            "web": brain.getURL(), "modified": _iso(brain.modified),
        }
        if brain.review_state == "published":
            data["result"] = brain.review_state
            data["resolutionText"] = item.decision.output if item.decision else ""
        files = [self.file(annex) for annex in self._public_annexes(item)]
        if files:
            data["auxiliaryFile"] = files
        return data

    def _public_annexes(self, item):
        from communesplone.deliberations.content.annex import IAnnex

        return [annex for annex in item.objectValues()
                if IAnnex.providedBy(annex) and annex.public]

    def paper(self, brain):
        item = brain._unrestrictedGetObject()
        data = {
            "id": self.url("paper", brain.UID), "type": OPARL + "Paper", "body": self.url("body"),
            "name": brain.Title, "reference": str(brain.delib_year_number or ""),
            "paperType": "Délibération", "web": brain.getURL(), "modified": _iso(brain.modified),
        }
        if brain.delib_meeting_date:
            data["date"] = brain.delib_meeting_date.date().isoformat()
        files = [self.file(annex) for annex in self._public_annexes(item)]
        if files:
            data["auxiliaryFile"] = files
        return data

    def file(self, annex):
        blob = annex.file
        return {
            "id": self.url("file", annex.UID()), "type": OPARL + "File", "name": annex.Title(),
            "fileName": blob.filename or annex.getId(), "mimeType": blob.contentType,
            "size": blob.getSize(), "accessUrl": f"{annex.absolute_url()}/@@download/file",
            "downloadUrl": f"{annex.absolute_url()}/@@download/file",
            "modified": _iso(annex.modified()),
        }

    # -- lists ---------------------------------------------------------------------------

    def page(self, kind, elements, page):
        total = len(elements)
        pages = max(1, -(-total // PAGE_SIZE))
        page = min(max(page, 1), pages)
        chunk = elements[(page - 1) * PAGE_SIZE: page * PAGE_SIZE]
        url = self.url(kind)
        links = {"first": f"{url}?page=1", "last": f"{url}?page={pages}"}
        if page > 1:
            links["prev"] = f"{url}?page={page - 1}"
        if page < pages:
            links["next"] = f"{url}?page={page + 1}"
        return {"data": [build() for build in chunk],
                "pagination": {"totalElements": total, "elementsPerPage": PAGE_SIZE,
                               "currentPage": page, "totalPages": pages},
                "links": links}

    def _public_meeting_brains(self):
        public = {a.UID() for a in self._assemblies()}
        return [b for b in _search(portal_type="Meeting", review_state=list(
            PUBLIC_MEETING_STATES), sort_on="delib_meeting_date", sort_order="descending")
            if b._unrestrictedGetObject().assembly in public]

    def _paper_brains(self):
        return list(_search(portal_type="MeetingItem", review_state="published",
                            delib_closed_session=False, sort_on="delib_meeting_date",
                            sort_order="descending"))

    def listing(self, kind, page=1):
        """A paged list of ``kind`` (bodies, organizations, persons, meetings, papers)."""
        if kind == "bodies":
            elements = [self.body]
        elif kind == "organizations":
            elements = [lambda a=a: self.organization(a) for a in self._assemblies()]
        elif kind == "persons":
            elements = [lambda a=a, m=m: self.person(a, m) for a in self._assemblies()
                        for m in a.members or []]
        elif kind == "meetings":
            elements = [lambda b=b: self.meeting(b) for b in self._public_meeting_brains()]
        elif kind == "papers":
            elements = [lambda b=b: self.paper(b) for b in self._paper_brains()]
        else:
            raise NotFound(kind)
        return self.page(kind, elements, page)

    def get(self, kind, object_id):
        """One object by kind and id; :class:`NotFound` unless public."""
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
        raise NotFound(kind)
