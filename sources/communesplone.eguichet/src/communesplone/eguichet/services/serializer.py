"""The answer to an anonymous ``POST`` of an order: its reference and tracking link.

An anonymous applicant cannot view the order they just made (nobody but its
applicant's account and its service can): the standard serialization would be
empty. For the request that made it, and only that one, the answer carries
what they need: reference, total, payment data and the tracking link.
"""

from communesplone.eguichet.content.order import IDocumentOrder
from communesplone.eguichet.tracking import tracking_url
from plone.restapi.interfaces import ISerializeToJson
from plone.restapi.serializer.dxcontent import SerializeToJson
from zope.component import adapter
from zope.interface import implementer
from zope.publisher.interfaces import IRequest

CREATED_KEY = "communesplone.eguichet.created"


@implementer(ISerializeToJson)
@adapter(IDocumentOrder, IRequest)
class OrderSerializer(SerializeToJson):
    def __call__(self, *args, **kwargs):
        result = super().__call__(*args, **kwargs)
        order = self.context
        if self.request.other.get(CREATED_KEY) == order.UID() and getattr(
            order, "_tracking_token", None
        ):
            result.update({
                "reference": order.reference,
                "total": order.total,
                "payment_status": {"token": order.payment_status},
                "structured_communication": order.structured_communication,
                "tracking_url": tracking_url(order),
            })
        return result
