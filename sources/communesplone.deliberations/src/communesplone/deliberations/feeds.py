"""Atom feeds (RFC 4287) of the published decisions: one for the site, one per assembly.

What feed readers and aggregators rely on, to the letter of the RFC:

- ``atom:id``: a ``urn:uuid:`` in the 8-4-4-4-12 form (RFC 4122), made from the
  decision's UID, so it never changes when a title or an address does; the
  feed's own id is derived from its assembly's (or the site's) UID the same way;
- ``atom:updated``: the last change of the decision (``modified``), the feed's
  is the newest of its entries'; ``atom:published`` when the decision has a
  real publication date;
- ``atom:author`` on the feed (the commune) and on each entry (its assembly);
- ``rel="self"`` and ``rel="alternate"`` links (the page the feed follows, each
  decision's page);
- the commune's open data licence, if it states one: ``atom:rights`` (its name)
  and a ``rel="license"`` link to it (RFC 4946, the Atom License Extension).

:func:`conditional` answers ``304`` to a reader that already has this version
(``If-None-Match`` with the ETag, or ``If-Modified-Since``).
"""

from email.utils import format_datetime
from email.utils import parsedate_to_datetime
from xml.etree import ElementTree

import datetime
import hashlib
import uuid

ATOM = "http://www.w3.org/2005/Atom"
#: How many decisions a feed holds (newest first).
FEED_SIZE = 50
#: Names of the feed's own id, derived from a UID (stable, never an entry's id).
_FEED_NAME = "communesplone-deliberations-feed"

ElementTree.register_namespace("", ATOM)


def uuid_urn(uid):
    """``urn:uuid:8-4-4-4-12`` of a Plone UID (32 hex digits)."""
    return uuid.UUID(hex=uid).urn


def feed_urn(uid):
    """The feed's own id: a name-based UUID (RFC 4122 v5) of its container's UID."""
    return uuid.uuid5(uuid.UUID(hex=uid), _FEED_NAME).urn


def rfc3339(value):
    """A ``DateTime`` or aware ``datetime`` as an RFC 3339 timestamp (seconds, UTC)."""
    if not isinstance(value, datetime.datetime):
        value = value.asdatetime()
    return value.astimezone(datetime.UTC).replace(microsecond=0).isoformat()


def is_real_date(value):
    """Plone stores "no date" as 1000 or 1969/1970 (the epoch's eve): not a date."""
    return value is not None and value.year() > 1970 and value.year() < 9000


def _sub(parent, tag, text=None, **attributes):
    element = ElementTree.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
    if text is not None:
        element.text = text
    return element


def _author(parent, name, uri=None):
    author = _sub(parent, "author")
    _sub(author, "name", name)
    if uri:
        _sub(author, "uri", uri)


def build(*, uid, title, self_url, alternate_url, author, author_url, language, entries,
          fallback_updated, license_url=None, rights=None):
    """The feed document (bytes) and its ``updated`` time (aware ``datetime``).

    ``license_url``, ``rights``: the licence's URL and name (both or neither).

    ``entries``: dicts with ``uid``, ``title``, ``url``, ``updated`` and optionally
    ``published`` (aware datetimes), ``summary`` and ``author`` (the assembly).
    """
    newest = max((entry["updated"] for entry in entries), default=fallback_updated)
    feed = ElementTree.Element(f"{{{ATOM}}}feed")
    if language:
        feed.set("{http://www.w3.org/XML/1998/namespace}lang", language)
    _sub(feed, "id", feed_urn(uid))
    _sub(feed, "title", title)
    _sub(feed, "updated", rfc3339(newest))
    _author(feed, author, author_url)
    _sub(feed, "link", rel="self", type="application/atom+xml", href=self_url)
    _sub(feed, "link", rel="alternate", type="text/html", href=alternate_url)
    if license_url:
        _sub(feed, "link", rel="license", type="text/html", href=license_url)
        _sub(feed, "rights", rights or license_url)
    for entry in entries:
        node = _sub(feed, "entry")
        _sub(node, "id", uuid_urn(entry["uid"]))
        _sub(node, "title", entry["title"])
        _sub(node, "link", rel="alternate", type="text/html", href=entry["url"])
        _sub(node, "updated", rfc3339(entry["updated"]))
        if entry.get("published"):
            _sub(node, "published", rfc3339(entry["published"]))
        _author(node, entry.get("author") or author)
        _sub(node, "summary", entry.get("summary") or entry["title"])
    body = ElementTree.tostring(feed, encoding="utf-8", xml_declaration=True)
    return body, newest


def etag(body):
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def conditional(request, body, updated):
    """Set ETag and Last-Modified; True when the reader's copy is current (answer 304)."""
    response = request.response
    tag = etag(body)
    response.setHeader("ETag", tag)
    response.setHeader("Last-Modified", format_datetime(
        updated.astimezone(datetime.UTC).replace(microsecond=0), usegmt=True))
    response.setHeader("Cache-Control", "no-cache")
    response.setHeader("Vary", "Accept-Language, Cookie, Authorization")
    if_none_match = request.getHeader("If-None-Match")
    if if_none_match is not None:
        # RFC 9110 13.1.2: If-None-Match wins over If-Modified-Since
        tags = [part.strip().removeprefix("W/") for part in if_none_match.split(",")]
        return "*" in tags or tag in tags
    since = request.getHeader("If-Modified-Since")
    if since:
        try:
            since = parsedate_to_datetime(since)
        except (TypeError, ValueError):
            return False
        if since.tzinfo is None:
            return False
        return updated.replace(microsecond=0) <= since
    return False
