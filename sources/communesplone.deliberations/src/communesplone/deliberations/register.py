"""The publication register: proof of what was published, when.

Every published agenda, decision and set of minutes gets an entry: a unique
id (time-ordered, so the register sorts by date), the date and time, the
SHA-256 of the published PDF, and the PDF itself, so that anyone can download
it and check that a copy they hold is the one that was published. The
register is append-only: no view or service changes or removes an entry.
Entries are keys of an OOBTree on the site: concurrent publications insert
different keys and both commit.
"""

from BTrees.OOBTree import OOBTree
from communesplone.deliberations import documents
from datetime import datetime
from datetime import UTC
from plone import api
from plone.namedfile.file import NamedBlobFile
from zope.annotation.interfaces import IAnnotations

import hashlib
import uuid

ANNOTATION_KEY = "communesplone.deliberations.register"
HASH_KEY = "communesplone.deliberations.register_by_hash"
KINDS = ("agenda", "decision", "minutes")


def _trees(create=False):
    annotations = IAnnotations(api.portal.get())
    if create and ANNOTATION_KEY not in annotations:
        annotations[ANNOTATION_KEY] = OOBTree()
        annotations[HASH_KEY] = OOBTree()
    return annotations.get(ANNOTATION_KEY), annotations.get(HASH_KEY)


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def add_entry(kind, obj, pdf, title, public=True, language=None):
    """Register ``pdf`` (bytes) published for ``obj`` in ``language`` (the site's
    default document language when None); return the entry (without the file)."""
    entries, by_hash = _trees(create=True)
    now = datetime.now(UTC)
    entry_id = f"{now:%Y%m%d%H%M%S%f}-{uuid.uuid4().hex[:12]}"
    digest = sha256(pdf)
    entry = {
        "id": entry_id, "kind": kind, "title": title, "published": now.isoformat(),
        "sha256": digest, "uid": obj.UID(), "url": obj.absolute_url(), "public": public,
        "size": len(pdf), "language": language or documents.default_language(),
        "file": NamedBlobFile(data=pdf, contentType="application/pdf",
                              filename=f"{kind}-{entry_id}.pdf"),
    }
    entries[entry_id] = entry
    by_hash[digest] = tuple(by_hash.get(digest, ())) + (entry_id,)
    return public_view(entry)


def entry_language(entry):
    """The language of an entry's PDF; entries made before it was stored say it in
    their title (``Conseil communal 15/12/2026 (NL)``) or are in the default one."""
    if entry.get("language"):
        return entry["language"]
    title = entry.get("title") or ""
    if title.endswith(")") and title[-4:-3] == "(":
        return title[-3:-1].lower()
    return documents.default_language()


def public_view(entry):
    """An entry without its file, as shown and served."""
    return {key: value for key, value in entry.items() if key != "file"}


def entries(public_only=True):
    """Every entry, newest first."""
    tree, _ = _trees()
    if tree is None:
        return []
    values = reversed(list(tree.values()))
    return [public_view(e) for e in values if e.get("public") or not public_only]


def entries_of(uid):
    """The public entries of one published object (by UID), newest first."""
    tree, _ = _trees()
    if tree is None:
        return []
    return [public_view(e) for e in reversed(list(tree.values()))
            if e.get("uid") == uid and e.get("public")]


def get(entry_id):
    tree, _ = _trees()
    return tree.get(entry_id) if tree is not None else None


def verify(data):
    """The entries whose PDF has the hash of ``data`` (bytes), empty when none."""
    _, by_hash = _trees()
    if by_hash is None:
        return []
    tree, _ = _trees()
    return [public_view(tree[key]) for key in by_hash.get(sha256(data), ())]
