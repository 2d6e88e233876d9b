"""zope.schema constraints for Belgian identifiers, with translated messages.

Use them on schema fields, e.g.::

    national_number = schema.TextLine(
        title=_("National register number"),
        required=False,
        constraint=rrn_constraint,
    )

Why raise instead of returning False: when a constraint returns False,
zope.schema raises a generic ``ConstraintNotSatisfied`` and z3c.form shows
"Constraint not satisfied", which tells a citizen nothing.  Raising a
:class:`zope.schema.ValidationError` subclass instead lets z3c.form's error
view show ``error.doc()``, i.e. the class docstring, which here is a
translatable message giving an example of a valid value.

Empty values (``None`` and ``""``) pass: whether a value is required is the
field's ``required`` flag's business, and a constraint that rejected empty
values would make optional fields impossible.  A whitespace-only value is
not empty and is rejected, and so is any value containing a line break
(see ``_check``).

The checks themselves live in :mod:`communesplone.core.validation`.
"""

from zope.schema import ValidationError

from communesplone.core import _
from communesplone.core.calendar import parse_closing_day
from communesplone.core.identity import MINIMUM_CONTRAST
from communesplone.core.identity import contrast_ratio
from communesplone.core.identity import contrast_with_white
from communesplone.core.identity import parse_color
from communesplone.core.validation import is_valid_be_postcode
from communesplone.core.validation import is_valid_email
from communesplone.core.validation import is_valid_enterprise_number
from communesplone.core.validation import is_valid_iban
from communesplone.core.validation import is_valid_rrn
from communesplone.core.validation import is_valid_structured_communication

__all__ = [
    "InvalidBelgianPostcode",
    "InvalidEmail",
    "InvalidEnterpriseNumber",
    "InvalidIBAN",
    "InvalidRRN",
    "InvalidStructuredCommunication",
    "be_postcode_constraint",
    "email_constraint",
    "enterprise_number_constraint",
    "iban_constraint",
    "rrn_constraint",
    "structured_communication_constraint",
]


class InvalidRRN(ValidationError):
    __doc__ = _(
        "error_invalid_rrn",
        default="This is not a valid national register number (11 digits, e.g. 85.07.30-033.28).",
    )


class InvalidEnterpriseNumber(ValidationError):
    __doc__ = _(
        "error_invalid_enterprise_number",
        default="This is not a valid enterprise number "
        "(10 digits starting with 0 or 1, e.g. 0403.019.261).",
    )


class InvalidIBAN(ValidationError):
    __doc__ = _(
        "error_invalid_iban",
        default="This is not a valid IBAN account number (e.g. BE71 0961 2345 6769).",
    )


class InvalidStructuredCommunication(ValidationError):
    __doc__ = _(
        "error_invalid_structured_communication",
        default="This is not a valid structured communication "
        "(12 digits, e.g. +++123/4567/89002+++).",
    )


class InvalidBelgianPostcode(ValidationError):
    __doc__ = _(
        "error_invalid_be_postcode",
        default="This is not a valid Belgian postcode (4 digits, e.g. 5000).",
    )


def _check(value, is_valid, error) -> bool:
    if value is None or value == "":
        return True
    # ``constraint=`` *replaces* TextLine's own constraint, which forbids line
    # breaks; the validators treat them as ignorable whitespace, so keep
    # TextLine's guarantee here rather than store "85073003328\n".
    if isinstance(value, str) and ("\n" in value or "\r" in value):
        raise error(value)
    if is_valid(value):
        return True
    raise error(value)


class InvalidEmail(ValidationError):
    __doc__ = _("error_invalid_email", default="This is not a valid e-mail address.")


def email_constraint(value) -> bool:
    """Accept an empty value or one e-mail address (:func:`is_valid_email`)."""
    return _check(value, is_valid_email, InvalidEmail)


def rrn_constraint(value) -> bool:
    """Accept an empty value or a valid national register number."""
    return _check(value, is_valid_rrn, InvalidRRN)


def enterprise_number_constraint(value) -> bool:
    """Accept an empty value or a valid KBO/BCE enterprise number."""
    return _check(value, is_valid_enterprise_number, InvalidEnterpriseNumber)


def iban_constraint(value) -> bool:
    """Accept an empty value or a valid IBAN."""
    return _check(value, is_valid_iban, InvalidIBAN)


def structured_communication_constraint(value) -> bool:
    """Accept an empty value or a valid structured communication."""
    return _check(value, is_valid_structured_communication, InvalidStructuredCommunication)


def be_postcode_constraint(value) -> bool:
    """Accept an empty value or a well-formed Belgian postcode."""
    return _check(value, is_valid_be_postcode, InvalidBelgianPostcode)


class InvalidNISCode(ValidationError):
    __doc__ = _(
        "error_invalid_nis_code",
        default="This is not a NIS/INS code (5 digits, e.g. 92094).",
    )


def _is_nis_code(value):
    """Statbel's codes of the communes: five digits, the first the province's (1-9)."""
    return isinstance(value, str) and len(value) == 5 and value.isascii() and value.isdigit() \
        and value[0] != "0"


class InvalidClosingDay(ValidationError):
    __doc__ = _(
        "error_invalid_closing_day",
        default="Write a day as 26/12 (every year) or 27/09/2027 (that year only).",
    )

    def doc(self):
        """The message names the line that is not a day (the field holds several)."""
        return _("error_invalid_closing_day_line",
                 default="\"${line}\" is not a day: write 26/12 (every year) or 27/09/2027 "
                         "(that year only).",
                 mapping={"line": self.args[0] if self.args else ""})


def closing_days_constraint(value) -> bool:
    """Every line ``DD/MM`` or ``DD/MM/YYYY`` (a real date); the first bad one is named.

    On the list rather than its items: z3c.form shows an item's error as
    "Wrong contained type", which tells the commune nothing.
    """
    for line in value or ():
        if not isinstance(line, str) or parse_closing_day(line) is None:
            raise InvalidClosingDay(line)
    return True


def nis_code_constraint(value) -> bool:
    """Accept an empty value or a five-digit NIS/INS code."""
    return _check(value, _is_nis_code, InvalidNISCode)


class InvalidColor(ValidationError):
    __doc__ = _(
        "error_invalid_color",
        default="Write a colour as # followed by six hexadecimal digits, e.g. #1d4f91.",
    )


class InsufficientContrast(ValidationError):
    __doc__ = _(
        "error_insufficient_contrast",
        default="White text on this colour is hard to read.",
    )

    def doc(self):
        """The message gives the ratio, so the commune knows how far it is from 4.5:1."""
        return _("error_insufficient_contrast_ratio",
                 default="White text on this colour has a contrast of ${ratio}:1; the "
                         "accessibility rules (WCAG AA) ask for at least 4.5:1. Choose a "
                         "darker colour.",
                 mapping={"ratio": self.args[0] if self.args else ""})


def primary_color_constraint(value) -> bool:
    """A ``#rrggbb`` colour on which white text reaches WCAG AA (4.5:1)."""
    if value is None or value == "":
        return True
    if parse_color(value) is None:
        raise InvalidColor(value)
    if contrast_ratio("#ffffff", value) < MINIMUM_CONTRAST:
        ratio = f"{contrast_with_white(value):.1f}".replace(".", ",")
        raise InsufficientContrast(ratio)
    return True
