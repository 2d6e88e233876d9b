"""Catalog indexers of orders and document types.

Only figures and workflow data are indexed; no applicant data (name,
address, national number) reaches a catalog index or column. Orders are
only found by the people allowed to view them (``allowedRolesAndUsers``).
"""

from communesplone.eguichet.content.document_type import IDocumentType
from communesplone.eguichet.content.order import IDocumentOrder
from communesplone.eguichet.references import digits
from DateTime import DateTime
from plone.indexer import indexer


def _date(value):
    return DateTime(value.isoformat()) if value else None


@indexer(IDocumentOrder)
def reference(order):
    return order.reference


@indexer(IDocumentOrder)
def communication(order):
    return digits(order.structured_communication) or None


@indexer(IDocumentOrder)
def payment(order):
    return order.payment_status


@indexer(IDocumentOrder)
def assignee(order):
    return order.assignee or None


@indexer(IDocumentOrder)
def group(order):
    return order.processing_group


@indexer(IDocumentOrder)
def due(order):
    return _date(order.due_date)


@indexer(IDocumentOrder)
def closed(order):
    return _date(order.closed_at)


@indexer(IDocumentOrder)
def anonymised(order):
    return bool(order.anonymised)


@indexer(IDocumentOrder)
def amount(order):
    return order.total


@indexer(IDocumentType)
def price(doctype):
    return doctype.price


@indexer(IDocumentOrder)
def document(order):
    return order.document_title


@indexer(IDocumentOrder)
def delivery(order):
    return order.delivery_method


@indexer(IDocumentOrder)
def quantity(order):
    return order.quantity


@indexer(IDocumentType)
def active(doctype):
    return bool(doctype.active)


@indexer(IDocumentType)
def theme(doctype):
    return doctype.theme or ""
