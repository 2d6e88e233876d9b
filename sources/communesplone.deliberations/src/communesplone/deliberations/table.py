"""The deliberations dashboard as a table (``communesplone.core.tables``): number,
title, service, category, state, meeting, from brains (the categories from the
assembly, the meetings' titles in one catalog query). Batch actions: validate the
selected items, present them in a meeting the secretary picks among those still
taking items (a small form between the button and the action)."""

from communesplone.core.tables import BatchAction
from communesplone.core.tables import Column
from communesplone.core.tables import Table
from communesplone.core.myspace import language_of
from communesplone.deliberations import _
from communesplone.deliberations.agenda_builder import meetings_taking_items
from communesplone.deliberations.agenda_builder import present_in
from communesplone.deliberations.dashboard import TABLE_NAME
from communesplone.deliberations.language import meeting_title
from communesplone.deliberations.vocabularies import categories_vocabulary

NAME = TABLE_NAME
MANAGE = "communesplone.deliberations: Manage meetings"


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


def _open_meetings(dashboard, request):
    """The meetings the secretary may present items in: created or frozen, theirs."""
    language = language_of(request)
    return [(brain.UID, meeting_title(brain.getObject(), language))
            for brain in meetings_taking_items(dashboard)]


def _present(item, comment, meeting_uid):
    """Present one selected item in the chosen meeting (the agenda builder's rules)."""
    present_in(item, meeting_uid)


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
        BatchAction("present", _("delib_table_present_in", default="Present in a meeting…"),
                    run=_present, permission=MANAGE, choices=_open_meetings,
                    choice_label=_("delib_table_present_meeting",
                                   default="The meeting whose agenda receives them"),
                    no_choice=_("delib_table_present_no_meeting",
                                default="No meeting takes items now: create the meeting, "
                                        "or wait for the next one.")),
    ],
    sort_options=[
        ("modified", _("delib_table_sort_modified", default="Last change")),
        ("delib_item_number", _("delib_table_sort_number", default="Number")),
        ("sortable_title", _("delib_table_sort_title", default="Title")),
        ("delib_meeting_date", _("delib_table_sort_meeting", default="Meeting date")),
    ],
    default_sort="modified(reverse)",
)
