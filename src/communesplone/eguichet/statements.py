"""Bank statements: read CSV or CODA lines, match them to orders by structured communication.

CODA 2.x (the Belgian banks' fixed-width format, 128 characters a record):
a movement is record ``21`` (type 2, article 1). In it, position 32 is the
sign (``0`` credit, ``1`` debit), 33-47 the amount in thousandths of a cent
unit (15 digits, 3 decimals), 48-53 the value date ``DDMMYY``, 62 the
communication type (``1`` = structured) and, for a structured one, 63-65 the
kind (``101`` = the Belgian structured communication) followed by its 12
digits (66-77). Record ``23`` that follows holds the counterparty's account
(11-47) and name (48-82). Positions are 1-based as in the Febelfin standard.

CSV: one line a movement, a header naming at least ``amount`` and
``communication`` (``date`` and ``counterparty`` are kept when present);
``;`` or ``,`` separated; amounts with ``.`` or ``,`` as decimal mark.
"""

from communesplone.core.validation import is_valid_structured_communication
from communesplone.eguichet.payment import mark_paid
from communesplone.eguichet.references import digits
from dataclasses import dataclass
from dataclasses import field
from datetime import date
from decimal import Decimal
from decimal import InvalidOperation
from plone import api

import csv
import io


@dataclass
class Movement:
    """A credit or debit of a statement."""

    line: int
    amount: Decimal
    communication: str  # 12 digits, or "" when not a valid structured communication
    value_date: date | None = None
    counterparty: str = ""
    raw: str = ""


@dataclass
class ImportReport:
    matched: list = field(default_factory=list)  # (movement, reference)
    unmatched: list = field(default_factory=list)  # (movement, reason)


class StatementError(ValueError):
    """The file is neither a CODA nor a CSV statement we can read."""


def _coda_date(text):
    try:
        return date(2000 + int(text[4:6]), int(text[2:4]), int(text[0:2]))
    except ValueError:
        return None


def parse_coda(text):
    """The movements of a CODA file (credits and debits; debits are negative)."""
    movements = []
    last = None
    for number, record in enumerate(text.splitlines(), start=1):
        if record.startswith("21"):
            record = record.ljust(128)
            try:
                amount = Decimal(record[32:47]) / 1000
            except InvalidOperation:
                raise StatementError(f"line {number}: bad amount") from None
            if record[31] == "1":
                amount = -amount
            communication = ""
            if record[61] == "1" and record[62:65] == "101":
                candidate = record[65:77]
                if is_valid_structured_communication(candidate):
                    communication = candidate
            last = Movement(line=number, amount=amount, communication=communication,
                            value_date=_coda_date(record[47:53]), raw=record.rstrip())
            movements.append(last)
        elif record.startswith("23") and last is not None:
            last.counterparty = record[47:82].strip()
    if not movements and not text.startswith("0"):
        raise StatementError("not a CODA file")
    return movements


def _amount(text):
    text = (text or "").strip().replace(" ", "").replace("€", "").replace("EUR", "")
    if "," in text and "." in text:
        text = text.replace(".", "").replace(",", ".")
    else:
        text = text.replace(",", ".")
    return Decimal(text)


def parse_csv(text):
    """The movements of a CSV statement (see the module's docstring)."""
    sample = text[:2000]
    delimiter = ";" if sample.count(";") >= sample.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    headers = {(name or "").strip().lower(): name for name in reader.fieldnames or ()}
    if "amount" not in headers or "communication" not in headers:
        raise StatementError("a CSV statement needs the columns amount and communication")
    movements = []
    for number, row in enumerate(reader, start=2):
        try:
            amount = _amount(row.get(headers["amount"]))
        except InvalidOperation:
            raise StatementError(f"line {number}: bad amount") from None
        communication = row.get(headers["communication"]) or ""
        value = None
        if "date" in headers and row.get(headers["date"]):
            try:
                value = date.fromisoformat(row[headers["date"]].strip())
            except ValueError:
                value = None
        movements.append(Movement(
            line=number, amount=amount,
            communication=digits(communication)
            if is_valid_structured_communication(communication) else "",
            value_date=value,
            counterparty=(row.get(headers.get("counterparty", ""), "") or "").strip(),
            raw=";".join(str(v) for v in row.values()),
        ))
    return movements


def parse(text):
    """CODA when the file starts with a CODA header record, CSV otherwise."""
    if text.startswith("0000") or text[:1] == "0" and len(text.splitlines()[0]) >= 120:
        return parse_coda(text)
    return parse_csv(text)


def match(movements, catalog=None):
    """Mark paid the orders the credits pay; report the lines that pay nothing.

    One catalog query for the whole statement (restricted to what the
    importing staff member may see). A credit matches an unpaid order whose
    communication it carries and whose total it covers.
    """
    report = ImportReport()
    wanted = {m.communication for m in movements if m.communication and m.amount > 0}
    query = {"portal_type": "DocumentOrder", "eguichet_communication": sorted(wanted)}
    if catalog is not None:
        query["path"] = "/".join(catalog.getPhysicalPath())
    brains = api.content.find(**query) if wanted else []
    by_communication = {digits(brain.getObject().structured_communication): brain
                        for brain in brains}
    for movement in movements:
        if movement.amount <= 0:
            report.unmatched.append((movement, "debit"))
            continue
        if not movement.communication:
            report.unmatched.append((movement, "no_communication"))
            continue
        brain = by_communication.get(movement.communication)
        if brain is None:
            report.unmatched.append((movement, "unknown_communication"))
            continue
        order = brain.getObject()
        if order.payment_status != "unpaid":
            report.unmatched.append((movement, "already_paid"))
            continue
        if movement.amount < Decimal(str(order.total or 0)):
            report.unmatched.append((movement, "amount_too_low"))
            continue
        mark_paid(order, comment=f"Bank statement, line {movement.line}")
        report.matched.append((movement, order.reference))
    return report
