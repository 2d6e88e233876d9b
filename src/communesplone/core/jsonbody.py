"""One reader of JSON request bodies for every REST service, with translated refusals.

plone.restapi reads a body with ``json.loads`` and answers a malformed one, a
JSON array, ``null`` or invalid UTF-8 with a 500 ("No JSON object could be
decoded"). :func:`check_body` runs once per REST call, after traversal and
before any service: the body must be UTF-8 JSON whose top level is an object
and no larger than :func:`limit_for`; otherwise :class:`BadBody` answers
400 (or 413) naming the problem in the site's language, and no service runs.
Our own services read the body through :func:`read_json_body`, which checks
the same way.

Forms (``multipart/form-data``, ``application/x-www-form-urlencoded``) and
uploads (``application/octet-stream``, TUS) are not JSON and are left to
their service.
"""

from communesplone.core import _
from communesplone.core.installed import GUARDED
from communesplone.core.installed import installed_in
from communesplone.core.installed import on_installed_requests
from communesplone.core.interfaces import ICommunesploneCoreLayer
from plone.rest.interfaces import IAPIRequest

import json

#: What anonymous visitors and citizens may send (a logo in base64 fits).
MAX_BODY_BYTES = 2 * 1024 * 1024
#: What staff who may modify the context may send (an annex in base64).
MAX_STAFF_BODY_BYTES = 64 * 1024 * 1024
#: Bodies with these content types are not JSON: their service reads them.
NOT_JSON = ("multipart/form-data", "application/x-www-form-urlencoded",
            "application/octet-stream", "application/offset+octet-stream")
WRITES = ("POST", "PATCH", "PUT")


class BadBody(Exception):
    """The body of a REST call cannot be read as a JSON object (400, 413 too large)."""

    status = 400
    errors = ()

    def __init__(self, message, status=400):
        super().__init__(str(message))
        self.message = message
        self.status = status


MALFORMED = _("error_body_malformed",
              default="The request body is not valid JSON.")
NOT_UTF8 = _("error_body_not_utf8",
             default="The request body is not text in UTF-8.")
KINDS = {
    list: _("error_body_kind_list", default="a list"),
    str: _("error_body_kind_string", default="a string"),
    type(None): _("error_body_kind_null", default="null"),
    bool: _("error_body_kind_boolean", default="true or false"),
    int: _("error_body_kind_number", default="a number"),
    float: _("error_body_kind_number", default="a number"),
}


def too_large(limit):
    return BadBody(_("error_body_too_large",
                     default="The request body is larger than ${size} MB.",
                     mapping={"size": f"{limit / 1024 / 1024:g}"}), status=413)


def parse(raw, limit=MAX_BODY_BYTES):
    """The dict a JSON body holds (``{}`` when empty); :class:`BadBody` otherwise."""
    if raw is None or raw in (b"", ""):
        return {}
    if len(raw) > limit:
        raise too_large(limit)
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise BadBody(NOT_UTF8) from None
    if not raw.strip():
        return {}
    try:
        # constants: no NaN or Infinity (json.loads accepts them, JSON does not)
        data = json.loads(raw, parse_constant=_refuse_constant)
    except (ValueError, RecursionError):
        raise BadBody(MALFORMED) from None
    if not isinstance(data, dict):
        kind = KINDS.get(type(data), KINDS[list])
        raise BadBody(_("error_body_not_object",
                        default="The request body must be a JSON object ({...}), not ${kind}.",
                        mapping={"kind": kind}))
    if "@type" in data and not isinstance(data["@type"], str):
        # plone.restapi calls ``.lower()`` on it: a 500 (tests/core/test_fuzz_bodies.py)
        raise BadBody(_("error_body_type_not_text",
                        default='The type of content ("@type") must be a text, '
                                'such as "Booking".'))
    return data


def _refuse_constant(name):
    raise ValueError(name)


def limit_for(request):
    """The largest body ``request`` may send: a service may say (``max_body_bytes``),
    staff who may modify what they call get :data:`MAX_STAFF_BODY_BYTES`."""
    published = request.get("PUBLISHED")
    own = getattr(published, "max_body_bytes", None)
    if own:
        return own
    context = getattr(published, "context", None)
    if context is not None:
        from AccessControl import getSecurityManager

        if getSecurityManager().checkPermission("Modify portal content", context):
            return MAX_STAFF_BODY_BYTES
    return MAX_BODY_BYTES


def is_json_write(request):
    """A REST write with a body to read, on a site with core (whose layer renders the error)."""
    if not (IAPIRequest.providedBy(request) and ICommunesploneCoreLayer.providedBy(request)):
        return False
    if request.get("REQUEST_METHOD", "GET").upper() not in WRITES:
        return False
    content_type = (request.get("CONTENT_TYPE") or "").split(";")[0].strip().lower()
    return content_type not in NOT_JSON


def read_json_body(request):
    """The JSON object of ``request``'s body; :class:`BadBody` (400/413) otherwise."""
    limit = limit_for(request)
    _check_length(request, limit)
    return parse(request.get("BODY"), limit)


def _check_length(request, limit):
    try:
        declared = int(request.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > limit:
        raise too_large(limit)


#: What the body is replaced with when no reader can take it (see :func:`guard_body`).
UNREADABLE = b"\x00 unreadable body"


def guard_body(site, event):
    """Before the site is traversed (so before authentication): set aside a body
    that would crash a reader before :func:`check_body` runs.

    Before traversal, plone.restapi's PAS plugin reads every JSON POST for a
    login and a password, and lets anything but a ``DeserializationError``
    through: a deeply nested array (``[[[[...]]]]``) raised ``RecursionError``,
    a 500. Such a body, and one larger than any service takes, is replaced
    by :data:`UNREADABLE`: the plugin finds no credentials in it and
    :func:`check_body` answers 400 (or 413 from its declared length).
    The body is read once here; the request keeps it for the service.
    """
    request = event.request
    if request.get("REQUEST_METHOD", "GET").upper() not in WRITES:
        return
    content_type = (request.get("CONTENT_TYPE") or "").split(";")[0].strip().lower()
    if content_type in NOT_JSON or not installed_in(site):  # a plain site beside ours
        return
    try:
        declared = int(request.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > MAX_STAFF_BODY_BYTES:
        request.other["BODY"] = UNREADABLE
        return
    raw = request.get("BODY")
    if not raw or b"[[" not in raw and b"{" not in raw:
        return
    try:
        # at the start of the request the stack is short: what parses here may
        # still be too deep once traversal has used more of it
        too_deep = _depth(json.loads(raw)) > MAX_DEPTH
    except RecursionError:
        too_deep = True
    except ValueError:
        return
    if too_deep:
        request.other["BODY"] = UNREADABLE


setattr(guard_body, GUARDED, True)


#: No service of ours reads anything nested deeper.
MAX_DEPTH = 64


def _depth(data):
    """How deeply lists and objects nest in ``data`` (iteratively: no recursion)."""
    deepest = 0
    stack = [(data, 1)]
    while stack:
        value, level = stack.pop()
        if isinstance(value, dict):
            value = list(value.values())
        if isinstance(value, list):
            deepest = max(deepest, level)
            if level <= MAX_DEPTH:
                stack.extend((item, level + 1) for item in value
                             if isinstance(item, (dict, list)))
    return deepest


@on_installed_requests()
def check_body(event):
    """``IPubAfterTraversal``: refuse an unreadable JSON body before any service runs."""
    request = event.request
    if not is_json_write(request):
        return
    read_json_body(request)
