"""A resource's exceptional closures as rows of a form, stored as before.

``Resource.closures`` stays the list of strings that REST and
:func:`~communesplone.booking.rules.parse_closure` read (``"2026-12-24"`` or
``"2026-12-24/2026-12-31"``). Staff edit it as rows of two dates (the first
day, the last day when the closure lasts several days), with the browser's
date field; a period that ends before it starts is refused in its row, and
REST refuses the same text it refused before.
"""

from communesplone.booking import _
from communesplone.booking.rules import parse_closure
from communesplone.core.rows import RowsList
from communesplone.core.rows import ShapedRow
from datetime import date
from zope import schema
from zope.interface import Interface
from zope.schema import ValidationError

MSG_ORDER = _("error_closure_order", default="The last day comes before the first.")


class InvalidClosure(ValidationError):
    __doc__ = _(
        "error_invalid_closure",
        default="Write one date (2026-12-24) or one period (2026-12-24/2026-12-31) a line.",
    )


class IClosureRow(Interface):
    """One closure: a day, or a period of days."""

    first = schema.Date(title=_("label_closure_first", default="Closed from"), required=True)
    last = schema.Date(title=_("label_closure_last", default="Until (when several days)"),
                       required=False)


def to_row(text):
    """``"2026-12-24/2026-12-31"`` -> ``{"first": date, "last": date}`` (a text the rules
    cannot read is shown empty rather than break the form; REST never stores one)."""
    try:
        first, last = parse_closure(text)
    except (ValueError, TypeError):
        return {"first": None, "last": None}
    return {"first": first, "last": last if last != first else None}


def to_stored(row):
    """The row -> ``"2026-12-24"`` or ``"2026-12-24/2026-12-31"``."""
    first, last = row.get("first"), row.get("last")
    if not isinstance(first, date):
        return ""
    if isinstance(last, date) and last != first:
        return f"{first.isoformat()}/{last.isoformat()}"
    return first.isoformat()


def check_closure(text):
    try:
        parse_closure(text)
    except (ValueError, TypeError):
        raise InvalidClosure(text) from None


def closure_problems(closures):
    """``[(index, column, message)]``: a period that ends before it starts."""
    problems = []
    for index, text in enumerate(closures or ()):
        try:
            parse_closure(text)
        except (ValueError, TypeError):
            row = text.split("/") if isinstance(text, str) else ()
            column = "last" if len(row) == 2 else "first"
            problems.append((index, column, MSG_ORDER if column == "last"
                             else InvalidClosure.__doc__))
    return problems


def closure_list(**kw):
    """The ``closures`` field: one row a closure, stored as the text it was."""
    return RowsList(
        value_type=ShapedRow(schema=IClosureRow, to_row=to_row, to_stored=to_stored,
                             check=check_closure, stored_type=str),
        problems=closure_problems, **kw)
