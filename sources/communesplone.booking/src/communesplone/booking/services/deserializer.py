"""REST deserialization of a Booking: local times and the conventions' error format."""

from communesplone.booking.content.booking import IBooking
from communesplone.core.deserializer import FieldErrorsDeserializer
from communesplone.booking.content.resource import site_timezone
from communesplone.booking.availability import parse_moment
from communesplone.booking.occupancy import BookingInvalid
from plone.restapi.deserializer.dxfields import DefaultFieldDeserializer
from plone.restapi.interfaces import IDeserializeFromJson
from plone.restapi.interfaces import IFieldDeserializer
from zope.component import adapter
from zope.interface import implementer
from zope.publisher.interfaces.browser import IBrowserRequest
from zope.schema.interfaces import IDatetime


@implementer(IFieldDeserializer)
@adapter(IDatetime, IBooking, IBrowserRequest)
class BookingDatetimeDeserializer(DefaultFieldDeserializer):
    """ISO 8601; an offset is kept, a time without one is the site's wall time."""

    def __call__(self, value):
        if value is None:
            self.field.validate(value)
            return None
        if not isinstance(value, str):
            raise ValueError("Invalid date")
        try:
            moment = parse_moment(value, site_timezone())
        except (ValueError, OverflowError):
            raise ValueError("Invalid date") from None
        self.field.validate(moment)
        return moment


@implementer(IDeserializeFromJson)
@adapter(IBooking, IBrowserRequest)
class BookingDeserializer(FieldErrorsDeserializer):
    """Field errors become :class:`BookingInvalid` (400 ``ValidationError``)."""

    invalid = BookingInvalid
    limit_texts = True
