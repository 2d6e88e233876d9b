"""plone.restapi's content deserializer with the field errors in the conventions' form.

plone.restapi reports schema errors as a ``BadRequest`` whose argument is a
list of ``{"field", "message"}``; an add-on's deserializer subclasses
:class:`FieldErrorsDeserializer` and names in ``invalid`` its exception taking
``[(field, message)]`` (a 400 ``ValidationError`` through its exception view).

The messages are the ones a person can read (:mod:`communesplone.core.fielderrors`):
"Quantité : un nombre entier est attendu", never Python's or zope.schema's
English. The body is read by the one JSON reader (:mod:`communesplone.core.jsonbody`).
A deserializer of a type that visitors create sets ``limit_texts``: then Plone's
own title and description (``plone.basic``) get the length limits and the
refusal of control characters of :mod:`communesplone.core.textlimits` too.
"""

from communesplone.core.fielderrors import message_for
from communesplone.core.jsonbody import read_json_body
from communesplone.core.textlimits import text_errors
from plone.dexterity.utils import iterSchemata
from plone.restapi.deserializer.dxcontent import DeserializeFromJson
from zExceptions import BadRequest
from zope.schema import getFields


def field_errors(error, context=None, request=None):
    """``[(field, message)]`` of plone.restapi's ``BadRequest``, or ``None`` for another.

    With the context and request, each message says the field's title and
    what it expects, translated; otherwise plone.restapi's message is kept.
    """
    details = error.args[0] if error.args else None
    if not (isinstance(details, list) and all(isinstance(item, dict) for item in details)):
        return None
    if context is None:
        return [(item.get("field") or "", item.get("message") or "") for item in details]
    fields = fields_of(context)
    errors = []
    for item in details:
        name = item.get("field") or ""
        exception = item.get("error")
        if not isinstance(exception, Exception):
            exception = None
        errors.append((name, message_for(fields.get(name), name, exception, request,
                                         message=item.get("message"))))
    return errors


def fields_of(context):
    """``{name: field}`` of every schema of ``context`` (behaviors included)."""
    found = {}
    for schema in iterSchemata(context):
        for name, field in getFields(schema).items():
            found.setdefault(name, field)
    return found


class FieldErrorsDeserializer(DeserializeFromJson):
    """Field errors raised as ``invalid(errors)``; any other ``BadRequest`` as it is."""

    invalid = None
    #: Visitors create this type: every text they send has a length limit (title too).
    limit_texts = False

    def __call__(self, *args, **kwargs):
        data = kwargs.get("data")
        if data is None:
            data = read_json_body(self.request)
            kwargs["data"] = data
        if self.limit_texts:
            refused = text_errors(fields_of(self.context), data, self.request)
            if refused:
                raise self.invalid(refused)
        # plone.restapi masks the exceptions (``"error": "ValidationError"``) unless
        # told not to; their kind is what says what the field expects.
        kwargs["mask_validation_errors"] = False
        try:
            return super().__call__(*args, **kwargs)
        except BadRequest as error:
            errors = field_errors(error, self.context, self.request)
            if errors is None:
                raise
            raise self.invalid(errors) from None
