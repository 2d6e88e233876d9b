"""DocumentOrder: a citizen's order of a DocumentType, processed by a service.

Field ids are part of the API: ``document_type`` (the type's UID),
``quantity``, ``delivery_method``, ``applicant_name``, ``applicant_email``,
``applicant_phone``, ``applicant_address``, ``reference``,
``payment_status``, ``structured_communication``, ``total``.

The fields in :data:`SERVER_FIELDS` are set by the server when the order is
made (``events.order_added``) or processed; they are read-only in the schema
and refused when a client sends them.
"""

from communesplone.eguichet import _
from communesplone.eguichet.vocabularies import DELIVERY_METHODS
from communesplone.eguichet.vocabularies import LANGUAGES
from communesplone.eguichet.vocabularies import PAYMENT_STATUSES
from communesplone.core.constraints import email_constraint
from communesplone.core.textlimits import limit_texts
from plone import api
from plone.app.content.interfaces import INameFromTitle
from plone.autoform import directives
from plone.dexterity.content import Item
from plone.namedfile.field import NamedBlobFile
from plone.schema import JSONField
from plone.supermodel import model
from zope import schema
from zope.component import adapter
from zope.interface import implementer
from zope.schema import ValidationError

import json
import secrets

PROCESS_ORDERS = "communesplone.eguichet: Process orders"
#: The same permission's ZCML id (the schema directives want the id, not the title).
PROCESS_ORDERS_ID = "communesplone.eguichet.ProcessOrders"

#: Set by the server only; a client that sends one gets a 400.
SERVER_FIELDS = (
    "reference", "document_title", "unit_price", "delivery_fee", "total",
    "payment_status", "structured_communication", "payment_provider", "paid_at",
    "assurance", "applicant_birth_date", "processing_group", "due_date", "assignee",
    "closed_at", "rejection_reason", "anonymised", "review_state",
)




PDF_MAGIC = b"%PDF-"


class NotAPDF(ValidationError):
    __doc__ = _("eguichet_error_not_pdf", default="Choose a PDF file.")


class FileTooLarge(ValidationError):
    """The delivered file is larger than the site's limit (``args[0]``, in MB)."""

    def doc(self):
        return _("eguichet_error_file_too_large", default="The file is larger than ${size} MB.",
                 mapping={"size": self.args[0]})


def max_upload_mb():
    """The largest delivered document, in MB (registry, 10 by default)."""
    return api.portal.get_registry_record("communesplone.eguichet.max_upload_mb", default=10)


def delivered_file_constraint(value):
    """A PDF within the limit, whatever the way in (the form, REST, code)."""
    if value is None:
        return True
    limit = max_upload_mb()
    if value.getSize() > limit * 1024 * 1024:
        raise FileTooLarge(limit)
    with value.open() as stream:
        if stream.read(len(PDF_MAGIC)) != PDF_MAGIC:
            raise NotAPDF()
    return True


class IDocumentOrder(model.Schema):
    """An order of a document."""

    document_type = schema.TextLine(
        title=_("eguichet_label_document_type", default="Document"),
        required=True,
    )
    quantity = schema.Int(
        title=_("eguichet_label_quantity", default="Number of copies"),
        required=True, default=1,
    )
    delivery_method = schema.Choice(
        title=_("eguichet_label_delivery_method", default="Delivery"),
        vocabulary=DELIVERY_METHODS,
        required=True,
    )
    delivery_address = schema.Text(
        title=_("eguichet_label_delivery_address", default="Delivery address"),
        description=_("eguichet_help_delivery_address",
                      default="Only for delivery by post; your address when left empty."),
        required=False, default="", missing_value="", max_length=500,
    )
    applicant_name = schema.TextLine(
        title=_("eguichet_label_applicant_name", default="Your name"),
        required=True, max_length=200,
    )
    applicant_email = schema.TextLine(
        title=_("eguichet_label_applicant_email", default="Your e-mail"),
        required=True, constraint=email_constraint,
    )
    applicant_phone = schema.TextLine(
        title=_("eguichet_label_applicant_phone", default="Your phone"),
        required=False, default="", missing_value="", max_length=40,
    )
    applicant_address = schema.Text(
        title=_("eguichet_label_applicant_address", default="Your address"),
        required=False, default="", missing_value="", max_length=500,
    )
    applicant_language = schema.Choice(
        title=_("eguichet_label_applicant_language", default="Language of the messages"),
        vocabulary=LANGUAGES,
        required=False,
    )
    answers = JSONField(
        title=_("eguichet_label_answers", default="Answers"),
        schema=json.dumps({"type": "object"}),
        required=False, default={}, missing_value={},
    )

    # --- set by the server --------------------------------------------------
    reference = schema.TextLine(
        title=_("eguichet_label_reference", default="Reference"), readonly=True, required=False)
    document_title = schema.TextLine(
        title=_("eguichet_label_document_title", default="Document ordered"),
        readonly=True, required=False)
    unit_price = schema.Float(
        title=_("eguichet_label_unit_price", default="Unit price (EUR)"),
        readonly=True, required=False)
    delivery_fee = schema.Float(
        title=_("eguichet_label_delivery_fee", default="Delivery fee (EUR)"),
        readonly=True, required=False)
    total = schema.Float(
        title=_("eguichet_label_total", default="Total (EUR)"), readonly=True, required=False)
    payment_status = schema.Choice(
        title=_("eguichet_label_payment_status", default="Payment"),
        vocabulary=PAYMENT_STATUSES, readonly=True, required=False)
    structured_communication = schema.TextLine(
        title=_("eguichet_label_structured_communication",
                default="Structured communication"), readonly=True, required=False)
    payment_provider = schema.TextLine(
        title=_("eguichet_label_payment_provider", default="Payment provider"),
        readonly=True, required=False)
    paid_at = schema.Datetime(
        title=_("eguichet_label_paid_at", default="Paid on"), readonly=True, required=False)
    assurance = JSONField(
        title=_("eguichet_label_assurance", default="Identity assurance when ordering"),
        schema=json.dumps({"type": "object"}), readonly=True, required=False)
    applicant_birth_date = schema.Date(
        title=_("eguichet_label_applicant_birth_date", default="Birth date (certified)"),
        readonly=True, required=False)
    processing_group = schema.TextLine(
        title=_("eguichet_label_processing_group", default="Service that processes it"),
        readonly=True, required=False)
    due_date = schema.Datetime(
        title=_("eguichet_label_due_date", default="Announced for"),
        readonly=True, required=False)
    assignee = schema.TextLine(
        title=_("eguichet_label_assignee", default="Handled by"), readonly=True, required=False)
    closed_at = schema.Datetime(
        title=_("eguichet_label_closed_at", default="Closed on"), readonly=True, required=False)
    rejection_reason = schema.Text(
        title=_("eguichet_label_rejection_reason", default="Reason of the rejection"),
        readonly=True, required=False)
    anonymised = schema.Bool(
        title=_("eguichet_label_anonymised", default="Anonymised"), readonly=True,
        required=False)

    # --- the processing service's -------------------------------------------
    directives.read_permission(internal_notes=PROCESS_ORDERS_ID)
    directives.write_permission(internal_notes=PROCESS_ORDERS_ID)
    internal_notes = schema.Text(
        title=_("eguichet_label_internal_notes", default="Internal notes"),
        required=False, default="", missing_value="",
    )
    directives.write_permission(delivered_file=PROCESS_ORDERS_ID)
    delivered_file = NamedBlobFile(
        title=_("eguichet_label_delivered_file", default="Delivered document (PDF)"),
        required=False,
        constraint=delivered_file_constraint,
    )


limit_texts(IDocumentOrder)  # names 200, free text 5,000, no control characters


@implementer(IDocumentOrder)
class DocumentOrder(Item):
    """An order; its reference number is its id and its title."""

    def document_type_object(self):
        """The DocumentType ordered, whoever asks (None when it was deleted)."""
        catalog = api.portal.get_tool("portal_catalog")
        brains = catalog.unrestrictedSearchResults(UID=self.document_type)
        return brains[0]._unrestrictedGetObject() if brains else None

    def is_payable(self):
        """Something remains to pay."""
        return (self.total or 0) > 0 and self.payment_status == "unpaid"


@implementer(INameFromTitle)
@adapter(IDocumentOrder)
class OrderName:
    """A random id: the reference (the title) is only known once the order is added,
    after the name was chosen; a random id also keeps concurrent orders from
    inserting the same key."""

    def __init__(self, context):
        self.title = f"order-{secrets.token_hex(8)}"
