"""The attendance of a meeting, as the browser form saves it.

The REST API writes ``Meeting.attendance`` through plone.restapi, which
validates it with the field's JSON schema; the form builds the same entries
from its fields and validates them with the same field, so both channels keep
the same rules (plus: a number of item must be a whole number, a member who
arrived or left during an item must have been present, and cannot leave
before arriving).
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


def _item_number(text, field, errors):
    """The whole number ``text`` (from 1), ``None`` when empty; an error noted otherwise."""
    if not text:
        return None
    if not text.isdigit() or int(text) < 1:
        errors.append((field, _("error_attendance_left",
                                default="The number of the item must be a whole number from 1.")))
        return False
    return int(text)


def _entry(member, row, errors):
    """One attendance entry from the form's ``row`` (``status``, ``joined_at_item``,
    ``left_at_item``)."""
    status = row.get("status") or ""
    if not status:
        return None
    if status not in STATUSES:
        errors.append((f"status-{member}", _("error_attendance_status",
                                              default="Choose present, excused or absent.")))
        return None
    entry = {"member": member, "status": status}
    numbers = {}
    for key, field in (("joined_at_item", f"joined-{member}"), ("left_at_item", f"left-{member}")):
        number = _item_number(row.get(key) or "", field, errors)
        if number is False:
            return None
        if number is not None and status != "present":
            errors.append((field, _(
                "error_attendance_during_not_present",
                default="Only a member present can arrive or leave during an item.")))
            return None
        if number is not None:
            numbers[key] = number
    joined, left = numbers.get("joined_at_item"), numbers.get("left_at_item")
    if joined is not None and left is not None and left < joined:
        errors.append((f"left-{member}", _(
            "error_attendance_left_before_joined",
            default="A member cannot leave before the item they arrived at.")))
        return None
    entry.update(numbers)
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
    field = IMeeting["attendance"].bind(meeting)
    try:
        field.validate(entries)
    except ValidationError as error:
        raise AttendanceError([("attendance", error.doc())]) from None
    meeting.attendance = entries
    modified(meeting)
    return entries
