"""Length limits and no control characters in every text a visitor sends.

An anonymous booking once stored a 1,048,576-character name and purpose, a
directory proposal a 1 MB title, an order a NUL byte in the applicant's name.
:func:`limit_texts` puts the limits in the schemas themselves, so the browser
forms (z3c.form validates the schema) and REST (plone.restapi validates the
schema) refuse the same texts with the same translated message:

* a one-line text (``TextLine``): :data:`NAME_MAX` characters (200), a longer
  text (``Text``): :data:`TEXT_MAX` (5,000), unless the field says otherwise
  with its own ``max_length``;
* no control character (NUL, escape, ... and the line breaks of a one-line
  text), and no lone surrogate (which no page or mail can encode).

Each add-on calls :func:`limit_texts` on the schemas of what visitors send,
right after the schema's definition. The field's own constraint still runs
after ours. For Plone's ``plone.basic`` title and description, which we do
not own, :func:`text_errors` applies the same rule in our REST deserializers.
"""

from communesplone.core import _
from zope.schema import getFields
from zope.schema import ValidationError
from zope.schema.interfaces import ICollection
from zope.schema.interfaces import IText
from zope.schema.interfaces import ITextLine

import re

NAME_MAX = 200
TEXT_MAX = 5000
#: C0 controls but tab and line breaks, DEL, C1 controls, lone surrogates.
_CONTROL_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
#: The same, line breaks included (a one-line text).
_CONTROL_LINE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_MARK = "_communesplone_text_limit"


class TextTooLong(ValidationError):
    __doc__ = _("error_text_too_long", default="This text is too long.")

    def doc(self):
        limit, length = (self.args + (0, 0))[:2]
        return _("error_text_too_long_count",
                 default="This text is too long: ${limit} characters at most "
                 "(it has ${length}).",
                 mapping={"limit": f"{limit:,}".replace(",", "\u202f"),
                          "length": f"{length:,}".replace(",", "\u202f")})


class ControlCharacters(ValidationError):
    __doc__ = _("error_control_characters",
                default="This text holds invisible control characters (such as NUL): "
                "type it again without them.")


def limit_of(field):
    """The length limit of a text field: its own ``max_length``, else ours by kind."""
    own = getattr(field, "max_length", None)
    if own:
        return own
    if ITextLine.providedBy(field):
        return NAME_MAX
    return TEXT_MAX


def check_text(value, limit, one_line):
    """Raise :class:`TextTooLong` or :class:`ControlCharacters`; True when ``value`` is fine."""
    if not isinstance(value, str):
        return True
    if len(value) > limit:
        raise TextTooLong(limit, len(value))
    if (_CONTROL_LINE if one_line else _CONTROL_TEXT).search(value):
        raise ControlCharacters(value[:20])
    return True


def _is_text(field):
    return ITextLine.providedBy(field) or IText.providedBy(field)


def _limit_field(field):
    if getattr(field, _MARK, None):
        return
    limit = limit_of(field)
    one_line = ITextLine.providedBy(field)
    original = field.constraint  # the field's own (or its class's) constraint

    def constraint(value):
        check_text(value, limit, one_line)
        return original(value)

    constraint.__doc__ = getattr(original, "__doc__", None)
    field.constraint = constraint
    setattr(field, _MARK, limit)


def limit_texts(schema, skip=()):
    """Put the limits on every text field of ``schema`` (and of its lists of texts)."""
    for name, field in getFields(schema).items():
        if name in skip:
            continue
        if _is_text(field):
            _limit_field(field)
        elif ICollection.providedBy(field) and _is_text(getattr(field, "value_type", None)):
            _limit_field(field.value_type)
    return schema


def text_errors(fields, data, request=None):
    """``[(name, message)]`` for the texts of ``data`` (a REST body) its fields refuse.

    ``fields``: ``{name: field}``. For fields that :func:`limit_texts` did not
    reach (Plone's title and description): the same limits, the same messages.
    """
    errors = []
    for name, value in (data or {}).items():
        field = fields.get(name)
        if field is None or not _is_text(field) or getattr(field, _MARK, None):
            continue
        try:
            check_text(value, limit_of(field), ITextLine.providedBy(field))
        except ValidationError as error:
            errors.append((name, error.doc()))
    return errors


def object_text_errors(obj, schema):
    """``[(name, message)]`` for the texts of ``obj`` that ``schema``'s limits refuse:
    for content made without a form's validation (``createContentInContainer``)."""
    errors = []
    for name, field in getFields(schema).items():
        value = getattr(obj, name, None)
        if not isinstance(value, str) or not _is_text(field):
            continue
        try:
            check_text(value, limit_of(field), ITextLine.providedBy(field))
        except ValidationError as error:
            errors.append((name, error.doc()))
    return errors
