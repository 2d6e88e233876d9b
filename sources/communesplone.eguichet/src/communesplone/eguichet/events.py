"""Event subscribers: every way of making an order goes through :func:`order_added`.

The browser form, ``POST <catalog>`` through plone.restapi and
``api.content.create`` all fire ``IObjectAddedEvent``: the checks, the
snapshot of the document type, the reference number and the local roles
happen here. A refusal raises an :class:`~.errors.OrderError`
(or ``InsufficientAssurance`` / ``Unauthorized``), which aborts the
transaction: nothing is saved, no number is used, no mail leaves.
"""

from communesplone.core.assurance import require_assurance
from communesplone.core.languages import remember_language
from communesplone.eguichet import _
from communesplone.eguichet import logger
from communesplone.eguichet import mails
from communesplone.eguichet.content.catalog import IDocumentCatalog
from communesplone.eguichet.content.document_type import IDocumentType
from communesplone.eguichet.content.order import IDocumentOrder
from communesplone.eguichet.deadlines import due_datetime
from communesplone.core.dates import site_zone
from communesplone.eguichet.errors import OrderInvalid
from communesplone.eguichet.fields import validate_answers
from communesplone.eguichet.payment import DEFAULT_PROVIDER
from communesplone.eguichet.references import communication_for
from communesplone.eguichet.references import format_reference
from communesplone.eguichet.references import next_number
from communesplone.eguichet.system import system_transition
from datetime import datetime
from datetime import UTC
from communesplone.core import limits
from communesplone.eguichet.dashboard import ensure_dashboard
from plone import api
from zExceptions import Unauthorized
from zope.globalrequest import getRequest
from zope.schema import ValidationError

import secrets

#: Local roles of the processing service's group on each of its orders.
SERVICE_ROLES = ("Reviewer",)
ORDERING_ROLES = ("Anonymous", "Authenticated", "Member", "Manager", "Site Administrator",
                  "Owner", "Contributor", "Editor", "Reviewer")
CLOSED_TRANSITIONS = ("deliver", "reject", "cancel")


def utcnow():
    """Stored dates are UTC (a ZoneInfo does not pickle into the ZODB)."""
    return datetime.now(UTC)


def site_now():
    return datetime.now(site_zone())


def document_type_of(uid):
    """The DocumentType with this UID, found whatever the current user may see."""
    if not isinstance(uid, str) or not uid:
        return None
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(UID=uid, portal_type="DocumentType")
    return brains[0]._unrestrictedGetObject() if brains else None


# --- checks ----------------------------------------------------------------


def check_applicant_may_order(doctype):
    """Anonymous only for anyone's documents needing no identity; then the level."""
    if api.user.is_anonymous() and not doctype.allows_anonymous():
        raise Unauthorized("Log in to order this document")
    return require_assurance(doctype.required_assurance)


#: What the applicant fills in (checked against the schema whatever the way in).
CLIENT_FIELDS = ("applicant_name", "applicant_email", "applicant_phone", "applicant_address",
                 "delivery_address", "applicant_language")


def schema_errors(order):
    """The schema's own checks (required, length, e-mail) on the applicant's fields."""
    errors = []
    for name in CLIENT_FIELDS:
        field = IDocumentOrder[name].bind(order)
        value = getattr(order, name, None)
        if value in ("", None) and not field.required:
            continue
        try:
            field.validate(value)
        except ValidationError as error:
            errors.append((name, error.doc()))
    return errors


def order_errors(order, doctype):
    """Every rule of ``doctype`` that ``order`` breaks: ``[(field, message)]``."""
    errors = schema_errors(order)
    methods = list(doctype.delivery_methods or ())
    if order.delivery_method not in methods:
        errors.append(("delivery_method", _(
            "eguichet_error_delivery_method",
            default="This document cannot be delivered that way; choose among: ${methods}.",
            mapping={"methods": ", ".join(methods)})))
    quantity = order.quantity
    if not isinstance(quantity, int) or isinstance(quantity, bool) \
            or not 1 <= quantity <= doctype.max_quantity:
        errors.append(("quantity", _(
            "eguichet_error_quantity",
            default="Order between 1 and ${max} copies.",
            mapping={"max": doctype.max_quantity})))
    if order.delivery_method == "post" and not (
        (order.delivery_address or "").strip() or (order.applicant_address or "").strip()
    ):
        errors.append(("delivery_address", _(
            "eguichet_error_delivery_address",
            default="Give the address the document must be posted to.")))
    answers, answer_errors = validate_answers(doctype.order_fields or [], order.answers or {})
    errors.extend(answer_errors)
    order.answers = answers
    return errors


# --- what the server sets --------------------------------------------------


def apply_identity(order, record):
    """Name and birth date from a certified identity replace what the form said."""
    order.assurance = {
        "level": record.level,
        "provider": record.provider,
        "provider_title": record.provider_title,
        "authenticated_at": record.authenticated_at.isoformat()
        if record.authenticated_at else None,
    }
    if record.level == "none":
        return
    name = " ".join(part for part in (record.given_names, record.surname) if part)
    if name:
        order.applicant_name = name
    order.applicant_birth_date = record.birth_date
    order._national_number = record.national_number


def apply_snapshot(order, doctype, now):
    """Title, price and fee of the document type as they are today."""
    order.document_title = doctype.Title()
    order.unit_price = round(float(doctype.price or 0), 2)
    order.delivery_fee = doctype.fee(order.delivery_method)
    order.total = doctype.total(order.quantity, order.delivery_method)
    order.payment_status = "unpaid" if order.total > 0 else "waived"
    order.payment_provider = DEFAULT_PROVIDER
    order.processing_group = doctype.processing_group
    # Belgian working days from the order's local day (orders made before keep theirs)
    order.due_date = due_datetime(now, doctype.processing_days)
    order.assignee = None
    order.closed_at = None
    order.paid_at = None
    order.rejection_reason = None
    order.anonymised = False


def apply_reference(order, now):
    number = next_number(api.portal.get(), now.year)
    order.reference = format_reference(now.year, number)
    order.structured_communication = communication_for(now.year, number)
    order.title = order.reference
    order.description = order.document_title
    order.exclude_from_nav = True  # never in a navigation, even the applicant's


def apply_roles(order):
    """The applicant (Owner) and the processing service only; a token for anonymous."""
    for principal, roles in list(order.get_local_roles()):
        if principal in ("Anonymous User", None) or (
            "Owner" in roles and api.user.is_anonymous()
        ):
            order.manage_delLocalRoles([principal])
    if order.processing_group:
        order.manage_setLocalRoles(order.processing_group, list(SERVICE_ROLES))
    if api.user.is_anonymous():
        order._tracking_token = secrets.token_urlsafe(32)
        order.creators = ()
    else:
        user_id = api.user.get_current().getId()
        order.manage_setLocalRoles(user_id, ["Owner"])
        order.creators = (user_id,)


def order_added(order, event):
    """Check the order against its type, then number, price and protect it."""
    container = getattr(event, "newParent", None)
    if container is None or not IDocumentCatalog.providedBy(container):
        return
    doctype = document_type_of(order.document_type)
    if doctype is None or not IDocumentType.providedBy(doctype) or not doctype.active:
        raise OrderInvalid([("document_type", _(
            "eguichet_error_document_type",
            default="This document does not exist or cannot be ordered any more."))])
    record = check_applicant_may_order(doctype)
    if not api.user.is_anonymous() and not (order.applicant_email or "").strip():
        order.applicant_email = api.user.get_current().getProperty("email") or ""
    errors = order_errors(order, doctype)
    if errors:
        raise OrderInvalid(errors)
    limits.check_order(order.applicant_email)  # 429 over the orders per address or IP
    remember_language(order, "applicant_language")  # its mails speak the applicant's
    now = site_now()
    apply_identity(order, record)
    apply_snapshot(order, doctype, now)
    apply_reference(order, now)
    apply_roles(order)
    if order.is_payable() and doctype.payment_before_processing:
        system_transition(order, "await_payment")
    mails.notify_received(order)
    if api.content.get_state(order) == "submitted":
        mails.notify_service(order)
    order.reindexObject()
    order.reindexObjectSecurity()
    request = getRequest()
    if request is not None:
        request.other["communesplone.eguichet.created"] = order.UID()
    logger.info("Order %s made (%s)", order.reference, order.document_title)


def _comment(event):
    kwargs = getattr(event, "kwargs", None) or {}
    return (kwargs.get("comment") or "").strip()


def order_before_transition(order, event):
    """A rejection needs its reason; a delivery by e-mail needs the document."""
    transition = getattr(event, "transition", None)
    if transition is None:
        return
    if transition.id == "reject" and not _comment(event):
        raise OrderInvalid([("comment", _(
            "eguichet_error_reason_required",
            default="Give the reason of the rejection: it is sent to the applicant."))])
    if transition.id == "deliver" and order.delivery_method == "email" \
            and not order.delivered_file:
        raise OrderInvalid([("delivered_file", _(
            "eguichet_error_file_required",
            default="Add the PDF document before delivering by e-mail."))])


def order_transitioned(order, event):
    """Record who took it and when it closed; mail the applicant."""
    transition = getattr(event, "transition", None)
    if transition is None:
        return
    comment = _comment(event)
    if transition.id == "take":
        order.assignee = api.user.get_current().getId()
    if transition.id == "confirm_payment" and order.payment_status == "unpaid":
        # "Mark paid" from the status menu records the payment as the page's button does
        order.payment_status = "paid"
        order.paid_at = utcnow()
    if transition.id == "reject":
        order.rejection_reason = comment
    if transition.id in CLOSED_TRANSITIONS:
        order.closed_at = utcnow()
    if transition.id != "await_payment":
        mails.notify_transition(order, transition.id, comment)
    if transition.id == "confirm_payment":
        mails.notify_service(order)
    order.reindexObject()


def catalog_added(catalog, event):
    """Let every visitor reach the order form (who may order is decided per type)."""

    catalog.manage_permission("Add portal content", list(ORDERING_ROLES), acquire=True)
    catalog.reindexObjectSecurity()
    ensure_dashboard(catalog)
