"""The attendance of a meeting, as the browser form saves it.

The REST API writes ``Meeting.attendance`` through plone.restapi, which
validates it with the field's JSON schema; the form builds the same entries
from its fields and validates them with the same field, so both channels keep
the same rules (plus: a number of item must be a whole number, a member who
left must have been present).
"""

from communesplone.deliberations import _
from communesplone.deliberations.content.meeting import IMeeting
from zope.lifecycleevent import modified
from zope.schema.interfaces import ValidationError

STATUSES = ("present", "excused", "absent")


class AttendanceError(ValueError):
    """``errors``: ``[(field id, translatable message)]``."""

    def __init__(self, errors):
        super().__init__(errors)
        self.errors = errors


def _entry(member, row, errors):
    """One attendance entry from the form's ``row`` (``status``, ``left_at_item``)."""
    status = row.get("status") or ""
    if not status:
        return None
    if status not in STATUSES:
        errors.append((f"status-{member}", _("error_attendance_status",
                                              default="Choose present, excused or absent.")))
        return None
    entry = {"member": member, "status": status}
    left = row.get("left_at_item") or ""
    if left:
        if not left.isdigit() or int(left) < 1:
            errors.append((f"left-{member}", _(
                "error_attendance_left",
                default="The number of the item must be a whole number from 1.")))
            return None
        if status != "present":
            errors.append((f"left-{member}", _(
                "error_attendance_left_not_present",
                default="Only a member present can leave during an item.")))
            return None
        entry["left_at_item"] = int(left)
    return entry


def save_attendance(meeting, rows):
    """Validate ``{member id: row}`` and store it; raise :class:`AttendanceError`."""
    errors = []
    known = {m["id"] for m in meeting.get_assembly().members or []}
    entries = []
    for member, row in rows.items():
        if member not in known:
            errors.append((f"status-{member}", _("error_assembly_unknown_member",
                                                  default="${member} is not a member of this "
                                                          "assembly.",
                                                  mapping={"member": member})))
            continue
        entry = _entry(member, row, errors)
        if entry is not None:
            entries.append(entry)
    if errors:
        raise AttendanceError(errors)
    # Keep what the REST API set and the form does not show (joined_at_item).
    previous = meeting.attendance_map()
    for entry in entries:
        joined = previous.get(entry["member"], {}).get("joined_at_item")
        if joined is not None and entry["status"] == "present":
            entry["joined_at_item"] = joined
    field = IMeeting["attendance"].bind(meeting)
    try:
        field.validate(entries)
    except ValidationError as error:
        raise AttendanceError([("attendance", error.doc())]) from None
    meeting.attendance = entries
    modified(meeting)
    return entries
