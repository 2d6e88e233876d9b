"""Tables that staff edit as rows of fields (collective.z3cform.datagridfield).

Several add-ons keep a list in one field (an assembly's members, the questions
of a document type, a resource's closures). A person edits such a list as
rows of ordinary fields, each checked with its message in its row and
readable without JavaScript; REST and the code keep reading and writing the
stored value as before. The pieces every add-on needs are here, once:

- :class:`Row`: a row stored as the dict of its columns (a dict sent without
  its optional keys, by REST or stored before, is completed);
- :class:`ShapedRow`: a row stored in another shape than its columns (a
  string ``"2026-12-24/2026-12-31"``, a dict with a nested ``label``): the
  field converts between the stored value and the columns, and checks the
  stored value itself, so REST keeps the stored shape;
- :class:`RowsList`: the list of rows, whose field also names the problems
  that involve several columns or rows (two questions with the same name);
  :class:`RowsValidator` shows each such problem beside its cell;
- :class:`RowsDict`: a dict stored by key (``{"nl": {...}, "de": {...}}``),
  edited as one row a key, the key being one of the row's columns; REST
  keeps sending and reading the dict;
- :class:`RowInt` and its converter: an integer column that does not break
  on an empty row (collective.z3cform.datagridfield 4.0.3).
"""

from collective.z3cform.datagridfield.blockdatagridfield import BlockDataGridFieldWidget
from collective.z3cform.datagridfield.datagridfield import DataGridFieldConverter
from collective.z3cform.datagridfield.datagridfield import DataGridFieldWidget
from collective.z3cform.datagridfield.datagridfield import DataGridValidator
from collective.z3cform.datagridfield.interfaces import IDataGridFieldWidget
from collective.z3cform.datagridfield.interfaces import IRow
from collective.z3cform.datagridfield.row import DictRow
from collective.z3cform.datagridfield.row import DictRowConverter
from communesplone.core import _
from plone.dexterity.interfaces import IDexterityContent
from plone.restapi.deserializer.dxfields import DefaultFieldDeserializer
from plone.restapi.interfaces import IFieldDeserializer
from z3c.form.converter import IntegerDataConverter
from z3c.form.interfaces import IErrorViewSnippet
from z3c.form.interfaces import IDataConverter
from z3c.form.interfaces import IFieldWidget
from z3c.form.interfaces import IValidator
from z3c.form.interfaces import IFormLayer
from z3c.form.interfaces import IWidget
from z3c.form.widget import FieldWidget
from zope import schema
from zope.component import adapter
from zope.component import getMultiAdapter
from zope.interface import implementer
from zope.interface import Interface
from zope.interface import Invalid
from zope.publisher.interfaces.browser import IBrowserRequest
from zope.schema import getFieldsInOrder
from zope.schema.interfaces import IField
from zope.schema.interfaces import IInt
from zope.schema.interfaces import IList
from zope.schema.interfaces import WrongType

#: the grid's own message when some rows are refused (each row says why)
ROWS_REFUSED = _("error_rows_refused", default="Some rows are refused: each says why.")


class IRowInt(IInt):
    """An integer column of a datagrid row."""


@implementer(IRowInt)
class RowInt(schema.Int):
    """An integer column: see :class:`RowIntConverter`."""


@adapter(IRowInt, IWidget)
class RowIntConverter(IntegerDataConverter):
    """collective.z3cform.datagridfield 4.0.3 hands the stored value of a row (an int or
    None, not the typed text) to the converter of an empty row's column; z3c.form's
    number converter then fails with a TypeError (an error page on saving any grid
    with a number column). A value that is already a number or empty is kept as it is.
    """

    def toFieldValue(self, value):
        if value is None or isinstance(value, int):
            return value if value is not None else self.field.missing_value
        return super().toFieldValue(value)


def complete_row(row, row_schema):
    """``row`` with every key of ``row_schema``; other keys kept.

    A missing key gets its column's default: None, or the value the code read
    for a missing key, so a row written before (JSON field) or sent by REST
    without its optional keys means the same afterwards, and its checkbox
    shows what it means.
    """
    if not isinstance(row, dict):
        return row
    completed = dict(row)
    for name, field in getFieldsInOrder(row_schema):
        completed.setdefault(name, field.default)
    return completed


class Row(DictRow):
    """A datagrid row that accepts a dict without its optional keys (REST, older data)."""

    def _validate(self, value):
        if isinstance(value, dict):
            for name, field in getFieldsInOrder(self.schema):
                if value.get(name) is None:
                    value[name] = field.default
        super()._validate(value)


class IShapedRow(IRow):
    """A row stored in another shape than the dict of its columns."""


@implementer(IShapedRow)
class ShapedRow(DictRow):
    """A row whose stored value is converted to and from its columns.

    ``to_row(stored) -> dict of columns`` and ``to_stored(columns) -> stored``
    are plain functions of the add-on; ``check(stored)`` raises a
    ``ValidationError`` for a stored value the add-on refuses (it is what REST
    and ``field.validate`` run: the columns exist only in forms).
    """

    def __init__(self, schema, to_row, to_stored, check=None, stored_type=dict, **kw):
        super().__init__(schema=schema, **kw)
        self.to_row = to_row
        self.to_stored = to_stored
        self.check = check
        self._type = stored_type

    def _validate(self, value):
        if self.check is not None:
            self.check(value)


@adapter(IShapedRow, IFieldWidget)
class ShapedRowConverter(DictRowConverter):
    """The row's columns in the form, the stored shape in the field's value."""

    def toWidgetValue(self, value):
        return super().toWidgetValue(self.field.to_row(value))

    def toFieldValue(self, value):
        return self.field.to_stored(super().toFieldValue(value))


@implementer(IFieldDeserializer)
@adapter(IShapedRow, IDexterityContent, IBrowserRequest)
class ShapedRowDeserializer(DefaultFieldDeserializer):
    """REST sends the stored shape: taken as it is, checked by the list's validation
    (collective.z3cform.datagridfield's row deserializer would read the columns)."""

    def __call__(self, value):
        return value


class IRowsList(IList):
    """A list of rows whose field names the problems between columns and rows."""


@implementer(IRowsList)
class RowsList(schema.List):
    """A list of rows; ``problems(value) -> [(index, column, message)]`` names what
    a row breaks beyond its own columns (a message for the cell of that column)."""

    def __init__(self, problems=None, **kw):
        super().__init__(**kw)
        self.problems = problems

    def _validate(self, value):
        # A refused row raises its own error (its translated message reaches the
        # REST answer), not zope.schema's list of WrongContainedType.
        if isinstance(value, list):
            for row in value:
                self.value_type.validate(row)
        super()._validate(value)


def set_cell_error(form, cell, message):
    """Show ``message`` beside ``cell`` (a column's widget in a row)."""
    error = Invalid(message)
    view = getMultiAdapter(
        (error, cell.request, cell, cell.field, form, getattr(form, "context", None)),
        IErrorViewSnippet)
    view.update()
    cell.error = view


@implementer(IValidator)
@adapter(Interface, Interface, Interface, IRowsList, DataGridFieldWidget)
class RowsValidator(DataGridValidator):
    """The grid's cells first (their own messages), then the field's ``problems``,
    each shown in its row beside the cell it names; nothing is saved meanwhile."""

    def validate(self, value, force=False):
        super().validate(value, force)
        if not value or self.field.problems is None:
            return None
        rows = [row for row in self.widget.widgets
                if not (row.id.endswith("AA") or row.id.endswith("TT"))]
        problems = self.field.problems(value)
        for index, column, message in problems:
            if index is not None and index < len(rows) and column in rows[index].widgets:
                set_cell_error(self.view, rows[index].widgets[column], message)
        if problems:
            raise Invalid(ROWS_REFUSED)
        return None


class BlockRowsWidget(BlockDataGridFieldWidget):
    """The grid as blocks (one block a row: fits a phone).

    collective.z3cform.datagridfield 4.0.3 shows "Required" in the empty row
    kept for a new line (and in the hidden template row) once the form was
    refused for another row: a person would read it as one more error. Those
    two rows are not values; their messages go.

    Its script turns the empty last row into a row as soon as a person types
    in it; without JavaScript the grid ignored what was typed there (a new
    row could not be added). :meth:`take_typed_last_row` takes it as a new row.
    """

    def update(self):
        self.take_typed_last_row()
        super().update()

    def take_typed_last_row(self):
        """A last row ("AA") sent with other values than the template row ("TT", the
        same empty row, never shown) was typed in without the script: it becomes
        the next row of the request, checked and saved as the others."""
        request = self.request
        form = getattr(request, "form", None)
        if not form or form.get(self.counterName) is None:
            return
        # ".AA.widgets.title", and the row's own ".AA-empty-marker"
        last, template = f"{self.name}.AA", f"{self.name}.TT"
        typed = {key[len(last):]: value for key, value in form.items()
                 if key.startswith(last)}
        empty = {key[len(template):]: value for key, value in form.items()
                 if key.startswith(template)}
        if not typed or not empty or typed == empty:
            return
        try:
            count = int(form[self.counterName])
        except (TypeError, ValueError):
            return
        other = getattr(request, "other", {})
        for key, value in typed.items():
            for store in (form, other):
                store.pop(last + key, None)
                store[f"{self.name}.{count}{key}"] = value
        for store in (form, other):
            store[self.counterName] = str(count + 1)

    def updateWidgets(self):
        super().updateWidgets()
        for row in self.widgets:
            if row.id.endswith("AA") or row.id.endswith("TT"):
                for cell in row.widgets.values():
                    cell.error = None


@adapter(IField, IFormLayer)
@implementer(IFieldWidget)
def BlockRowsWidgetFactory(field, request):
    """``directives.widget(name, BlockRowsWidgetFactory)`` for a list of rows."""
    return FieldWidget(field, BlockRowsWidget(request))


class IRowsDict(IRowsList):
    """A dict by key whose form shows one row a key."""


@implementer(IRowsDict)
class RowsDict(RowsList):
    """``{key: {column: value}}`` edited as rows: the column ``key`` of a row names its entry.

    The stored value stays the dict that REST, the serializers and the code read
    (a directory entry's translations by language). ``check(value)`` raises a
    ``ValidationError`` for a dict the add-on refuses: it is what REST and
    ``field.validate`` run. ``duplicate`` is the message shown beside a key
    that an earlier row already names (a dict cannot hold it twice, and
    keeping only one of the two rows would lose what the other said).
    An empty column is not stored (what is missing falls back, as before).
    """

    #: The stored value is a dict; the grid's converter builds the rows with the
    #: last type of the tuple (a list), which :meth:`to_stored` turns into the dict.
    _type = (dict, list)

    def __init__(self, key, check=None, duplicate=None, **kw):
        self.key = key
        self.check = check
        self.duplicate = duplicate
        super().__init__(**kw)

    def to_rows(self, value):
        """The stored dict -> the list of rows, in the dict's order."""
        rows = []
        for key, columns in (value or {}).items():
            row = dict(columns) if isinstance(columns, dict) else {}
            row[self.key] = key
            rows.append(row)
        return rows

    def to_stored(self, rows):
        """The rows -> the stored dict (a later row of the same key is not merged in)."""
        stored = {}
        for row in rows or ():
            key = row.get(self.key)
            if key in (None, "") or key in stored:
                continue
            stored[key] = {name: value for name, value in row.items()
                           if name != self.key and value not in (None, "")}
        return stored

    def _validate(self, value):
        # The dict is checked as a whole (``check``: the add-on's message, also
        # for a list sent instead); zope.schema's list checks would iterate its
        # keys as rows.
        if self.check is not None:
            self.check(value)
        if not isinstance(value, dict):
            raise WrongType(value, dict, self.__name__)
        schema.Field._validate(self, value)


@implementer(IDataConverter)
@adapter(IRowsDict, IDataGridFieldWidget)
class RowsDictConverter(DataGridFieldConverter):
    """The rows in the form, the dict in the field's value; a key named twice is shown
    in the later row (nothing is saved meanwhile)."""

    def toWidgetValue(self, value):
        if not value:
            return []
        return super().toWidgetValue(self.field.to_rows(value))

    def toFieldValue(self, value):
        rows = super().toFieldValue(value)
        if rows is self.field.missing_value or not rows:
            return self.field.missing_value
        real = [row for row in self.widget.widgets
                if not (row.id.endswith("AA") or row.id.endswith("TT"))]
        seen, twice = set(), False
        for index, row in enumerate(rows):
            key = row.get(self.field.key)
            if key in seen and key not in (None, ""):
                twice = True
                if index < len(real) and self.field.key in real[index].widgets:
                    set_cell_error(self.widget.form, real[index].widgets[self.field.key],
                                   self.field.duplicate or ROWS_REFUSED)
            seen.add(key)
        if twice:
            raise Invalid(ROWS_REFUSED)
        return self.field.to_stored(rows)


@implementer(IFieldDeserializer)
@adapter(IRowsDict, IDexterityContent, IBrowserRequest)
class RowsDictDeserializer(DefaultFieldDeserializer):
    """REST sends the dict: checked as a whole (plone.restapi's list deserializer would
    turn it into a list of its keys)."""

    def __call__(self, value):
        if value is None:
            value = self.field.missing_value
        self.field.validate(value)
        return value
