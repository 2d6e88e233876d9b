"""Money is read strictly from a bank statement: garbage is a line the report names.

From the attacker's side: a CSV statement whose amount is ``1e309``, ``inf``,
``1_000`` or ``NaN`` once marked a 3.50 EUR order paid (or gave a 500). Each
such line now pays nothing and is reported as ``bad_amount``.
"""

from decimal import Decimal
from eguichethelpers import order
from plone import api

import pytest

GARBAGE = ["1e309", "inf", "Infinity", "-inf", "NaN", "sNaN", "1_000", "5.001", "5,5,5",
           "1.234", "٥", "5e0", "0x10", "", "  ", "12 EUR 3", "99999999", "1.000.000,00",
           "5.00" * 20]


@pytest.mark.parametrize("text,expected", [
    ("5", "5.00"), ("5,00", "5.00"), ("5.5", "5.50"), ("-12,50", "-12.50"),
    ("+3,50", "3.50"), ("1.234,56", "1234.56"), ("1,234.56", "1234.56"),
    ("1 234,56", "1234.56"), ("1\u00a0234,56", "1234.56"), ("€ 3,50", "3.50"),
    ("3,50 EUR", "3.50"), ("999999,99", "999999.99"),
])
def test_amounts_in_the_banks_notation_are_read(text, expected):
    from communesplone.eguichet.statements import read_amount

    assert read_amount(text) == Decimal(expected)


@pytest.mark.parametrize("text", GARBAGE)
def test_anything_else_is_not_money(text):
    from communesplone.eguichet.statements import read_amount

    assert read_amount(text) is None


def test_garbage_lines_pay_nothing_and_are_named(site):
    from communesplone.eguichet.statements import match
    from communesplone.eguichet.statements import parse
    from communesplone.eguichet.statements import report_rows
    from zope.i18n import translate

    with api.env.adopt_user("alice"):
        made = [order(site.catalog, site.residence) for _garbage in GARBAGE[:5]]
        good = order(site.catalog, site.residence)
    lines = ["amount;communication"]
    lines += [f"{text};{one.structured_communication}"
              for text, one in zip(GARBAGE, made, strict=False)]
    lines.append(f"5,00;{good.structured_communication}")
    with api.env.adopt_user("paula"):
        report = match(parse("\n".join(lines)), site.catalog)
    assert [reference for _m, reference in report.matched] == [good.reference]
    assert [reason for _m, reason in report.unmatched] == ["bad_amount"] * 5
    assert [one.payment_status for one in made] == ["unpaid"] * 5
    _matched, rows = report_rows(report, lambda message: translate(message, target_language="fr"))
    assert [row["line"] for row in rows] == [2, 3, 4, 5, 6]
    assert [row["amount"] for row in rows] == GARBAGE[:5]
    assert "deux décimales" in rows[0]["reason_text"]


def test_a_coda_amount_with_thousandths_is_not_a_payment():
    from codafile import coda
    from communesplone.eguichet.statements import parse

    text = coda([(500, None, "x", "C", "BE68539007547034")])
    record = next(line for line in text.splitlines() if line.startswith("21"))
    assert parse(text)[0].amount == Decimal("5.00")
    # positions 33-47: 15 digits, the last three thousandths; a thousandth is no cent
    (movement,) = parse(text.replace(record, record[:46] + "1" + record[47:]))
    assert movement.amount is None and movement.raw_amount == "000000000005001"
    (movement,) = parse(text.replace(record, record[:32] + "    inf" + record[39:]))
    assert movement.amount is None
