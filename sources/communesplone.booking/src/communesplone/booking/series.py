"""Changing a recurring booking: cancel or move one occurrence, or all from one on.

A series stays one Booking; its changes are kept on it (``rules.CHANGES_ATTR``,
applied by ``Booking.occurrences``) so that its periods, mails, reminders and
quota always agree. Every change is all or nothing: the booking frees its
periods, takes the new ones through the same check as any booking
(``events.recheck``: rules on the moved periods, capacity, quota, and the
invariant), and a refusal rolls everything back to the savepoint taken first.

Who may: the requester cancels and moves (before the resource's deadline for
that occurrence); a manager cancels (with a reason) and moves.
"""

from communesplone.booking import _
from communesplone.booking.dates import title_text
from communesplone.booking import mails
from communesplone.booking.content.booking import MANAGE_BOOKINGS
from communesplone.booking.content.resource import site_timezone
from communesplone.booking.events import HOLDING_STATES
from communesplone.booking.events import reason_missing
from communesplone.booking.events import reason_required
from communesplone.booking.events import recheck
from communesplone.booking.occupancy import BookingError
from communesplone.booking.occupancy import BookingInvalid
from communesplone.booking.occupancy import BookingNotAllowed
from communesplone.booking.occupancy import release
from communesplone.booking.occupancy import reserve
from communesplone.booking.rules import CHANGES_ATTR
from communesplone.booking.rules import localize
from communesplone.core.system import with_manager_roles
from datetime import datetime
from plone import api
from zope.i18n import translate

import transaction

SCOPES = ("one", "following")


def _changes(booking):
    changes = dict(getattr(booking, CHANGES_ATTR, None) or {})
    changes["cancelled"] = tuple(changes.get("cancelled", ()))
    changes["moved"] = dict(changes.get("moved", {}))
    changes["shifts"] = tuple(changes.get("shifts", ()))
    return changes


def find_occurrence(booking, moment, tz=None):
    """``(index, start, end)`` of the occurrence starting at ``moment`` (ISO or aware)."""
    tz = tz or site_timezone()
    try:
        if isinstance(moment, str):
            moment = datetime.fromisoformat(moment.strip())
        moment = localize(moment, tz)
    except (ValueError, TypeError, AttributeError):
        moment = None
    for occurrence in booking.occurrences(tz):
        if moment is not None and occurrence[1] == moment:
            return occurrence
    raise BookingInvalid([("occurrence", _(
        "error_booking_no_occurrence", default="This booking has no occurrence starting then."))])


def _check_scope(scope):
    if scope not in SCOPES:
        raise BookingInvalid([("scope", _(
            "error_booking_scope", default="Choose this occurrence only, or this one and the "
            "following ones."))])


def _may_change(booking):
    if api.content.get_state(booking) not in HOLDING_STATES:
        raise BookingNotAllowed(_("booking_transition_not_allowed",
                                  default="This action is not possible now."))


def _describe(message):
    return translate(message, context=api.env.getRequest())


def cancel_occurrences(booking, moment, scope="one", comment="", requester=False):
    """Cancel the occurrence starting at ``moment`` (``scope="following"``: and the later ones).

    When nothing is left, the whole booking goes to ``cancelled``.
    ``requester=True``: the caller has proven to be the requester (the secret
    link of the mails); the deadline still applies.
    """
    _check_scope(scope)
    _may_change(booking)
    index, start, end = find_occurrence(booking, moment)
    if not api.user.has_permission(MANAGE_BOOKINGS, obj=booking):
        current = None if api.user.is_anonymous() else api.user.get_current().getId()
        if not requester and current not in booking.listCreators():
            raise BookingNotAllowed(_("error_booking_not_yours",
                                      default="You may not change this booking."))
        if not booking.may_cancel(at=start):
            raise BookingNotAllowed(_("booking_cancel_too_late",
                                      default="This booking can no longer be cancelled online; "
                                      "please contact the commune."))
    if reason_required(booking, "cancel") and not (comment or "").strip():
        raise reason_missing()
    savepoint = transaction.savepoint()
    try:
        previous = getattr(booking, CHANGES_ATTR, None)
        changes = _changes(booking)
        if scope == "following":
            cut = changes.get("cut")
            changes["cut"] = index if cut is None else min(cut, index)
        else:
            changes["cancelled"] = tuple(sorted(set(changes["cancelled"]) | {index}))
        resource = booking.resource()
        tz = site_timezone()
        setattr(booking, CHANGES_ATTR, changes)
        periods = booking.periods(tz)
        if not periods:  # nothing left: the whole booking is cancelled (and freed)
            setattr(booking, CHANGES_ATTR, previous)
            api.portal.get_tool("portal_workflow").doActionFor(booking, "cancel",
                                                               comment=comment)
            return booking
        release(resource, booking)
        reserve(resource, booking, periods, tz)
        booking.title = title_text(*periods[0])
    except BookingError:
        savepoint.rollback()
        raise
    period = mails.format_period(start, end)
    if scope == "following":
        description = _("booking_change_following_cancelled",
                        default="the occurrences from ${period} on are cancelled",
                        mapping={"period": period})
    else:
        description = _("booking_change_occurrence_cancelled",
                        default="the occurrence of ${period} is cancelled",
                        mapping={"period": period})
    mails.notify_changed(booking, _describe(description), comment)
    booking.reindexObject()
    return booking


def _is_single(booking):
    return getattr(booking, "repeat", None) in (None, "none")


def _check_mover(booking, start, requester):
    """``True`` for a manager; the requester until the deadline; anyone else is refused.

    The resource's cancellation deadline is the move deadline, counted from the
    occurrence being moved. ``requester=True``: proven by the secret link.
    """
    if api.user.has_permission("Modify portal content", obj=booking):
        return True
    current = None if api.user.is_anonymous() else api.user.get_current().getId()
    if not requester and current not in booking.listCreators():
        raise BookingNotAllowed(_("error_booking_not_yours",
                                  default="You may not change this booking."))
    if not booking.may_cancel(at=start):
        raise BookingNotAllowed(_("booking_move_too_late",
                                  default="This booking can no longer be moved online; "
                                  "please contact the commune."))
    return False


def _apply_move(booking, index, base_start, new_start, new_end, scope):
    """Record the move on the booking (not checked yet: see :func:`move_occurrences`)."""
    if _is_single(booking):  # a single booking simply gets its new period (and index)
        booking.start, booking.end = new_start, new_end
        return
    changes = _changes(booking)
    if scope == "following":
        # the shift applies to the original series (rules.apply_changes), in wall time
        shift = (new_start.replace(tzinfo=None)
                 - base_start.replace(tzinfo=None)).total_seconds()
        duration = (new_end - new_start).total_seconds()
        changes["shifts"] = tuple(item for item in changes["shifts"] if item[0] < index) + (
            (index, int(shift), int(duration)),)
        changes["moved"] = {key: value for key, value in changes["moved"].items()
                            if key < index}
    else:
        changes["moved"][index] = (new_start.isoformat(), new_end.isoformat())
    setattr(booking, CHANGES_ATTR, changes)


def _back_to_pending(booking):
    """A confirmed booking moved by its requester waits for a decision again.

    Only where the resource needs approval. The transition needs the managers'
    permission (nobody triggers it by hand); the history records the requester.
    """
    if not getattr(booking.resource(), "needs_approval", True):
        return False
    if api.content.get_state(booking) != "confirmed":
        return False
    with with_manager_roles():
        api.portal.get_tool("portal_workflow").doActionFor(
            booking, "resubmit", comment="Moved by the requester")
    return True


def move_occurrences(booking, moment, new_start, new_end, scope="one", comment="",
                     requester=False):
    """Move the occurrence starting at ``moment`` to ``[new_start, new_end)``.

    Managers move at any time. The requester (the booking's creator, or
    ``requester=True`` when the secret link proved it) moves until the
    resource's cancellation deadline; a confirmed booking on a resource that
    needs approval then goes back to ``pending`` and the managers are told as
    for a new request. A single booking gets its new start and end; for a
    series ``scope="following"`` moves every later occurrence by the same
    shift (in wall time: a series stays at the same hour across daylight
    saving) with the same duration. All or nothing: the move is checked like
    an edit (``events.recheck``) and a refusal changes nothing.
    """
    _check_scope(scope)
    _may_change(booking)
    index, start, end = find_occurrence(booking, moment)
    manager = _check_mover(booking, start, requester)
    tz = site_timezone()
    base_start = {i: s for i, s, _e in booking.base_occurrences(tz)}[index]
    try:
        new_start, new_end = localize(new_start, tz), localize(new_end, tz)
    except (TypeError, ValueError, AttributeError):
        raise BookingInvalid([("start", _("error_booking_time", default="Choose a time."))]
                             ) from None
    if new_end <= new_start:
        raise BookingInvalid([("end", _("error_end_before_start",
                                         default="The end must be after the start."))])
    savepoint = transaction.savepoint()
    try:
        _apply_move(booking, index, base_start, new_start, new_end, scope)
        # the requester was allowed to book it: who may book is not asked again
        recheck(booking.resource(), booking, tz, audience=manager)
        pending_again = not manager and _back_to_pending(booking)
    except BookingError:
        savepoint.rollback()
        raise
    mapping = {"period": mails.format_period(start, end),
               "new": mails.format_period(new_start, new_end)}
    if _is_single(booking):
        description = _("booking_change_moved", default="moved from ${period} to ${new}",
                        mapping=mapping)
    elif scope == "following":
        description = _("booking_change_following_moved",
                        default="the occurrences from ${period} on are moved (the first one "
                        "to ${new})", mapping=mapping)
    else:
        description = _("booking_change_occurrence_moved",
                        default="the occurrence of ${period} is moved to ${new}",
                        mapping=mapping)
    if manager:
        mails.notify_changed(booking, _describe(description), comment)
    else:
        mails.notify_moved(booking, _describe(description), pending_again, comment)
    booking.reindexObject()
    return booking
