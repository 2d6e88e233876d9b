"""Tests for communesplone.core.constraints (zope.schema, no Plone layer)."""

import pytest
from zope.i18n import translate
from zope.i18nmessageid import Message
from zope.schema import TextLine
from zope.schema import ValidationError
from zope.schema.interfaces import ConstraintNotSatisfied

from communesplone.core import constraints as c

CASES = [
    # (constraint, error class, msgid, valid values, invalid values, example in message)
    (
        c.rrn_constraint,
        c.InvalidRRN,
        "error_invalid_rrn",
        ["85073003328", "85.07.30-033.28", "17073003384", "01490700185"],
        ["85073003329", "123", "   ", "abc"],
        "85.07.30-033.28",
    ),
    (
        c.enterprise_number_constraint,
        c.InvalidEnterpriseNumber,
        "error_invalid_enterprise_number",
        ["0403019261", "BE 0403.019.261", "0403 019 261", "0362475538"],
        ["0403019262", "2403019261", "   ", "abc"],
        "0403.019.261",
    ),
    (
        c.iban_constraint,
        c.InvalidIBAN,
        "error_invalid_iban",
        ["BE71096123456769", "BE68 5390 0754 7034", "NL91ABNA0417164300"],
        ["BE68539007547035", "BE6853900754703", "   ", "abc"],
        "BE71 0961 2345 6769",
    ),
    (
        c.structured_communication_constraint,
        c.InvalidStructuredCommunication,
        "error_invalid_structured_communication",
        ["+++123/4567/89002+++", "***123/4567/89002***", "123456789002"],
        ["+++123/4567/89003+++", "+++123/4567/89002***", "   ", "abc"],
        "+++123/4567/89002+++",
    ),
    (
        c.be_postcode_constraint,
        c.InvalidBelgianPostcode,
        "error_invalid_be_postcode",
        ["5000", "B-5000", "BE-1000", "9999"],
        ["0999", "10000", "F-75001", "   ", "abc"],
        "5000",
    ),
]

IDS = [case[2] for case in CASES]


def _params(kind):
    index = {"valid": 3, "invalid": 4}[kind]
    return [
        pytest.param(case[0], case[1], case[2], value, id=f"{case[2]}-{value!r}")
        for case in CASES
        for value in case[index]
    ]


@pytest.mark.parametrize(("constraint", "error", "msgid", "value"), _params("valid"))
def test_valid_values_pass(constraint, error, msgid, value):
    assert constraint(value) is True


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize("value", [None, ""])
def test_empty_values_pass(case, value):
    constraint = case[0]
    assert constraint(value) is True


@pytest.mark.parametrize(("constraint", "error", "msgid", "value"), _params("invalid"))
def test_invalid_values_raise_the_specific_error(constraint, error, msgid, value):
    with pytest.raises(error) as excinfo:
        constraint(value)
    err = excinfo.value
    assert isinstance(err, ValidationError)
    assert str(err.doc()) == msgid
    assert isinstance(err.doc(), Message)
    assert err.doc().domain == "communesplone"


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_message_has_an_english_default_with_a_valid_example(case):
    constraint, error, msgid, _valid, _invalid, example = case
    message = error.__doc__
    assert message == msgid
    assert message.default.startswith("This is not a valid ")
    assert example in message.default
    # The example shown to users must itself be accepted.
    assert constraint(example) is True
    # Untranslated, the default is what z3c.form would show.
    assert translate(error(None).doc()) == message.default


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize("junk", [0, 12.5, b"5000", ["5000"]])
def test_non_string_values_raise_the_specific_error(case, junk):
    constraint, error = case[0], case[1]
    with pytest.raises(error):
        constraint(junk)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_integration_with_a_zope_schema_field(case):
    constraint, error, _msgid, valid, invalid, _example = case
    field = TextLine(__name__="number", required=False, constraint=constraint)
    for value in valid:
        field.validate(value)
    field.validate(None)
    for value in invalid:
        with pytest.raises(error) as excinfo:
            field.validate(value)
        # The specific error, not zope.schema's generic one.
        assert not isinstance(excinfo.value, ConstraintNotSatisfied)


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize("template", ["{}\n", "\r\n{}", "{}\r"])
def test_line_breaks_rejected_like_textline_does(case, template):
    """constraint= replaces TextLine's own no-line-break constraint, so ours
    keep that guarantee even though the validators ignore the whitespace."""
    constraint, error, _msgid, valid, _invalid, _example = case
    value = template.format(valid[0])
    with pytest.raises(error):
        constraint(value)
    assert TextLine().constraint(value) is False
