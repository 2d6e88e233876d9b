"""The identity audit log: who was certified, by which provider, when, at which level.

Append-only for the code (no view or service writes or deletes entries), read
by Site Administrators through ``@@identity-audit`` and ``@identity-audit``.
It never holds a national register number: only the member id, the provider,
the level, and for refusals the reason, the client address and the
certificate's fingerprint.
"""

from BTrees.LOBTree import LOBTree
from datetime import datetime
from datetime import UTC
from plone import api
from zope.annotation.interfaces import IAnnotations

import random
import time

ANNOTATION_KEY = "communesplone.core.identity_audit"
#: The only keys an entry may carry (so personal data cannot slip in).
FIELDS = ("time", "event", "user_id", "provider", "level", "reason", "client", "fingerprint")


def _log(create=False):
    annotations = IAnnotations(api.portal.get())
    log = annotations.get(ANNOTATION_KEY)
    if log is None and create:
        log = annotations[ANNOTATION_KEY] = LOBTree()
    return log


def _new_key(log):
    """Time-ordered and distinct, so concurrent appends insert different keys.

    BTrees resolve concurrent inserts of different keys: two certifications
    at the same moment both land, neither conflicts.
    """
    key = time.time_ns() // 1000 * 1000 + random.randrange(1000)  # µs, then 0-999
    while key in log:
        key += 1
    return key


def append(event, record=None, **details):
    """Add an entry: ``certified`` (with its record), ``refused`` or ``ignored``."""
    entry = {"time": datetime.now(UTC).isoformat(), "event": event}
    if record is not None:
        entry.update(user_id=record.user_id, provider=record.provider, level=record.level)
    for key, value in details.items():
        if key not in FIELDS:
            raise ValueError(f"the audit log does not keep {key!r}")
        entry[key] = value
    log = _log(create=True)
    log[_new_key(log)] = entry
    return entry


def entries(limit=200, user_id=None, event=None):
    """The newest entries first, optionally only one member's or one kind."""
    log = _log()
    if log is None:
        return []
    found = []
    for key in reversed(log.keys()):
        entry = log[key]
        if user_id is not None and entry.get("user_id") != user_id:
            continue
        if event is not None and entry.get("event") != event:
            continue
        found.append(dict(entry))
        if limit and len(found) >= limit:
            break
    return found
