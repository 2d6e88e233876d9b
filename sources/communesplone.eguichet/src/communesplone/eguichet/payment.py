"""Payment of orders: the provider interface's first implementation, the bank transfer.

The citizen pays by bank transfer with the order's structured communication;
the order page and the mail carry an EPC QR code ("GiroCode", read by Belgian
banking apps) holding the commune's IBAN, the amount and the communication
(:mod:`communesplone.core.payment`, shared with the bookings).
Staff confirm the payment one by one (:func:`mark_paid`) or by importing a
bank statement (:mod:`..statements`).
"""

from communesplone.core.payment import transfer_instructions
from communesplone.eguichet import _
from communesplone.eguichet.interfaces import IPaymentProvider
from communesplone.eguichet.system import system_transition
from datetime import datetime
from datetime import UTC
from plone import api
from zope.component import queryUtility
from zope.interface import implementer

DEFAULT_PROVIDER = "bank_transfer"


@implementer(IPaymentProvider)
class BankTransferProvider:
    """Bank transfer to the commune's account with the order's structured communication."""

    name = "bank_transfer"
    title = _("eguichet_provider_bank_transfer", default="Bank transfer")
    online = False

    def instructions(self, order):
        info = transfer_instructions(order.total, order.structured_communication)
        info.update({"provider": self.name, "url": None})
        return info

    def start(self, order, request):
        return None


def provider_of(order):
    """The order's payment provider utility (the bank transfer by default)."""
    name = getattr(order, "payment_provider", None) or DEFAULT_PROVIDER
    return queryUtility(IPaymentProvider, name=name) or queryUtility(
        IPaymentProvider, name=DEFAULT_PROVIDER)


def mark_paid(order, comment="", when=None):
    """Record the payment of ``order``; an order awaiting payment goes to processing.

    Callers check who may do this (staff views, the statement import, a
    provider's verified webhook). Returns False when it was not unpaid.
    """
    if order.payment_status != "unpaid":
        return False
    order.payment_status = "paid"
    order.paid_at = when or datetime.now(UTC)
    if api.content.get_state(order) == "awaiting_payment":
        system_transition(order, "confirm_payment", comment or "")
    order.reindexObject()
    return True
