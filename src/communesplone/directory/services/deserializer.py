"""REST deserialization of a Business: field errors in the conventions' 400 format."""

from communesplone.directory.content.business import IBusiness
from communesplone.directory.errors import BusinessInvalid
from plone.restapi.deserializer.dxcontent import DeserializeFromJson
from plone.restapi.interfaces import IDeserializeFromJson
from zExceptions import BadRequest
from zope.component import adapter
from zope.interface import implementer
from zope.publisher.interfaces.browser import IBrowserRequest


@implementer(IDeserializeFromJson)
@adapter(IBusiness, IBrowserRequest)
class BusinessDeserializer(DeserializeFromJson):
    """plone.restapi's list of field errors becomes :class:`BusinessInvalid`."""

    def __call__(self, *args, **kwargs):
        try:
            return super().__call__(*args, **kwargs)
        except BadRequest as error:
            details = error.args[0] if error.args else None
            if isinstance(details, list) and all(isinstance(item, dict) for item in details):
                raise BusinessInvalid(
                    [(item.get("field") or "", item.get("message") or "") for item in details]
                ) from None
            raise
