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
from communesplone.core import textlimits
from communesplone.core.guarded import GUARDED
from communesplone.core.installed import installed_in
from communesplone.core.installed import on_installed_requests
from communesplone.core.interfaces import ICommunesploneCoreLayer
from datetime import datetime
from plone.rest.interfaces import IAPIRequest
from plone.restapi.services.workflow.transition import WorkflowTransition
from zope.globalrequest import getRequest
from zope.i18n import translate
from zope.schema import ValidationError

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
    """``IPubAfterTraversal``: refuse an unreadable JSON body before any service runs;
    for plone.restapi's ``@workflow``, also the fields it reads (:data:`WORKFLOW_FIELDS`)."""
    request = event.request
    if not is_json_write(request):
        return
    data = read_json_body(request)
    if isinstance(request.get("PUBLISHED"), WorkflowTransition):
        read_fields(data, WORKFLOW_FIELDS, request)


# --- the fields of a service's body -------------------------------------------------
#
# Our services read a few named fields (``{"action": "move", "comment": ...}``).
# Each once read them with ``data.get(...)``: a list where a text was expected
# reached ``.strip()`` (a 500), a number was stored as a comment, a NUL byte or a
# megabyte of text was kept. :func:`read_fields` reads every field a service
# names with one kind each, and refuses the body (400, one translated message
# per field, "Commentaire : un texte est attendu") before the service acts.


class BadFields(BadBody):
    """Fields of a JSON body that are not of the expected kind (400, per field)."""

    def __init__(self, errors):
        super().__init__(_("error_body_fields", default="Some values cannot be accepted."))
        self.errors = tuple(errors)


class Field:
    """One named field of a body: ``read(value)`` returns it or raises ValueError(problem)."""

    def __init__(self, label, required=False):
        self.label = label
        self.required = required

    def read(self, value):  # pragma: no cover - each kind says
        raise NotImplementedError


def _text_problem(value, limit, one_line):
    if not isinstance(value, str):
        raise ValueError(_("error_expected_text", default="a text is expected"))
    try:
        textlimits.check_text(value, limit, one_line)
    except ValidationError as error:
        raise ValueError(error.doc()) from None
    return value


class Text(Field):
    """A free text (:data:`~communesplone.core.textlimits.TEXT_MAX` characters)."""

    def __init__(self, label, required=False, limit=None, one_line=False):
        super().__init__(label, required)
        self.limit = limit or (textlimits.NAME_MAX if one_line else textlimits.TEXT_MAX)
        self.one_line = one_line

    def read(self, value):
        return _text_problem(value, self.limit, self.one_line)


class Identifier(Field):
    """An id, a UID, a token, a login: one short line of text."""

    def read(self, value):
        return _text_problem(value, 200, True).strip()


class Choice(Field):
    """One of ``values`` (text)."""

    def __init__(self, label, values, required=False):
        super().__init__(label, required)
        self.values = tuple(values)

    def read(self, value):
        if not isinstance(value, str) or value not in self.values:
            raise ValueError(_("error_expected_choice", default="this is not one of the choices"))
        return value


class Moment(Field):
    """A date and time in ISO 8601 (``2026-03-14T10:00``), between years 1900 and 2199."""

    def read(self, value):
        problem = _("error_expected_datetime",
                    default="a date and time are expected, e.g. 2026-03-14T10:00")
        if not isinstance(value, str) or len(value) > 40:
            raise ValueError(problem)
        try:
            moment = datetime.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(problem) from None
        if not 1900 <= moment.year < 2200:
            raise ValueError(_("error_date_out_of_range",
                               default="a date between 1900 and 2199 is expected"))
        return value.strip()


class Flag(Field):
    """``true`` or ``false``."""

    def read(self, value):
        if not isinstance(value, bool):
            raise ValueError(_("error_expected_boolean", default="true or false is expected"))
        return value


class Count(Field):
    """A whole number from 0 to ``maximum`` (not ``true``, not ``2.5``)."""

    def __init__(self, label, required=False, maximum=100_000):
        super().__init__(label, required)
        self.maximum = maximum

    def read(self, value):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(_("error_expected_integer", default="a whole number is expected"))
        if not 0 <= value <= self.maximum:
            raise ValueError(_("error_expected_count",
                               default="a whole number from 0 to ${maximum} is expected",
                               mapping={"maximum": self.maximum}))
        return value


class Identifiers(Field):
    """A list of ids (at most ``size``)."""

    def __init__(self, label, required=False, size=1000):
        super().__init__(label, required)
        self.size = size

    def read(self, value):
        if not isinstance(value, list) or len(value) > self.size:
            raise ValueError(_("error_expected_list", default="a list is expected"))
        return [Identifier(self.label).read(item) for item in value]


class Mapping(Field):
    """An object whose keys are ids (or read by ``keys``) and whose values are read by
    ``values``."""

    def __init__(self, label, values, keys=None, required=False, size=1000):
        super().__init__(label, required)
        self.values = values
        self.keys = keys or Identifier(label)
        self.size = size

    def read(self, value):
        if not isinstance(value, dict) or len(value) > self.size:
            raise ValueError(_("error_expected_object", default="an object is expected"))
        return {self.keys.read(key): self.values.read(item) for key, item in value.items()}


def read_fields(data, fields, request=None):
    """The values of ``fields`` (``{name: Field}``) in ``data`` (a body read by
    :func:`read_json_body`): absent or ``null`` optional fields are None; any
    other value not of its field's kind refuses the body (:class:`BadFields`)."""
    request = request if request is not None else getRequest()
    values, errors = {}, []
    for name, field in fields.items():
        value = data.get(name) if isinstance(data, dict) else None
        if value is None or value == "" and not isinstance(field, Text):
            if field.required:
                errors.append((name, _message(field, name, _(
                    "error_field_required", default="this field is required"), request)))
            values[name] = None
            continue
        try:
            values[name] = field.read(value)
        except ValueError as error:
            problem = error.args[0] if error.args else ""
            errors.append((name, _message(field, name, problem, request)))
    if errors:
        raise BadFields(errors)
    return values


def _message(field, name, problem, request):
    return translate(_("error_field_message", default="${field}: ${problem}",
                       mapping={"field": translate(field.label or name, context=request),
                                "problem": translate(problem, context=request)}),
                     context=request)


#: What plone.restapi's ``POST @workflow/<transition>`` reads from its body: it
#: stored a number or a megabyte as the comment of the history.
WORKFLOW_FIELDS = {
    "comment": Text(_("label_workflow_comment", default="Comment")),
    "include_children": Flag(_("label_workflow_children", default="Include the contents")),
    "effective": Moment(_("label_workflow_effective", default="Publishing date")),
    "expires": Moment(_("label_workflow_expires", default="Expiration date")),
}
