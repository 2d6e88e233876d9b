"""Resource: something a commune lends (a room, a hall, a van), and its booking rules."""

from communesplone.booking import _
from communesplone.booking.rules import DEFAULT_TIMEZONE
from communesplone.booking.rules import Rules
from communesplone.booking.closures import closure_list
from communesplone.core.calendar import WEEKDAYS
from communesplone.booking.rules import parse_closure
from communesplone.booking.closures import InvalidClosure  # noqa: F401 - its old home
from communesplone.booking.rules import parse_hours
from communesplone.booking.vocabularies import AUDIENCES
from communesplone.booking.vocabularies import KINDS
from communesplone.booking.vocabularies import PAYMENTS
from communesplone.booking.vocabularies import PRICE_UNITS
from communesplone.booking.vocabularies import QUOTA_PERIODS
from communesplone.core.containers import HoldsRequests
from communesplone.core.dates import site_timezone as core_site_timezone
from communesplone.core.interfaces import IHoldsRequests
from communesplone.core.rows import BlockRowsWidgetFactory
from plone.autoform import directives
from plone.supermodel import model
from zope import schema
from zope.interface import implementer
from zope.schema import ValidationError

import pytz

DEFAULT_MANAGER_GROUP = "communesplone-facilities"


class InvalidHours(ValidationError):
    __doc__ = _(
        "error_invalid_hours",
        default="Write the opening hours as 08:00-12:00, 13:00-22:00 (empty when closed).",
    )


def hours_constraint(value):
    try:
        parse_hours(value)
    except ValueError:
        raise InvalidHours(value) from None
    return True


def _hours_field(day, title, default):
    return schema.TextLine(
        title=title,
        required=False,
        default=default,
        missing_value="",
        constraint=hours_constraint,
    )


class IResource(model.Schema):
    """A bookable resource. Field ids are part of the API (``capacity``,
    ``slot_minutes``, ``needs_approval``, ...)."""

    kind = schema.Choice(
        title=_("label_resource_kind", default="Kind"),
        vocabulary=KINDS,
        required=True,
        default="room",
    )
    capacity = schema.Int(
        title=_("label_resource_capacity", default="Capacity (people)"),
        description=_("help_resource_capacity", default="Empty when it does not apply."),
        required=False,
        min=1,
    )
    location = schema.Text(
        title=_("label_resource_location", default="Address"),
        required=False,
        default="",
        missing_value="",
    )
    part_of = schema.List(
        title=_("label_resource_part_of", default="Part of"),
        description=_(
            "help_resource_part_of",
            default="A booking of this resource blocks the resources it is part of, "
            "and the other way round (e.g. one half of the sports hall and the whole hall).",
        ),
        value_type=schema.Choice(vocabulary="communesplone.booking.Resources"),
        required=False,
        default=[],
        missing_value=[],
    )

    model.fieldset(
        "hours",
        label=_("fieldset_opening_hours", default="Opening hours"),
        fields=[f"hours_{day}" for day in WEEKDAYS] + ["closures", "closed_on_holidays"],
    )
    hours_monday = _hours_field(
        "monday", _("label_hours_monday", default="Monday"), "08:00-22:00")
    hours_tuesday = _hours_field(
        "tuesday", _("label_hours_tuesday", default="Tuesday"), "08:00-22:00")
    hours_wednesday = _hours_field(
        "wednesday", _("label_hours_wednesday", default="Wednesday"), "08:00-22:00")
    hours_thursday = _hours_field(
        "thursday", _("label_hours_thursday", default="Thursday"), "08:00-22:00")
    hours_friday = _hours_field("friday", _("label_hours_friday", default="Friday"), "08:00-22:00")
    hours_saturday = _hours_field(
        "saturday", _("label_hours_saturday", default="Saturday"), "08:00-22:00")
    hours_sunday = _hours_field("sunday", _("label_hours_sunday", default="Sunday"), "")
    directives.widget("closures", BlockRowsWidgetFactory)
    closures = closure_list(
        title=_("label_resource_closures", default="Exceptional closures"),
        description=_(
            "help_resource_closures_rows",
            default="One line a closure: its first day and, when it lasts several days, "
            "its last day.",
        ),
        required=False,
        default=[],
        missing_value=[],
    )
    closed_on_holidays = schema.Bool(
        title=_("label_resource_closed_on_holidays", default="Closed on Belgian public holidays"),
        required=False,
        default=True,
    )

    model.fieldset(
        "rules",
        label=_("fieldset_booking_rules", default="Booking rules"),
        fields=[
            "slot_minutes", "min_minutes", "max_minutes", "horizon_days", "cancel_hours",
            "needs_approval", "audience", "allowed_groups", "manager_group",
            "quota_hours", "quota_period",
        ],
    )
    slot_minutes = schema.Int(
        title=_("label_resource_slot_minutes", default="Slot (minutes)"),
        description=_("help_resource_slot_minutes",
                      default="Bookings start and end on a multiple of it."),
        required=True,
        default=30,
        min=5,
        max=24 * 60,
    )
    min_minutes = schema.Int(
        title=_("label_resource_min_minutes", default="Shortest booking (minutes)"),
        required=True,
        default=30,
        min=1,
    )
    max_minutes = schema.Int(
        title=_("label_resource_max_minutes", default="Longest booking (minutes)"),
        required=True,
        default=8 * 60,
        min=1,
    )
    horizon_days = schema.Int(
        title=_("label_resource_horizon_days", default="How far ahead one may book (days)"),
        required=True,
        default=90,
        min=1,
    )
    cancel_hours = schema.Int(
        title=_("label_resource_cancel_hours",
                default="How late the requester may cancel (hours before the start)"),
        required=True,
        default=24,
        min=0,
    )
    needs_approval = schema.Bool(
        title=_("label_resource_needs_approval", default="Bookings need approval"),
        description=_("help_resource_needs_approval",
                      default="Otherwise a booking is confirmed at once."),
        required=False,
        default=True,
    )
    audience = schema.Choice(
        title=_("label_resource_audience", default="Who may book"),
        vocabulary=AUDIENCES,
        required=True,
        default="members",
    )
    allowed_groups = schema.List(
        title=_("label_resource_allowed_groups", default="Groups that may book"),
        description=_("help_resource_allowed_groups",
                      default="When only the members of given groups may book."),
        value_type=schema.Choice(vocabulary="communesplone.booking.Groups"),
        required=False,
        default=[],
        missing_value=[],
    )
    manager_group = schema.TextLine(
        title=_("label_resource_manager_group", default="Group managing the bookings"),
        description=_("help_resource_manager_group",
                      default="Notified of every request; approves and refuses bookings."),
        required=True,
        default=DEFAULT_MANAGER_GROUP,
    )

    quota_hours = schema.Int(
        title=_("label_resource_quota_hours", default="Quota (hours per person)"),
        description=_(
            "help_resource_quota_hours",
            default="At most this many hours per person and period (empty: no quota). "
            "On a resource for certified citizens, a person is their certified identity, "
            "whatever account or e-mail address they use.",
        ),
        required=False,
        min=1,
    )
    quota_period = schema.Choice(
        title=_("label_resource_quota_period", default="Quota period"),
        vocabulary=QUOTA_PERIODS,
        required=True,
        default="month",
    )

    model.fieldset(
        "price",
        label=_("fieldset_price", default="Price"),
        fields=["price", "price_unit", "payment"],
    )
    price = schema.Float(
        title=_("label_resource_price", default="Price (EUR)"),
        required=False,
        min=0.0,
    )
    price_unit = schema.Choice(
        title=_("label_resource_price_unit", default="Price unit"),
        vocabulary=PRICE_UNITS,
        required=True,
        default="slot",
    )
    payment = schema.Choice(
        title=_("label_resource_payment", default="Payment"),
        vocabulary=PAYMENTS,
        required=True,
        default="informative",
    )


def site_timezone():
    """The site's timezone as booking's pytz zone (its rules use ``localize``/``normalize``).

    The name is core's reading of plone.app.event's setting
    (:func:`communesplone.core.dates.site_timezone`).
    """
    try:
        return pytz.timezone(core_site_timezone())
    except pytz.UnknownTimeZoneError:
        return pytz.timezone(DEFAULT_TIMEZONE)


@implementer(IResource, IHoldsRequests)
class Resource(HoldsRequests):
    """A bookable resource; holds its Bookings and their occupancy index."""

    def rules(self):
        """The :class:`~communesplone.booking.rules.Rules` of this resource."""
        hours = {}
        for index, day in enumerate(WEEKDAYS):
            try:
                hours[index] = parse_hours(getattr(self, f"hours_{day}", "") or "")
            except ValueError:
                hours[index] = ()
        closures = []
        for line in getattr(self, "closures", None) or ():
            try:
                closures.append(parse_closure(line))
            except ValueError:
                continue
        return Rules(
            hours=hours,
            closures=tuple(closures),
            closed_on_holidays=bool(getattr(self, "closed_on_holidays", True)),
            slot_minutes=self.slot_minutes or 30,
            min_minutes=self.min_minutes or 1,
            max_minutes=self.max_minutes or 24 * 60,
            horizon_days=self.horizon_days or 90,
            capacity=self.capacity,
            tz=site_timezone(),
        )
