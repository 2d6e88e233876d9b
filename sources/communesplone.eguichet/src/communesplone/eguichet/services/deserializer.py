"""REST deserialization of a DocumentOrder: server fields refused, conventions' errors.

A client may not set what the server computes (reference, prices, payment
status, state, ...): sending one of those answers 400 naming the field,
rather than being ignored silently, so that a client relying on it learns
at once. Field errors become :class:`OrderInvalid` (400 ``ValidationError``).
"""

from communesplone.core.deserializer import FieldErrorsDeserializer
from communesplone.eguichet import _
from communesplone.eguichet.content.order import IDocumentOrder
from communesplone.eguichet.content.order import SERVER_FIELDS
from communesplone.eguichet.errors import OrderInvalid
from communesplone.core.jsonbody import read_json_body
from plone.restapi.interfaces import IDeserializeFromJson
from zope.component import adapter
from zope.interface import implementer
from zope.publisher.interfaces.browser import IBrowserRequest

MSG_SERVER_FIELD = _("eguichet_error_server_field",
                     default="This value is set by the commune and cannot be sent.")


@implementer(IDeserializeFromJson)
@adapter(IDocumentOrder, IBrowserRequest)
class OrderDeserializer(FieldErrorsDeserializer):
    invalid = OrderInvalid
    limit_texts = True

    def __call__(self, *args, **kwargs):
        data = kwargs.get("data")
        if data is None:
            data = read_json_body(self.request)
        refused = sorted(key for key in data if key in SERVER_FIELDS)
        if refused:
            raise OrderInvalid([(key, MSG_SERVER_FIELD) for key in refused])
        return super().__call__(*args, **kwargs)
