"""Meeting: one session of an Assembly, with its attendance and its agenda.

A Meeting lives inside its Assembly. Its agenda is not made of children: the
items stay in the assembly's pool and reference the meeting by UID (see
``communesplone.deliberations.agenda``). Field ids used by clients: ``date``,
``assembly`` (the UID of the assembly, read-only), ``place``.
"""

from Acquisition import aq_inner
from Acquisition import aq_parent
from communesplone.core.languages import default_language
from communesplone.deliberations.language import meeting_title
from communesplone.deliberations import _
from plone.autoform import directives
from plone.dexterity.content import Item
from plone.schema import JSONField
from plone.supermodel import model
from zope import schema
from zope.interface import implementer

import json

MANAGE = "communesplone.deliberations.ManageMeetings"

ATTENDANCE_SCHEMA = json.dumps({
    "type": "array",
    "items": {
        "type": "object",
        "required": ["member", "status"],
        "additionalProperties": False,
        "properties": {
            "member": {"type": "string"},
            "status": {"type": "string", "enum": ["present", "excused", "absent"]},
            "left_at_item": {"type": ["integer", "null"], "minimum": 1},
            "joined_at_item": {"type": ["integer", "null"], "minimum": 1},
        },
    },
})


class IMeeting(model.Schema):
    """A session of an assembly."""

    title = schema.TextLine(title=_("label_meeting_title", default="Title"), required=False)
    date = schema.Datetime(title=_("label_meeting_date", default="Date and time"), required=True)
    assembly = schema.TextLine(
        title=_("label_meeting_assembly", default="Assembly"),
        readonly=True, required=False,
    )
    place = schema.TextLine(title=_("label_meeting_place", default="Place"), required=False,
                            default="", missing_value="")
    kind = schema.Choice(
        title=_("label_meeting_kind", default="Kind"),
        vocabulary="communesplone.deliberations.MeetingKinds",
        default="ordinary",
    )
    attendance = JSONField(
        title=_("label_meeting_attendance", default="Attendance"),
        description=_("help_meeting_attendance",
                      default="Per member: member (id), status (present, excused, absent), "
                              "left_at_item (number of the item during which the member left)."),
        schema=ATTENDANCE_SCHEMA,
        default=[],
        required=False,
    )
    presiding = schema.TextLine(title=_("label_meeting_presiding", default="Presides (member id)"),
                                required=False)
    signing = schema.TextLine(title=_("label_meeting_signing", default="Signs (member id)"),
                              required=False)
    urgent = schema.Bool(title=_("label_meeting_urgent", default="Urgent convocation"),
                         required=False, default=False)
    urgency_justification = schema.Text(
        title=_("label_meeting_urgency_justification", default="Justification of the urgency"),
        required=False, default="", missing_value="",
    )
    directives.read_permission(pre_meeting_notes=MANAGE)
    directives.write_permission(pre_meeting_notes=MANAGE)
    pre_meeting_notes = schema.Text(
        title=_("label_meeting_pre_meeting_notes", default="Pre-meeting notes (staff only)"),
        required=False, default="", missing_value="",
    )


@implementer(IMeeting)
class Meeting(Item):
    """A meeting; see ``agenda.agenda_of`` for its items."""

    #: the UID of the containing assembly, set when the meeting is added
    assembly = None

    def get_assembly(self):
        return aq_parent(aq_inner(self))

    def Title(self):
        """ "Conseil communal, mardi 22 décembre 2026" in the site's language (the
        catalog's); pages name it in their reader's (``language.meeting_title``)."""
        return meeting_title(self, default_language())

    def attendance_map(self):
        """``{member id: attendance entry}``."""
        return {a["member"]: a for a in (self.attendance or [])}
