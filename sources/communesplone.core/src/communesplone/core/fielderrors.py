"""A field's error said to a person: "Quantité : un nombre entier est attendu".

plone.restapi reports a field it could not take with the words of whoever
refused it: Python's ``invalid literal for int() with base 10: 'abc'``,
zope.schema's "Object is of wrong type.", its own "quantity is a required
field. Setting it to null is not allowed.", all in English. :func:`message_for`
says instead which field (its title, translated) and what it expects, in the
site's language. Our own constraints (``communesplone.*`` validation errors)
already say what is wrong: their message is kept, after the field's title.
"""

from communesplone.core import _
from zope.i18n import translate
from zope.i18nmessageid import Message
from zope.schema import interfaces as schema_interfaces
from zope.schema._bootstrapinterfaces import RequiredMissing
from zope.schema._bootstrapinterfaces import TooBig
from zope.schema._bootstrapinterfaces import TooLong
from zope.schema._bootstrapinterfaces import TooShort
from zope.schema._bootstrapinterfaces import TooSmall

REQUIRED = _("error_field_required", default="this field is required")
NOT_ACCEPTED = _("error_field_not_accepted", default="this value is not accepted")

#: What a field of each kind expects, most specific first.
EXPECTED = (
    (schema_interfaces.IBool, _("error_expected_boolean", default="true or false is expected")),
    (schema_interfaces.IInt, _("error_expected_integer", default="a whole number is expected")),
    (schema_interfaces.IFloat, _("error_expected_number", default="a number is expected")),
    (schema_interfaces.IDecimal, _("error_expected_number", default="a number is expected")),
    (schema_interfaces.IDatetime, _("error_expected_datetime",
                                    default="a date and time are expected, "
                                    "e.g. 2026-03-14T10:00")),
    (schema_interfaces.IDate, _("error_expected_date",
                                default="a date is expected, e.g. 2026-03-14")),
    (schema_interfaces.IChoice, _("error_expected_choice",
                                  default="this is not one of the choices")),
    (schema_interfaces.ICollection, _("error_expected_list", default="a list is expected")),
    (schema_interfaces.IDict, _("error_expected_object", default="an object is expected")),
    (schema_interfaces.IText, _("error_expected_text", default="a text is expected")),
    (schema_interfaces.ITextLine, _("error_expected_text", default="a text is expected")),
)


def expected(field):
    """What ``field`` expects (a message), or None for a kind not listed."""
    for interface, message in EXPECTED:
        if field is not None and interface.providedBy(field):
            return message
    return None


def _is_ours(error):
    return type(error).__module__.startswith("communesplone.")


def problem(field, error, message=None):
    """The translatable problem of ``field`` refused with ``error`` (an exception or None).

    ``message`` is the text plone.restapi gave, used to recognise its "null"
    message (which has no exception).
    """
    if error is None:
        if "null" in str(getattr(message, "default", None) or message or ""):
            return REQUIRED  # plone.restapi: "... Setting it to null is not allowed."
        return message if isinstance(message, Message) and message.domain == "communesplone" \
            else NOT_ACCEPTED
    if error.args and isinstance(error.args[0], Message) \
            and error.args[0].domain == "communesplone":
        return error.args[0]  # a converter or an invariant of ours said what is wrong
    if _is_ours(error):
        doc = error.doc() if hasattr(error, "doc") else str(error)
        return doc
    if isinstance(error, RequiredMissing):
        return REQUIRED
    if isinstance(error, TooSmall):
        return _("error_too_small", default="${bound} at least",
                 mapping={"bound": _bound(error)})
    if isinstance(error, TooBig):
        return _("error_too_big", default="${bound} at most", mapping={"bound": _bound(error)})
    if isinstance(error, TooLong):
        return _("error_text_too_long_short", default="${limit} characters at most",
                 mapping={"limit": _bound(error)})
    if isinstance(error, TooShort):
        return _("error_text_too_short", default="too short")
    if isinstance(error, schema_interfaces.InvalidValue) and \
            schema_interfaces.IChoice.providedBy(field):
        return expected(field)
    return expected(field) or NOT_ACCEPTED


def _bound(error):
    bound = getattr(error, "bound", None)
    if bound is None and len(getattr(error, "args", ())) > 1:
        bound = error.args[1]
    return "" if bound is None else str(bound)


def label(field, name, request):
    """The field's title in the request's language (its name when it has none)."""
    title = getattr(field, "title", None) or name
    return translate(title, context=request)


def _says_itself(error, message):
    """Our own errors are whole sentences already ("This is not a valid IBAN ...")."""
    if error is None:
        return isinstance(message, Message) and message.domain == "communesplone"
    return _is_ours(error) or bool(
        error.args and isinstance(error.args[0], Message)
        and error.args[0].domain == "communesplone")


def message_for(field, name, error, request, message=None):
    """``"<title>: <problem>"``, translated: what a person reads about one field.

    An error of ours is a whole sentence already: it is said as it is.
    """
    text = translate(problem(field, error, message), context=request)
    if not name or _says_itself(error, message):
        return text
    return translate(_("error_field_message", default="${field}: ${problem}",
                       mapping={"field": label(field, name, request), "problem": text}),
                     context=request)
