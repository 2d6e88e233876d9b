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

Money is read strictly (:func:`read_amount`): an amount is written as a bank
writes it (``12,50``, ``-1.234,56``, ``1 234.56``, ``EUR 5``), with at most two
decimals and below :data:`MAX_AMOUNT`. Python's ``Decimal`` would read
``1e309``, ``inf``, ``NaN`` and ``1_000`` too: such a line pays nothing and the
report names it (reason ``bad_amount``), the rest of the statement is read.
"""

from communesplone.core.validation import is_valid_structured_communication
from communesplone.eguichet import _
from communesplone.eguichet.payment import mark_paid
from communesplone.eguichet.references import digits
from communesplone.eguichet.content.order import max_upload_mb
from dataclasses import dataclass
from dataclasses import field
from datetime import date
from decimal import Decimal
from decimal import InvalidOperation
from plone import api

import codecs
import csv
import io
import re

#: What a statement may be given as (``auto``: CODA when it starts with a header record).
FORMATS = ("auto", "coda", "csv")
#: Control characters that no CODA or CSV text holds: a binary file, or UTF-16 without its BOM.
_BINARY = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


@dataclass
class Movement:
    """A credit or debit of a statement."""

    line: int
    amount: Decimal
    communication: str  # 12 digits, or "" when not a valid structured communication
    value_date: date | None = None
    counterparty: str = ""
    raw: str = ""
    #: The amount as written, when it is not a sum of money (``amount`` is then None).
    raw_amount: str = ""


@dataclass
class ImportReport:
    matched: list = field(default_factory=list)  # (movement, reference)
    unmatched: list = field(default_factory=list)  # (movement, reason)


#: Why a line of a statement paid nothing (codes are API values).
REASONS = {
    "debit": _("eguichet_unmatched_debit", default="a debit"),
    "no_communication": _("eguichet_unmatched_no_communication",
                          default="no structured communication"),
    "unknown_communication": _("eguichet_unmatched_unknown",
                               default="no order has this communication"),
    "already_paid": _("eguichet_unmatched_already_paid", default="already paid"),
    "amount_too_low": _("eguichet_unmatched_amount", default="amount lower than the total"),
    "bad_amount": _("eguichet_unmatched_bad_amount",
                    default="the amount is not a sum of money (at most two decimals)"),
}

#: No fee of a commune comes near; a larger credit is a misread line, not a payment.
MAX_AMOUNT = Decimal("1000000")
#: ASCII digits only (``\d`` would take Arabic-Indic digits); one decimal mark, at
#: most two decimals; thousands grouped by the other mark (``1.234,56``, ``1,234.56``).
_PLAIN = re.compile(r"[+-]?[0-9]+(?:[.,][0-9]{1,2})?")
_SPACED = re.compile(r"[+-]?[0-9]{1,3}(?: [0-9]{3})+(?:[.,][0-9]{1,2})?")
_GROUPED = re.compile(
    r"[+-]?[0-9]{1,3}(?:(?P<group>[.,])[0-9]{3})+(?:(?!(?P=group))[.,][0-9]{1,2})")


def report_rows(report, translate):
    """The report as JSON-ready rows: ``matched`` and ``unmatched`` (reason code and text)."""
    matched = [{"line": m.line, "amount": f"{m.amount:.2f}", "reference": reference,
                "communication": m.communication,
                "value_date": m.value_date.isoformat() if m.value_date else None}
               for m, reference in report.matched]
    unmatched = [{"line": m.line,
                  "amount": f"{m.amount:.2f}" if m.amount is not None else m.raw_amount,
                  "communication": m.communication or "", "counterparty": m.counterparty,
                  "value_date": m.value_date.isoformat() if m.value_date else None,
                  "reason": reason, "reason_text": translate(REASONS[reason])}
                 for m, reason in report.unmatched]
    return matched, unmatched


class StatementError(ValueError):
    """The file is neither a CODA nor a CSV statement we can read.

    ``message`` is the translatable explanation shown on the page and
    answered by ``@import-statement``.
    """

    def __init__(self, message, field=None):
        super().__init__(str(message))
        self.message = message
        self.field = field


def _not_a_statement(detail):
    return StatementError(_("eguichet_error_statement",
                            default="This file is not a CODA or CSV statement (${detail}).",
                            mapping={"detail": detail}))


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
            field_text = record[32:47]
            amount = None
            if field_text.isascii() and field_text.isdigit():
                amount = Decimal(field_text) / 1000
                if amount != amount.quantize(Decimal("0.01")) or amount >= MAX_AMOUNT:
                    amount = None
                elif record[31] == "1":
                    amount = -amount
            communication = ""
            if record[61] == "1" and record[62:65] == "101":
                candidate = record[65:77]
                if is_valid_structured_communication(candidate):
                    communication = candidate
            last = Movement(line=number, amount=amount, communication=communication,
                            value_date=_coda_date(record[47:53]), raw=record.rstrip(),
                            raw_amount=field_text.strip() if amount is None else "")
            movements.append(last)
        elif record.startswith("23") and last is not None:
            last.counterparty = record[47:82].strip()
    if not movements and not text.startswith("0"):
        raise _not_a_statement(_("eguichet_error_statement_coda",
                                 default="no CODA header record and no movement"))
    return movements


def read_amount(text):
    """The sum of money ``text`` writes, as a Decimal with two decimals; None if it is not one.

    ``€`` or ``EUR`` before or after and spaces between thousands are dropped; then the text must be
    digits with one decimal mark and at most two decimals, optionally grouped
    by thousands with the other mark, and its size below :data:`MAX_AMOUNT`.
    Exponents, ``inf``, ``NaN``, underscores and three decimals are not money.
    """
    if not isinstance(text, str) or len(text) > 40:
        return None
    text = text.replace("\u00a0", " ").replace("\u202f", " ").strip()
    for currency in ("€", "EUR"):
        text = text.removeprefix(currency).removesuffix(currency).strip()
    if " " in text:  # only as the thousands separator: 1 234,56
        if not _SPACED.fullmatch(text):
            return None
        text = text.replace(" ", "")
    if _PLAIN.fullmatch(text):
        number = text.replace(",", ".")
    elif match := _GROUPED.fullmatch(text):
        number = text.replace(match.group("group"), "").replace(",", ".")
    else:
        return None
    try:
        amount = Decimal(number).quantize(Decimal("0.01"))
    except InvalidOperation:
        return None
    if not amount.is_finite() or abs(amount) >= MAX_AMOUNT:
        return None
    return amount


def parse_csv(text):
    """The movements of a CSV statement (see the module's docstring)."""
    sample = text[:2000]
    delimiter = ";" if sample.count(";") >= sample.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    headers = {(name or "").strip().lower(): name for name in reader.fieldnames or ()}
    if "amount" not in headers or "communication" not in headers:
        raise _not_a_statement(_("eguichet_error_statement_columns",
                                 default="a CSV statement needs the columns amount and "
                                 "communication"))
    movements = []
    for number, row in enumerate(reader, start=2):
        written = row.get(headers["amount"]) or ""
        amount = read_amount(written)
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
            raw_amount=written.strip()[:40] if amount is None else "",
        ))
    return movements


def is_coda(text):
    """A CODA file starts with its header record (``0``, 128 characters)."""
    first = text.splitlines()[0] if text else ""
    return first.startswith("0000") or first[:1] == "0" and len(first) >= 120


def parse(text, format="auto"):
    """``format`` ``coda`` or ``csv``; ``auto``: CODA when it starts with a header record."""
    if format == "coda" or format == "auto" and is_coda(text):
        return parse_coda(text)
    return parse_csv(text)


def decode(data, max_bytes):
    """The text of an uploaded statement; StatementError when empty, too large or not text.

    UTF-8 (with or without BOM) and UTF-16 with its BOM are read as such;
    anything else as Latin-1, the encoding of older CODA files. A file that
    then holds control characters (a PDF, a spreadsheet, UTF-16 without BOM)
    is refused rather than read as garbage.
    """
    if len(data) > max_bytes:
        raise StatementError(_("eguichet_error_statement_too_large",
                               default="The file is larger than ${size} MB.",
                               mapping={"size": f"{max_bytes / 1024 / 1024:g}"}))
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _decode_or_refuse(data, "utf-16")
    elif data.startswith(codecs.BOM_UTF8):
        text = _decode_or_refuse(data[3:], "utf-8")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
    if _BINARY.search(text):
        raise _wrong_encoding()
    if not text.strip():
        raise StatementError(_("eguichet_error_statement_empty", default="The file is empty."))
    return text


def _wrong_encoding():
    return StatementError(_("eguichet_error_statement_encoding",
                            default="This file is not text in UTF-8, UTF-16 or Latin-1: a CODA "
                            "or CSV statement is a text file."))


def _decode_or_refuse(data, encoding):
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise _wrong_encoding() from None


def import_statement(data, catalog, format="auto", max_bytes=None):
    """Read ``data`` (bytes) and pay the orders of ``catalog`` it pays: the page and REST.

    Raises StatementError (nothing paid) when the file cannot be read. The
    limit is the e-guichet's upload limit (``max_upload_mb``) unless given.
    """
    if format not in FORMATS:
        raise StatementError(_("eguichet_error_statement_format",
                               default="Unknown statement format: use coda, csv or auto."),
                             field="format")
    if max_bytes is None:
        max_bytes = int(max_upload_mb() * 1024 * 1024)
    text = decode(data, max_bytes)
    return match(parse(text, format), catalog)


def match(movements, catalog=None):
    """Mark paid the orders the credits pay; report the lines that pay nothing.

    One catalog query for the whole statement (restricted to what the
    importing staff member may see). A credit matches an unpaid order whose
    communication it carries and whose total it covers.
    """
    report = ImportReport()
    wanted = {m.communication for m in movements
              if m.communication and m.amount is not None and m.amount > 0}
    query = {"portal_type": "DocumentOrder", "eguichet_communication": sorted(wanted)}
    if catalog is not None:
        query["path"] = "/".join(catalog.getPhysicalPath())
    brains = api.content.find(**query) if wanted else []
    by_communication = {digits(brain.getObject().structured_communication): brain
                        for brain in brains}
    for movement in movements:
        if movement.amount is None:
            report.unmatched.append((movement, "bad_amount"))
            continue
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
