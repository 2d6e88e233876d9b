"""DocumentCatalog: the public e-guichet page; holds DocumentTypes and the orders."""

from communesplone.core.containers import HoldsRequests
from communesplone.core.interfaces import IHoldsRequests
from plone.supermodel import model
from zope.interface import implementer


class IDocumentCatalog(model.Schema):
    """The e-guichet (title and description come from behaviors)."""


@implementer(IDocumentCatalog, IHoldsRequests)
class DocumentCatalog(HoldsRequests):
    """Holds the DocumentTypes offered and the DocumentOrders made."""
