"""Event subscribers: every way of creating a booking goes through :func:`booking_added`.

The browser forms, ``POST <resource>`` through plone.restapi and
``api.content.create`` all fire ``IObjectAddedEvent``: the check and the
reservation happen here, at the data layer. A refusal raises a
:class:`~communesplone.booking.occupancy.BookingError`, which aborts the
transaction (nothing is saved) and is rendered by an exception view (409, 400
or 403 JSON for REST, a page in the browser).
"""

from Acquisition import aq_base
from Acquisition import aq_inner
from Acquisition import aq_parent
from communesplone.booking import _
from communesplone.booking.dates import title_text
from communesplone.booking import logger
from communesplone.booking import mails
from communesplone.booking.content.booking import MANAGE_BOOKINGS
from communesplone.booking.content.resource import IResource
from communesplone.booking.content.resource import site_timezone
from communesplone.booking.occupancy import BookingInvalid
from communesplone.booking.occupancy import BookingNotAllowed
from communesplone.booking.occupancy import HELD_ATTR
from communesplone.booking.occupancy import release
from communesplone.booking.occupancy import reserve
from communesplone.booking.occupancy import to_key
from communesplone.booking.occupancy import tree_of
from communesplone.booking.quotas import check_quota
from communesplone.booking.quotas import person_key
from communesplone.booking.occupancy import version_of
from communesplone.booking.rules import check_booking
from communesplone.booking.rules import localize
from communesplone.core.assurance import get_assurance
from communesplone.core.assurance import level_at_least
from communesplone.core.languages import remember_language
from communesplone.core.validation import make_structured_communication
from datetime import datetime
from zope.container.interfaces import IContainerModifiedEvent
from communesplone.booking.content.booking import IBooking
from communesplone.core import limits
from communesplone.core.textlimits import object_text_errors
from communesplone.booking.dashboard import DASHBOARD_ID
from communesplone.core.system import with_manager_roles
from plone import api
from zope.globalrequest import getRequest

import math
import secrets

HOLDING_STATES = ("pending", "confirmed")
MANAGER_ROLES = ("Reviewer", "Editor")
BOOKER_ROLES = ("Anonymous", "Authenticated", "Member", "Manager", "Site Administrator",
                "Owner", "Contributor", "Editor", "Reviewer")


# --- who may book ----------------------------------------------------------


def booking_refusal(resource, request=None):
    """Why the current person may not book ``resource``, or None when they may."""
    if api.user.has_permission(MANAGE_BOOKINGS, obj=resource):
        return None
    audience = getattr(resource, "audience", "members") or "members"
    if audience == "anonymous":
        return None
    if api.user.is_anonymous():
        return _("error_booking_login_required",
                 default="Please log in to book this resource.")
    if audience == "members":
        return None
    if audience == "certified":
        record = get_assurance(request or getRequest())
        if level_at_least(record.level, "substantial"):
            return None
        return _("error_booking_certified_required",
                 default="Only citizens with a certified identity (eID, itsme) may book "
                 "this resource.")
    user = api.user.get_current()
    groups = {group.getId() for group in api.group.get_groups(user=user)}
    if groups & set(getattr(resource, "allowed_groups", None) or ()):
        return None
    return _("error_booking_group_required",
             default="This resource is reserved for some groups; you may not book it.")


# --- bookings --------------------------------------------------------------


def _resource_of(booking, event=None):
    parent = getattr(event, "newParent", None) if event is not None else None
    parent = parent if parent is not None else booking.resource()
    return parent if IResource.providedBy(parent) else None


def normalise(booking, tz):
    """Timezone-aware start and end in the site's timezone (naive ones are wall time)."""
    booking.start = localize(booking.start, tz)
    booking.end = localize(booking.end, tz)


def validate(resource, booking, now=None, periods=None, audience=True):
    """Raise BookingNotAllowed / BookingInvalid when the booking breaks a rule.

    ``periods``: the periods to check against the time rules (hours, duration,
    alignment, horizon, past); by default all of them. Capacity and quota are
    always checked, on every period the booking would hold. ``audience=False``:
    who may book is not asked (the requester moving a booking they hold).
    """
    refusal = booking_refusal(resource) if audience else None
    if refusal is not None:
        raise BookingNotAllowed(refusal)
    if booking.start is None or booking.end is None:
        raise BookingInvalid([("start", _("error_booking_no_period", default="Choose a period."))])
    texts = object_text_errors(booking, IBooking)  # the page's form does not validate
    if texts:
        raise BookingInvalid(texts)
    rules = resource.rules()
    now = now or datetime.now(rules.tz)
    every = booking.periods(rules.tz)
    if not every:
        raise BookingInvalid([("start", _("error_booking_no_period", default="Choose a period."))])
    errors = check_booking(rules, periods or every, booking.attendees, now)
    if periods is not None and not periods:  # no period changed: only the people count
        errors = [error for error in errors if error[0] in ("attendees", "repeat")]
    if not errors:
        errors = check_quota(resource, booking, api.content.get_uuid(booking), every, rules.tz)
    if errors:
        raise BookingInvalid(errors)


def _payment(resource, booking):
    price = getattr(resource, "price", None)
    if not price or getattr(resource, "payment", "informative") != "transfer":
        return ""
    total_minutes = sum((end - start).total_seconds() / 60 for start, end in booking.periods())
    if getattr(resource, "price_unit", "slot") == "day":
        units = sum(
            (end.date() - start.date()).days + 1 for start, end in booking.periods()
        )
    else:
        units = math.ceil(total_minutes / (resource.slot_minutes or 30))
    amount = round(price * units, 2)
    number = int(booking.UID(), 16) % 10**10
    booking.payment_amount = amount
    booking.payment_communication = make_structured_communication(number)
    return f"{amount:.2f} EUR — {booking.payment_communication}"


#: the history comment of a booking confirmed at once (the booking page translates it)
AUTO_CONFIRM_COMMENT = "Confirmed at once (no approval needed)"


#: On a Booking: who it counts for among the pending bookings (core ``limits``).
LIMIT_KEYS_ATTR = "_limit_keys"


def hold_pending(resource, booking):
    """Count the booking among its requester's pending ones; 429 over the site's limit.

    The requester is its e-mail address, the member who books and, on a
    resource that asks for a certified identity, that identity (its keyed hash,
    :func:`~communesplone.booking.quotas.person_key`). A manager booking for
    someone counts for nobody, as for quotas.
    """
    if booking._quota_key is None:
        return
    member = None if api.user.is_anonymous() else api.user.get_current().getId()
    identity = booking._quota_key if booking._quota_key.startswith("id:") else None
    keys = limits.requester_keys(booking.requester_email, identity=identity, member=member)
    limits.hold(api.content.get_uuid(booking), api.content.get_uuid(resource), keys)
    booking._limit_keys = tuple(keys)


def booking_added(booking, event):
    """Check and hold the booking's periods; confirm at once when no approval is needed."""
    resource = _resource_of(booking, event)
    if resource is None:
        return
    tz = site_timezone()
    normalise(booking, tz)
    if getattr(booking, "repeat", None) in (None, "none"):
        booking.repeat = "none"
    if api.user.is_anonymous() is False and not booking.requester_email:
        booking.requester_email = api.user.get_current().getProperty("email")
    booking._quota_key = person_key(resource, booking.requester_email)
    booking._access_token = secrets.token_urlsafe(32)
    remember_language(booking)  # its mails speak the requester's language
    validate(resource, booking)
    hold_pending(resource, booking)
    periods = booking.periods(tz)
    reserve(resource, booking, periods, tz)
    first_start, first_end = periods[0]
    booking.title = title_text(first_start, first_end)
    booking.payment_text = _payment(resource, booking)
    if getattr(resource, "needs_approval", True):
        mails.notify_received(booking)
    else:
        with with_manager_roles():
            api.content.transition(obj=booking, transition="confirm",
                                   comment=AUTO_CONFIRM_COMMENT)
    booking.reindexObject()


def changed_periods(resource, booking, periods):
    """The periods of ``periods`` that ``booking`` does not already hold as they are."""
    tree = tree_of(resource)
    held = {(key, tree[key][0]) for key in getattr(booking, HELD_ATTR, ()) if key in tree}
    return [(start, end) for start, end in periods if (to_key(start), to_key(end)) not in held]


def recheck(resource, booking, tz, audience=True):
    """Check every rule again for a changed booking, then hold its new periods.

    Periods it already holds unchanged are not checked against the time rules
    again (a past occurrence of a series stays valid); new or moved ones are,
    and capacity, quota and the invariant apply to all. All or nothing: a
    refusal raises before anything is freed.
    """
    periods = booking.periods(tz)
    if periods and any(end <= start for start, end in periods):
        raise BookingInvalid([("end", _("error_end_before_start",
                                         default="The end must be after the start."))])
    validate(resource, booking, periods=changed_periods(resource, booking, periods),
             audience=audience)
    release(resource, booking)
    reserve(resource, booking, periods, tz)
    booking.title = title_text(*periods[0])


def booking_modified(booking, event):
    """An edited booking (form, PATCH, code) is checked against every rule again."""
    resource = _resource_of(booking)
    if resource is None or not getattr(booking, HELD_ATTR, ()):
        return
    tz = site_timezone()
    normalise(booking, tz)
    recheck(resource, booking, tz)


def reason_required(booking, transition):
    """Whether ``transition`` needs a reason: a refusal, or a cancellation by a manager.

    The requester cancelling their own booking needs none; a manager's reason
    is mailed to the requester.
    """
    if transition == "refuse":
        return True
    if transition != "cancel":
        return False
    if not api.user.has_permission(MANAGE_BOOKINGS, obj=booking):
        return False
    current = None if api.user.is_anonymous() else api.user.get_current().getId()
    return current not in booking.listCreators()


def reason_missing():
    return BookingInvalid([("comment", _(
        "booking_reason_required", default="Give the reason: it is sent to the requester."))])


def booking_transitioning(booking, event):
    """Refuse (and a manager's cancel) without a reason are refused, by every client."""
    transition = getattr(event, "transition", None)
    if transition is None:
        return
    if reason_required(booking, transition.id) and not _comment(event).strip():
        raise reason_missing()


def _comment(event):
    kwargs = getattr(event, "kwargs", None) or {}
    return kwargs.get("comment") or ""


def booking_transitioned(booking, event):
    """Free the slot on refuse/cancel; send the mail each transition calls for."""
    transition = getattr(event, "transition", None)
    if transition is None:
        return
    resource = _resource_of(booking)
    if event.new_state.id not in HOLDING_STATES and resource is not None:
        release(resource, booking)
    if event.new_state.id != "pending":
        limits.release(api.content.get_uuid(booking), getattr(booking, LIMIT_KEYS_ATTR, ()))
    if transition.id == "confirm":
        mails.notify_confirmed(booking)
    elif transition.id == "refuse":
        mails.notify_refused(booking, _comment(event))
    elif transition.id == "cancel":
        mails.notify_cancelled(booking, _comment(event))
    logger.info("Booking %s: %s", booking.absolute_url(1), transition.id)


def booking_removed(booking, event):
    """A deleted booking frees its slot (and its requester's count of pending bookings)."""
    if getattr(booking, LIMIT_KEYS_ATTR, ()):
        limits.release(api.content.get_uuid(booking), getattr(booking, LIMIT_KEYS_ATTR, ()))
    parent = event.oldParent
    if parent is None or not IResource.providedBy(parent) or not getattr(booking, HELD_ATTR, ()):
        return
    release(parent, booking)


# --- resources -------------------------------------------------------------


def resource_changed(resource, event):
    """Grant the manager group its local roles; let every visitor reach the booking form.

    A booking added to or removed from the resource notifies it as modified
    too (``IContainerModifiedEvent``): its settings did not change then, and
    rewriting its roles and reindexing the security of every booking it holds
    made each new booking cost more than the last and collide with every
    other booking of the resource on the resource object itself.
    """
    if IContainerModifiedEvent.providedBy(event):
        return
    previous = getattr(resource, "_booking_manager_group", None)
    group = getattr(resource, "manager_group", None)
    if previous and previous != group:
        resource.manage_delLocalRoles([previous])
    if group:
        resource.manage_setLocalRoles(group, list(MANAGER_ROLES))
    resource._booking_manager_group = group
    _open_dashboard_to(resource, group)
    # Who may book is decided per resource (its audience); the add permission
    # only lets the request reach that check. Only Bookings may be added here.
    resource.manage_permission("Add portal content", list(BOOKER_ROLES), acquire=True)
    if not getattr(resource, "ical_token", None):
        resource.ical_token = secrets.token_urlsafe(24)
    tree_of(resource)
    version_of(resource)
    resource.reindexObjectSecurity()


def _open_dashboard_to(resource, group):
    """The manager group of a resource may open its folder's faceted dashboard."""

    folder = aq_parent(aq_inner(resource))
    dashboard = getattr(aq_base(folder), DASHBOARD_ID, None) if folder is not None else None
    if group and dashboard is not None and getattr(dashboard, "portal_type", "") == "Dashboard":
        dashboard = folder[DASHBOARD_ID]
        if "Reader" not in dict(dashboard.get_local_roles()).get(group, ()):
            dashboard.manage_setLocalRoles(group, ["Reader"])
            dashboard.reindexObjectSecurity()


def resource_copied(resource, event):
    """A copy starts with its own empty occupancy (the copied bookings are not carried)."""
    base = aq_base(resource)
    base._p_activate()
    for attribute in ("_booking_occupancy", "_booking_occupancy_version", "ical_token"):
        base.__dict__.pop(attribute, None)
    resource._p_changed = True
