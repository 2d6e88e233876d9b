"""The orders in the staff inbox "À traiter" (``communesplone.core.inbox``).

Three kinds, by what the processing service does next: check a payment
(``awaiting_payment``), take the order (``submitted``), prepare and deliver it
(``in_progress``, ``ready``). The order waits for its processing group; it is
due on its announced date.
"""

from communesplone.core.inbox import queue_keys
from communesplone.core.inbox import state_of
from communesplone.core.interfaces import IInboxKind
from communesplone.core.payment import amount_text
from communesplone.core.myspace import language_of
from communesplone.eguichet import _
from communesplone.eguichet.content.order import IDocumentOrder
from DateTime import DateTime
from plone.indexer import indexer
from zope.interface import implementer

AMOUNTS = "communesplone.eguichet.inbox.amounts"

#: state -> (kind, transitions the row offers)
WAITING = {
    "awaiting_payment": ("order-payment", ("confirm_payment",)),
    "submitted": ("order-take", ("take",)),
    "in_progress": ("order-deliver", ("mark_ready",)),
    # delivering by e-mail needs the PDF, rejecting a reason: on the order's page
    "ready": ("order-deliver", ()),
}


@indexer(IDocumentOrder)
def inbox_queue(order):
    state = state_of(order)
    if state not in WAITING:
        raise AttributeError("inbox_queue")  # waits for nobody: not in the index
    return queue_keys(WAITING[state][0], [order.processing_group])


@indexer(IDocumentOrder)
def inbox_due(order):
    due = order.due_date or order.created()
    return DateTime(due.isoformat()) if hasattr(due, "isoformat") else due


@indexer(IDocumentOrder)
def inbox_assignee(order):
    return order.assignee or None


@implementer(IInboxKind)
class OrderKind:
    """One step of an order's processing, as a kind of the inbox."""

    def __init__(self, order, title, kind):
        self.order = order
        self.title = title
        self.actions = {state_id: transitions for state_id, (name, transitions)
                        in WAITING.items() if name == kind}

    def detail(self, brain, request):
        """Its reference (unless it is its title), the document and the amount (from the
        catalog's columns)."""
        reference = brain.eguichet_reference
        parts = [reference if reference != brain.Title else "", brain.eguichet_document]
        if brain.eguichet_amount:
            amounts = request.other.setdefault(AMOUNTS, {})  # babel is slow: once a page
            if brain.eguichet_amount not in amounts:
                amounts[brain.eguichet_amount] = amount_text(brain.eguichet_amount,
                                                             language_of(request))
            parts.append(amounts[brain.eguichet_amount])
        return " · ".join(part for part in parts if part)


payments_to_check = OrderKind(
    10, _("inbox_kind_order_payment", default="Payments to check"), "order-payment")
orders_to_take = OrderKind(
    20, _("inbox_kind_order_take", default="Orders to take"), "order-take")
orders_to_deliver = OrderKind(
    30, _("inbox_kind_order_deliver", default="Orders to prepare and deliver"), "order-deliver")
