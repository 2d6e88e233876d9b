"""The order page (applicant and staff), its actions, and the anonymous tracking page."""

from communesplone.core.translating import Translates
from communesplone.core.payment import amount_text
from communesplone.core.assurance import LEVEL_TITLES
from communesplone.core.dates import date_text
from communesplone.core.dates import day_text
from communesplone.core.dates import when_text
from communesplone.core.languages import request_language
from communesplone.core.validation import format_rrn
from communesplone.core.validation import mask_rrn
from communesplone.eguichet import _
from communesplone.eguichet.content.order import PROCESS_ORDERS
from communesplone.eguichet.delivery import attach_pdf
from communesplone.eguichet.deadlines import local_date
from communesplone.eguichet.errors import OrderInvalid
from communesplone.eguichet.fields import label_of
from communesplone.eguichet.listing import document_title_in
from communesplone.eguichet.payment import mark_paid
from communesplone.eguichet.payment import provider_of
from communesplone.eguichet.system import system_transition
from communesplone.eguichet.tracking import find_order
from communesplone.eguichet.transitions import needs_document
from communesplone.eguichet.vocabularies import DELIVERY_METHODS
from communesplone.eguichet.vocabularies import PAYMENT_STATUSES
from communesplone.eguichet.tracking import tracking_url
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zExceptions import BadRequest
from zExceptions import NotFound
from zExceptions import Unauthorized
from zope.i18n import translate

import transaction

STAFF_TRANSITIONS = ("confirm_payment", "take", "mark_ready", "deliver", "reject")
#: the buttons of the processing section, in this order; the payment is
#: confirmed by "Mark paid" (which records it), never by the bare transition
STAFF_BUTTONS = ("take", "mark_ready", "deliver", "reject")


def _date(value, language=None):
    """A date in words ("jeudi 3 décembre"), of a stored UTC datetime on the site's
    local day; "" for none."""
    value = local_date(value)
    return day_text(value, language) if value else ""


class OrderView(Translates, BrowserView):
    """``view`` of a DocumentOrder: what was ordered, its state, how to pay, its history."""

    index = ViewPageTemplateFile("templates/order.pt")
    tracking = False

    @property
    def order(self):
        return self.context

    def __call__(self):
        return self.index()

    @property
    def language(self):
        return request_language(self.request)

    def can_process(self):
        return not self.tracking and api.user.has_permission(PROCESS_ORDERS, obj=self.order)

    def state(self):
        return api.content.get_state(self.order)

    def state_title(self):
        workflow = api.portal.get_tool("portal_workflow")
        state = workflow.getWorkflowsFor(self.order)[0].states.get(self.state())
        return translate(state.title, domain="plone", context=self.request)

    def facts(self):
        order = self.order
        method = order.delivery_method
        facts = [
            (_("eguichet_label_reference", default="Reference"), order.reference),
            (_("eguichet_label_document_ordered", default="Document"),
             document_title_in(order.document_title, self.language)),
            (_("eguichet_label_state", default="State"), self.state_title()),
            (_("eguichet_label_quantity", default="Number of copies"), str(order.quantity)),
            (_("eguichet_label_delivery_method", default="Delivery"),
             self.t(DELIVERY_METHODS.getTerm(method).title) if method in DELIVERY_METHODS
             else method),
            (_("eguichet_label_total", default="Total (EUR)"), amount_text(order.total)),
            (_("eguichet_label_payment_status", default="Payment"),
             self.t(PAYMENT_STATUSES.getTerm(order.payment_status).title)
             if order.payment_status in PAYMENT_STATUSES else ""),
            (_("eguichet_label_due_date", default="Announced for"),
             _date(order.due_date, self.language)),
        ]
        return [{"label": self.t(label), "value": value} for label, value in facts]

    def _level_title(self, level):
        """The level in words ("faible"), never its id."""
        return self.t(LEVEL_TITLES[level]) if level in LEVEL_TITLES else ""

    def applicant(self):
        order = self.order
        number = getattr(order, "_national_number", None)
        number = (format_rrn(number) if self.can_process() else mask_rrn(number)) \
            if number else ""
        rows = [
            (_("eguichet_label_name", default="Name"), order.applicant_name),
            (_("eguichet_label_email", default="E-mail"), order.applicant_email),
            (_("eguichet_label_phone", default="Phone"), order.applicant_phone),
            (_("eguichet_label_address", default="Address"), order.applicant_address),
            (_("eguichet_label_delivery_address", default="Delivery address"),
             order.delivery_address),
            (_("eguichet_label_applicant_birth_date", default="Birth date (certified)"),
             date_text(order.applicant_birth_date, self.language)
             if order.applicant_birth_date else ""),
            (_("eguichet_label_national_number", default="National register number"), number),
            (_("eguichet_label_assurance_level", default="Identity assurance"),
             self._level_title((order.assurance or {}).get("level"))),
        ]
        return [{"label": self.t(label), "value": value} for label, value in rows if value]

    def answers(self):
        doctype = self.order.document_type_object()
        fields = {f["name"]: f for f in (doctype.order_fields if doctype else []) or []}
        rows = []
        for name, value in (self.order.answers or {}).items():
            label = label_of(fields[name], self.language) if name in fields else name
            if isinstance(value, dict):
                value = f"{value.get('name', '')} ({value.get('birth_date', '')})"
            rows.append({"label": label, "value": str(value)})
        return rows

    def payment(self):
        """Instructions and QR code while the order is unpaid and not closed."""
        if not self.order.is_payable() or self.state() in ("rejected", "cancelled"):
            return None
        info = provider_of(self.order).instructions(self.order)
        info["amount_text"] = amount_text(info["amount"])
        info["qr_alt"] = self.t(_(
            "eguichet_qr_alt",
            default="Payment QR code: ${amount} to ${iban}, communication ${communication}",
            mapping={"amount": info["amount_text"], "iban": info["iban"],
                     "communication": info["communication"]}))
        return info

    def history(self):
        workflow = api.portal.get_tool("portal_workflow")
        wf = workflow.getWorkflowsFor(self.order)[0]
        rows = []
        for entry in workflow.getInfoFor(self.order, "review_history", []) or []:
            action = entry.get("action")
            transition = wf.transitions.get(action) if action else None
            title = transition.title if transition is not None else \
                self.t(_("eguichet_history_created", default="Order made"))
            rows.append({
                "date": when_text(entry["time"], self.language),
                "action": translate(title, domain="plone", context=self.request),
                "comment": entry.get("comments") if action == "reject" else "",
            })
        return rows

    def transitions(self):
        if not self.can_process():
            return []
        workflow = api.portal.get_tool("portal_workflow")
        return [
            {"id": t["id"], "title": translate(t["title"], domain="plone", context=self.request)}
            for t in workflow.getTransitionsFor(self.order)
            if t["id"] in STAFF_BUTTONS
        ]

    def asks_file(self, transition_id):
        """The delivery by e-mail asks for its PDF in the same form as the button."""
        return transition_id == "deliver" and needs_document(self.order)

    def show_upload(self):
        """Attaching the PDF ahead of the delivery, while the order is being processed."""
        order = self.order
        return order.delivery_method == "email" and self.state() in (
            "submitted", "in_progress", "ready") and not any(
            self.asks_file(t["id"]) for t in self.transitions())

    def transition_form_url(self, transition_id):
        return f"{self.order.absolute_url()}/@@transition-form?workflow_action={transition_id}"

    def can_cancel(self):
        if self.state() not in ("submitted", "awaiting_payment"):
            return False
        if self.tracking:
            return True
        workflow = api.portal.get_tool("portal_workflow")
        return any(t["id"] == "cancel" for t in workflow.getTransitionsFor(self.order))

    def action_url(self):
        return f"{self.order.absolute_url()}/@@order-action"

    def file_url(self):
        order = self.order
        if order.delivered_file is None or self.tracking:
            return None
        return f"{order.absolute_url()}/@@download/delivered_file"


class TrackOrderView(OrderView):
    """``@@track-order?ref=...&token=...`` of the catalog: an anonymous applicant's order."""

    tracking = True

    def __call__(self):
        form = self.request.form
        self._order = find_order(self.context, form.get("ref"), form.get("token"))
        if self._order is None:
            raise NotFound("No such order")
        if self.request.method == "POST" and form.get("action") == "cancel":
            CheckAuthenticator(self.request)
            if self.can_cancel():
                system_transition(self._order, "cancel", "Cancelled through the tracking link")
                api.portal.show_message(_("eguichet_order_cancelled",
                                          default="The order is cancelled."), self.request)
            self.request.response.redirect(self.self_url())
            return ""
        return self.index()

    @property
    def order(self):
        return self._order

    def self_url(self):
        return tracking_url(self._order)

    def action_url(self):
        return self.self_url()


class OrderActionView(BrowserView):
    """``@@order-action`` (POST): transitions, payment, notes and the delivered file."""

    def __call__(self):
        if self.request.method != "POST":
            raise BadRequest("POST only")
        CheckAuthenticator(self.request)
        form = self.request.form
        action = form.get("action") or ""
        try:
            if action == "deliver" and getattr(form.get("delivered_file"), "filename", None):
                self.require_staff()
                savepoint = transaction.savepoint()
                try:
                    attach_pdf(self.context, form.get("delivered_file"))
                    self.transition(action, "")
                except OrderInvalid:
                    savepoint.rollback()
                    raise
            elif action == "cancel" or action in STAFF_TRANSITIONS:
                self.transition(action, (form.get("comment") or "").strip())
            elif action == "mark_paid":
                self.require_staff()
                if mark_paid(self.context, comment=form.get("comment") or ""):
                    self.message(_("eguichet_marked_paid", default="The payment is recorded."))
            elif action == "notes":
                self.require_staff()
                self.context.internal_notes = form.get("internal_notes") or ""
                self.message(_("eguichet_notes_saved", default="Notes saved."))
            elif action == "upload":
                self.require_staff()
                self.upload(form.get("delivered_file"))
            else:
                raise BadRequest("unknown action")
        except OrderInvalid as error:
            for _field, text in error.errors:
                self.message(text, "error")
        self.request.response.redirect(self.context.absolute_url())
        return ""

    def message(self, text, kind="info"):
        api.portal.show_message(text, self.request, type=kind)

    def require_staff(self):
        if not api.user.has_permission(PROCESS_ORDERS, obj=self.context):
            raise Unauthorized("Only the processing service may do this")

    def transition(self, transition, comment):
        workflow = api.portal.get_tool("portal_workflow")
        allowed = {t["id"] for t in workflow.getTransitionsFor(self.context)}
        if transition not in allowed:
            raise Unauthorized("This transition is not possible here")
        api.content.transition(obj=self.context, transition=transition, comment=comment)
        self.message(_("eguichet_transition_done", default="Done: the applicant is informed."))

    def upload(self, upload):
        """A PDF no larger than the registry's limit (the field's own constraint)."""
        attach_pdf(self.context, upload)
        self.message(_("eguichet_file_saved", default="The document is attached."))
