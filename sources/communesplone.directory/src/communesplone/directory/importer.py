"""Import of a CSV in the export's own format: all rows or none, with the reasons of refusal.

Every row is read and validated against the entry's schema first; one bad
row and nothing is created (the report lists every bad row: line number,
column, message). A row whose ``id`` names an existing entry updates it; the
``url`` column is ignored.
"""

from communesplone.core.spreadsheets import restore_cell
from communesplone.directory import _
from communesplone.directory.content.business import IBusiness
from communesplone.directory.exports import CSV_COLUMNS
from communesplone.directory.exports import JSON_COLUMNS
from communesplone.directory.exports import LIST_COLUMNS
from communesplone.directory.exports import LIST_SEPARATOR
from dataclasses import dataclass
from dataclasses import field
from plone import api
from plone.app.textfield.value import RichTextValue
from plone.dexterity.utils import createContentInContainer
from zope.lifecycleevent import modified
from zope.schema import ValidationError
from zope.schema import getFieldsInOrder

import csv
import io
import json
import transaction

MAX_ROWS = 5000
TEXT_COLUMNS = ("title", "description")


@dataclass
class ImportReport:
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    #: ``[(line number, column, message)]``; when not empty, nothing was imported
    rejected: list = field(default_factory=list)

    @property
    def ok(self):
        return not self.rejected


def _message(error):
    if isinstance(error, ValidationError):
        doc = error.doc()
        return doc if doc else str(error)
    return str(error)


def _convert(name, raw):
    raw = (raw or "").strip()
    if name in LIST_COLUMNS:
        return [part.strip() for part in raw.split(LIST_SEPARATOR.strip()) if part.strip()]
    if name in JSON_COLUMNS:
        return json.loads(raw) if raw else {}
    if name in ("latitude", "longitude"):
        return float(raw.replace(",", ".")) if raw else None
    return raw


def read_rows(data):
    """``[(line number, {column: raw text})]``; ValueError when the header is not ours."""
    text = data.decode("utf-8-sig") if isinstance(data, bytes) else data.lstrip("\ufeff")
    reader = csv.DictReader(io.StringIO(text))
    header = reader.fieldnames or []
    missing = {"title"} - set(header)
    unknown = set(header) - set(CSV_COLUMNS)
    if missing or unknown:
        raise ValueError(", ".join(sorted(missing | unknown)))
    return [(reader.line_num, {name: restore_cell(value) if isinstance(value, str) else value
                               for name, value in row.items()})
            for row in reader]


def _validate(directory, line, row, report):
    """The field values of one row, or None when it is refused (its errors in ``report``)."""
    values = {}
    fields = dict(getFieldsInOrder(IBusiness))
    for name, raw in row.items():
        if name in ("id", "url") or name is None:
            continue
        try:
            value = _convert(name, raw)
        except (ValueError, TypeError):
            report.rejected.append((line, name, _("directory_import_unreadable",
                                                  default="This value cannot be read.")))
            continue
        if name == "text":
            values[name] = RichTextValue(value, "text/html", "text/x-html-safe") if value \
                else None
            continue
        if name in TEXT_COLUMNS:
            if name == "title" and not value:
                report.rejected.append((line, name, _("directory_import_title_required",
                                                      default="The name is required.")))
            values[name] = value
            continue
        schema_field = fields[name].bind(directory)
        if value in ("", [], {}, None):
            values[name] = schema_field.missing_value
            continue
        try:
            schema_field.validate(value)
        except ValidationError as error:
            report.rejected.append((line, name, _message(error)))
            continue
        values[name] = value
    return values


def import_csv(directory, data, publish=False):
    """Import ``data`` (bytes or text) into ``directory``; return an :class:`ImportReport`."""
    report = ImportReport()
    try:
        rows = read_rows(data)
    except ValueError as error:
        report.rejected.append((1, str(error), _(
            "directory_import_header",
            default="The first line must name the columns of the directory's CSV export.")))
        return report
    except UnicodeDecodeError:
        report.rejected.append((1, "", _("directory_import_encoding",
                                         default="The file must be encoded in UTF-8.")))
        return report
    if len(rows) > MAX_ROWS:
        report.rejected.append((1, "", _("directory_import_too_many",
                                         default="At most 5,000 rows at a time.")))
        return report
    prepared = []
    seen = set()
    for line, row in rows:
        values = _validate(directory, line, row, report)
        entry_id = (row.get("id") or "").strip()
        if entry_id and entry_id in seen:
            report.rejected.append((line, "id", _("directory_import_duplicate",
                                                  default="This id is already used above.")))
        seen.add(entry_id)
        existing = directory.get(entry_id) if entry_id else None
        if existing is not None and getattr(existing, "portal_type", None) != "Business":
            report.rejected.append((line, "id", _("directory_import_id_taken",
                                                  default="This id is used by something else.")))
        prepared.append((entry_id, existing, values))
    if report.rejected:
        return report
    savepoint = transaction.savepoint()
    try:
        for entry_id, existing, values in prepared:
            if existing is not None:
                for name, value in values.items():
                    setattr(existing, name, value)
                modified(existing)
                existing.reindexObject()
                report.updated.append(existing.getId())
                continue
            extra = {"id": entry_id} if entry_id else {}
            business = createContentInContainer(directory, "Business", checkConstraints=True,
                                                **extra, **values)
            if publish:
                api.content.transition(obj=business, transition="publish")
            report.created.append(business.getId())
    except Exception:
        savepoint.rollback()
        raise
    return report
