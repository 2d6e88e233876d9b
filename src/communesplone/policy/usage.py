"""What one site costs the host in storage: its ZODB records and its blobs.

A host of many communes on one database (RelStorage or FileStorage) wants to
know which commune fills it. The database has no notion of a site, so the site
is what can be reached from its root object: the walk follows the persistent
references recorded in each pickle (``ZODB.serialize.referencesf``), the way
packing does, and stops at the Zope root and at other sites. It reads every
record once through the storage (no object is woken up in the connection's
cache), so it costs a few seconds for a big site: ``sites list --usage`` asks
for it, a plain ``sites list`` does not.

The sizes are those of the current revisions: what a pack would keep. History
kept by a non-packed storage is not counted per site (it belongs to nobody).
"""

from ZODB.POSException import POSKeyError
from ZODB.serialize import referencesf
from ZODB.utils import get_pickle_metadata

import os


def _blob_size(storage, oid, serial):
    """Bytes of the blob file of record ``oid``, 0 where the storage has none."""
    load_blob = getattr(storage, "loadBlob", None)
    if load_blob is None:
        return 0
    try:
        return os.path.getsize(load_blob(oid, serial))
    except (POSKeyError, OSError):
        return 0


def site_usage(site, stop_at=()):
    """``{"objects", "bytes", "blobs", "blob_bytes"}`` reachable from ``site``.

    ``stop_at`` holds oids that belong to others (the root, the other sites):
    a reference to them is not followed.
    """
    storage = site._p_jar.db().storage
    blocked = set(stop_at)
    seen = set()
    todo = [site._p_oid]
    usage = {"objects": 0, "bytes": 0, "blobs": 0, "blob_bytes": 0}
    while todo:
        oid = todo.pop()
        if oid in seen or oid in blocked:
            continue
        seen.add(oid)
        try:
            data, serial = storage.load(oid)
        except POSKeyError:  # a dangling reference: nothing stored there
            continue
        usage["objects"] += 1
        usage["bytes"] += len(data)
        if get_pickle_metadata(data) == ("ZODB.blob", "Blob"):
            usage["blobs"] += 1
            usage["blob_bytes"] += _blob_size(storage, oid, serial)
        todo.extend(referencesf(data))
    return usage


def sites_usage(app, sites):
    """``{site id: usage}`` of ``sites`` (objects at the root of ``app``).

    Each walk stops at the root and at every other site, so a reference from
    one site to another (there should be none) is not counted twice.
    """
    others = {site._p_oid for site in sites} | {app._p_oid, b"\0" * 8}
    return {site.getId(): site_usage(site, stop_at=others - {site._p_oid}) for site in sites}


def human_size(size):
    """``1.4 MB``: sizes for the operator's eyes (powers of 1,024)."""
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
