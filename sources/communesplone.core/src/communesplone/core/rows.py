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
- :class:`RowInt` and its converter: an integer column that does not break
  on an empty row (collective.z3cform.datagridfield 4.0.3).
"""

from collective.z3cform.datagridfield.blockdatagridfield import BlockDataGridFieldWidget
from collective.z3cform.datagridfield.datagridfield import DataGridFieldWidget
from collective.z3cform.datagridfield.datagridfield import DataGridValidator
from collective.z3cform.datagridfield.interfaces import IRow
from collective.z3cform.datagridfield.row import DictRow
from collective.z3cform.datagridfield.row import DictRowConverter
from communesplone.core import _
from plone.dexterity.interfaces import IDexterityContent
from plone.restapi.deserializer.dxfields import DefaultFieldDeserializer
from plone.restapi.interfaces import IFieldDeserializer
from z3c.form.converter import IntegerDataConverter
from z3c.form.interfaces import IErrorViewSnippet
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
    """

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
