"""Payment of orders: the provider interface's first implementation, the bank transfer.

The citizen pays by bank transfer with the order's structured communication;
the order page and the mail carry an EPC QR code ("GiroCode", read by Belgian
banking apps) holding the commune's IBAN, the amount and the communication.
Staff confirm the payment one by one (:func:`mark_paid`) or by importing a
bank statement (:mod:`..statements`).
"""

from communesplone.core.validation import normalize_iban
from communesplone.eguichet import _
from communesplone.eguichet import logger
from communesplone.eguichet.interfaces import IPaymentProvider
from datetime import datetime
from datetime import UTC
from plone import api
from zope.component import queryUtility
from zope.interface import implementer

import io
import segno.helpers

DEFAULT_PROVIDER = "bank_transfer"


def commune_account():
    """(beneficiary name, IBAN without spaces) from the core "Commune" settings."""
    name = api.portal.get_registry_record("communesplone.core.commune_name", default="") or ""
    iban = api.portal.get_registry_record("communesplone.core.iban", default="") or ""
    try:
        iban = normalize_iban(iban) if iban else ""
    except ValueError:
        logger.warning("The commune's IBAN %r is not valid; no QR code is made", iban)
        iban = ""
    return name.strip() or api.portal.get().Title(), iban


def epc_qr(beneficiary, iban, amount, communication):
    """The EPC QR code (segno) of a SEPA credit transfer; None without an IBAN."""
    if not iban or not amount:
        return None
    return segno.helpers.make_epc_qr(
        name=beneficiary[:70], iban=iban, amount=round(float(amount), 2), text=communication,
    )


def qr_png(qr, scale=5):
    buffer = io.BytesIO()
    qr.save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()


@implementer(IPaymentProvider)
class BankTransferProvider:
    """Bank transfer to the commune's account with the order's structured communication."""

    name = "bank_transfer"
    title = _("eguichet_provider_bank_transfer", default="Bank transfer")
    online = False

    def instructions(self, order):
        beneficiary, iban = commune_account()
        amount = round(float(order.total or 0), 2)
        qr = epc_qr(beneficiary, iban, amount, order.structured_communication)
        return {
            "provider": self.name,
            "amount": amount,
            "currency": "EUR",
            "beneficiary": beneficiary,
            "iban": iban,
            "communication": order.structured_communication,
            "qr_png": qr_png(qr) if qr is not None else None,
            "qr_data_uri": qr.png_data_uri(scale=5, border=4) if qr is not None else None,
            "url": None,
        }

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
        from communesplone.eguichet.system import system_transition

        system_transition(order, "confirm_payment", comment or "")
    order.reindexObject()
    return True
