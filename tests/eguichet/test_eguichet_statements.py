"""Bank statements (CODA 2.x and CSV) matched to orders by structured communication."""

from codafile import coda
from eguichethelpers import order
from plone import api

import pytest


@pytest.fixture
def unpaid(site):
    with api.env.adopt_user("alice"):
        first = order(site.catalog, site.residence)  # 5.00
        second = order(site.catalog, site.residence, quantity=2, delivery_method="post")
        third = order(site.catalog, site.residence)
    return first, second, third


def _digits(order):
    return "".join(c for c in order.structured_communication if c.isdigit())


def test_coda_parsing():
    from communesplone.core.validation import make_structured_communication
    from communesplone.eguichet.references import digits
    from communesplone.eguichet.statements import parse

    valid = digits(make_structured_communication(2026000001))
    text = coda([(500, valid, "", "MARTIN ALICE", "BE68539007547034"),
                 (-1250, None, "Facture 123", "FOURNISSEUR SA", "BE71096123456769")])
    first, second = parse(text)
    assert str(first.amount) == "5" and first.communication == valid
    assert first.counterparty == "MARTIN ALICE"
    assert str(second.amount) == "-12.5" and second.communication == ""


def test_coda_import_marks_paid_and_reports_the_rest(site, unpaid):
    from communesplone.eguichet.statements import match
    from communesplone.eguichet.statements import parse

    first, second, third = unpaid
    text = coda([
        (500, _digits(first), "", "MARTIN ALICE", "BE68539007547034"),
        (1000, _digits(second), "", "MARTIN ALICE", "BE68539007547034"),  # 11.50 due
        (700, "000000000097", "", "DUPONT", "BE68539007547034"),  # valid, unknown
        (300, None, "certificat svp", "PEETERS", "BE68539007547034"),
        (-4000, None, "Loyer", "PROPRIETAIRE", "BE68539007547034"),
    ])
    with api.env.adopt_user("paula"):
        report = match(parse(text), site.catalog)
    assert [reference for _m, reference in report.matched] == [first.reference]
    assert [reason for _m, reason in report.unmatched] == [
        "amount_too_low", "unknown_communication", "no_communication", "debit"]
    assert first.payment_status == "paid" and first.paid_at is not None
    assert api.content.get_state(first) == "submitted"  # now to be processed
    assert second.payment_status == "unpaid" and third.payment_status == "unpaid"
    # importing the same statement again pays nothing twice
    with api.env.adopt_user("paula"):
        again = match(parse(text), site.catalog)
    assert again.matched == [] and again.unmatched[0][1] == "already_paid"


def test_csv_import(site, unpaid):
    from communesplone.eguichet.statements import match
    from communesplone.eguichet.statements import parse

    first, second, third = unpaid
    text = ("date;amount;communication;counterparty\n"
            f"2026-03-02;5,00;{first.structured_communication};Alice Martin\n"
            f"2026-03-02;11,50;{second.structured_communication.strip('+')};Alice Martin\n"
            "2026-03-03;3,00;+++123/4567/89003+++;Bob\n")
    with api.env.adopt_user("paula"):
        report = match(parse(text), site.catalog)
    assert sorted(ref for _m, ref in report.matched) == sorted([first.reference,
                                                                second.reference])
    assert [reason for _m, reason in report.unmatched] == ["no_communication"]  # bad check


def test_another_service_matches_nothing(site, unpaid):
    from communesplone.eguichet.statements import match
    from communesplone.eguichet.statements import parse

    first = unpaid[0]
    with api.env.adopt_user("cedric"):
        report = match(parse(coda([(500, _digits(first), "", "X", "BE68539007547034")])),
                       site.catalog)
    assert report.matched == [] and first.payment_status == "unpaid"


def test_bad_file():
    from communesplone.eguichet.statements import parse
    from communesplone.eguichet.statements import StatementError

    with pytest.raises(StatementError):
        parse("hello;world\n1;2\n")
