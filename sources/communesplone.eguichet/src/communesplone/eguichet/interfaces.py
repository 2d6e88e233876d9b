"""Interfaces of communesplone.eguichet: browser layer, settings, payment providers."""

from communesplone.eguichet import _
from zope import schema
from zope.interface import Attribute
from zope.interface import Interface
from zope.publisher.interfaces.browser import IDefaultBrowserLayer


class IEguichetLayer(IDefaultBrowserLayer):
    """Marker for the browser layer of communesplone.eguichet."""


class IEguichetSettings(Interface):
    """Registry records (prefix ``communesplone.eguichet``)."""

    retention_days = schema.Int(
        title=_("eguichet_label_retention_days",
                default="Retention of the applicants' data (days)"),
        description=_(
            "eguichet_help_retention_days",
            default="After this many days past delivery, rejection or cancellation, the "
            "applicant's data is anonymised and the delivered file removed; the figures "
            "are kept.",
        ),
        required=True,
        default=365,
        min=1,
    )

    max_upload_mb = schema.Int(
        title=_("eguichet_label_max_upload_mb",
                default="Largest delivered file (MB)"),
        required=True,
        default=10,
        min=1,
    )


class IPaymentProvider(Interface):
    """A way for a citizen to pay an order; a named utility per provider.

    The bank transfer with a structured communication is the first one;
    online providers (Worldline, Mollie, Stripe, ...) register beside it and
    call :func:`communesplone.eguichet.payment.mark_paid` from their webhook.
    """

    name = Attribute("The utility name, stored on the order (``payment_provider``)")
    title = Attribute("A translatable title")
    online = Attribute("True when the citizen pays on the provider's page")

    def instructions(order):
        """What the citizen needs to pay ``order``: a dict with at least
        ``amount``, ``currency``, ``beneficiary``, ``iban``, ``communication``
        and, when the provider has one, ``qr_png`` (bytes) and ``url``."""

    def start(order, request):
        """Begin a payment; return the URL to send the citizen to, or None."""
