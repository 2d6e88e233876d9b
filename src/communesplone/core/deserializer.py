"""plone.restapi's content deserializer with the field errors in the conventions' form.

plone.restapi reports schema errors as a ``BadRequest`` whose argument is a
list of ``{"field", "message"}``; an add-on's deserializer subclasses
:class:`FieldErrorsDeserializer` and names in ``invalid`` its exception taking
``[(field, message)]`` (a 400 ``ValidationError`` through its exception view).
"""

from plone.restapi.deserializer.dxcontent import DeserializeFromJson
from zExceptions import BadRequest


def field_errors(error):
    """``[(field, message)]`` of plone.restapi's ``BadRequest``, or ``None`` for another."""
    details = error.args[0] if error.args else None
    if isinstance(details, list) and all(isinstance(item, dict) for item in details):
        return [(item.get("field") or "", item.get("message") or "") for item in details]
    return None


class FieldErrorsDeserializer(DeserializeFromJson):
    """Field errors raised as ``invalid(errors)``; any other ``BadRequest`` as it is."""

    invalid = None

    def __call__(self, *args, **kwargs):
        try:
            return super().__call__(*args, **kwargs)
        except BadRequest as error:
            errors = field_errors(error)
            if errors is None:
                raise
            raise self.invalid(errors) from None
