"""What OParl once served and no longer may: the ``deleted`` objects of OParl 1.1.

A client that synchronises daily with ``modified_since`` only learns that a
meeting, an agenda item, a decision (paper) or a public annex went away if the
server keeps answering for it (OParl 1.1, "Gelöschte Objekte"): the object
keeps its ``id``, ``type`` and ``created``, gets ``deleted: true`` and, as
``modified``, the time it was withdrawn; every other attribute goes.

So the site remembers, in its annotations, the OParl ids that are public
(``served``) and, once one of them stops being public (deleted, withdrawn from
publication, an annex made private, a meeting back in preparation), moves it to
``deleted``. :func:`refresh` runs after every change of a meeting, item or
annex (:func:`communesplone.deliberations.oparl.on_change`); the record is
seeded with what is public when it is first made, so a site that existed
before this module knows what it already published.
"""

from BTrees.OOBTree import OOBTree
from persistent.mapping import PersistentMapping
from zope.annotation.interfaces import IAnnotations

import datetime

KEY = "communesplone.deliberations.oparl_withdrawals"
#: The kinds of OParl object that come from one content object, by portal type.
KINDS = {"Meeting": ("meeting",), "MeetingItem": ("agendaitem", "paper"), "Annex": ("file",)}


def _record(portal, oparl=None, create=True):
    annotations = IAnnotations(portal)
    record = annotations.get(KEY)
    if record is None and create:
        record = annotations[KEY] = PersistentMapping(served=OOBTree(), deleted=OOBTree())
        if oparl is not None:
            for kind, uid, created in oparl.public_ids():
                record["served"][(kind, uid)] = created
    return record


def _now():
    # to the microsecond: a client's modified_since taken a moment before must catch it
    return datetime.datetime.now(datetime.UTC).isoformat()


def refresh(portal, oparl, obj, removed=False):
    """Record whether the OParl objects of ``obj`` are public now."""
    kinds = KINDS.get(getattr(obj, "portal_type", None))
    if not kinds:
        return
    record = _record(portal, oparl)
    uid = obj.UID()
    for kind in kinds:
        key = (kind, uid)
        public = not removed and oparl.is_public(kind, uid)
        if public:
            if key not in record["served"]:
                record["served"][key] = oparl.iso(obj.created())
            if key in record["deleted"]:
                del record["deleted"][key]
        elif key in record["served"]:
            created = record["served"].pop(key)
            record["deleted"][key] = {"created": created, "modified": _now()}


def deleted(portal, kind):
    """``[(uid, {"created", "modified"})]`` of the withdrawn objects of ``kind``."""
    record = _record(portal, create=False)
    if record is None:
        return []
    return [(uid, value) for (k, uid), value in record["deleted"].items() if k == kind]


def deleted_one(portal, kind, uid):
    record = _record(portal, create=False)
    return None if record is None else record["deleted"].get((kind, uid))

