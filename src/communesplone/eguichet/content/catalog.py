"""DocumentCatalog: the public e-guichet page; holds DocumentTypes and the orders."""

from communesplone.core.containers import HoldsRequests
from plone.dexterity.content import Container
from plone.supermodel import model
from zope.interface import implementer


class IDocumentCatalog(model.Schema):
    """The e-guichet (title and description come from behaviors)."""


@implementer(IDocumentCatalog)
class DocumentCatalog(HoldsRequests, Container):
    """Holds the DocumentTypes offered and the DocumentOrders made."""
