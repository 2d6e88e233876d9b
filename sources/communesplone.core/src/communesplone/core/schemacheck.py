"""The schema's own field checks for code that creates content without plone.restapi.

plone.restapi validates every field of a POST or PATCH against the type's
schema (constraint, length, type, required); ``createContentInContainer`` and
``setattr`` do not. The browser forms that build content themselves (booking,
order, directory proposal) run :func:`schema_errors` on the same values first,
so that a value REST refuses is refused in the browser too, with the same
message, and the limits added to a schema apply to every way in.
"""

from zope.interface import Invalid
from zope.schema import getFieldsInOrder
from zope.schema import ValidationError


def _message(error):
    """The person-readable message of a field error (a translatable message if it has one)."""
    if isinstance(error, ValidationError):
        return error.doc()
    if isinstance(error, Invalid) and error.args:
        return error.args[0]
    return str(error)


def schema_errors(schema, values, context=None, names=None):
    """``[(field name, message)]`` of ``values`` (a dict) that the fields of ``schema`` refuse.

    Only the fields named in ``values`` are checked (or those of ``names``, a
    value missing from ``values`` then being ``None``: a required one is
    refused). Values must already have the field's type (int, date, list...).
    """
    errors = []
    for name, field in getFieldsInOrder(schema):
        if names is not None:
            if name not in names:
                continue
        elif name not in values:
            continue
        if field.readonly:
            continue
        value = values.get(name)
        if value is None or value == "":
            value = field.missing_value if value is None else value
            if value in (None, "") and not field.required:
                continue
        bound = field.bind(context) if context is not None else field
        try:
            bound.validate(value)
        except (ValidationError, Invalid, ValueError) as error:
            errors.append((name, _message(error)))
    return errors


def type_errors(portal_type, values, context=None):
    """:func:`schema_errors` for every schema of ``portal_type``: its own and its behaviors'.

    plone.restapi checks the behaviors' fields too (the title of ``IBasic``...):
    so does this, for the fields named in ``values``.
    """
    from plone.dexterity.utils import iterSchemataForType

    errors = []
    seen = set()
    for schema in iterSchemataForType(portal_type):
        for name, message in schema_errors(schema, values, context=context):
            if name not in seen:
                seen.add(name)
                errors.append((name, message))
    return errors
