"""The deliberations dashboard as a table (``communesplone.core.tables``): number,
title, service, category, state, meeting, from brains (the categories from the
assembly, the meetings' titles in one catalog query). Batch actions: validate the
selected items, present them in the meeting chosen for each."""

from communesplone.core.tables import BatchAction
from communesplone.core.tables import Column
from communesplone.core.tables import Table
from communesplone.deliberations import _
from communesplone.deliberations.vocabularies import categories_vocabulary

NAME = "deliberations"


def _number(brain, cells):
    number = brain.delib_item_number or brain.delib_year_number
    return str(number) if number else None


def _category(brain, cells):
    if not brain.delib_category:
        return None
    vocabulary = cells.cached("categories", lambda: categories_vocabulary(cells.context))
    if brain.delib_category in vocabulary:
        return vocabulary.getTerm(brain.delib_category).title
    return brain.delib_category


def _meeting(brain, cells):
    if brain.portal_type == "Meeting":
        return cells.moment(brain.delib_meeting_date)
    if not brain.delib_meeting:
        return None
    titles = cells.cached("meetings", lambda: cells.titles_by_uid(
        [getattr(other, "delib_meeting", None) for other in cells.brains]))
    return titles.get(brain.delib_meeting)


TABLE = Table(
    name=NAME,
    portal_types=("MeetingItem", "Meeting"),
    columns=[
        Column("number", _("delib_table_number", default="No."), _number),
        Column("title", _("delib_table_title", default="Title"), lambda b, c: b.Title),
        Column("service", _("delib_table_service", default="Service"),
               lambda b, c: c.group(b.delib_service) if b.delib_service else None),
        Column("category", _("delib_table_category", default="Category"), _category),
        Column("state", _("delib_table_state", default="State"), lambda b, c: c.state(b)),
        Column("meeting", _("delib_table_meeting", default="Meeting"), _meeting),
    ],
    actions=[
        BatchAction("validate", _("delib_table_validate", default="Validate")),
        BatchAction("present", _("delib_table_present",
                                 default="Present in their meeting")),
    ],
    sort_options=[
        ("modified", _("delib_table_sort_modified", default="Last change")),
        ("delib_item_number", _("delib_table_sort_number", default="Number")),
        ("sortable_title", _("delib_table_sort_title", default="Title")),
        ("delib_meeting_date", _("delib_table_sort_meeting", default="Meeting date")),
    ],
    default_sort="modified(reverse)",
)
