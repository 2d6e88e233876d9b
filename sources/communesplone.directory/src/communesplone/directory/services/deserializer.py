"""REST deserialization of a Business: field errors in the conventions' 400 format."""

from communesplone.core.deserializer import FieldErrorsDeserializer
from communesplone.directory.content.business import IBusiness
from communesplone.directory.errors import BusinessInvalid
from plone.restapi.interfaces import IDeserializeFromJson
from zope.component import adapter
from zope.interface import implementer
from zope.publisher.interfaces.browser import IBrowserRequest


@implementer(IDeserializeFromJson)
@adapter(IBusiness, IBrowserRequest)
class BusinessDeserializer(FieldErrorsDeserializer):
    """plone.restapi's list of field errors becomes :class:`BusinessInvalid`."""

    invalid = BusinessInvalid
    limit_texts = True
