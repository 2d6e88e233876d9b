"""``@@order`` of a DocumentType: the citizen's order form (GET shows it, POST orders).

The form goes through :func:`communesplone.eguichet.ordering.make_order`,
hence through the same checks as the REST API; an error re-renders the form
with what the person typed and each message linked to its field.
"""

from communesplone.eguichet.browser.catalog import price_text
from communesplone.core.translating import Translates
from communesplone.core.assurance import ACCOUNT_PROVIDER
from communesplone.core.assurance import InsufficientAssurance
from communesplone.core.assurance import NO_ASSURANCE
from communesplone.core.notifications import can_send_mail
from communesplone.eguichet import _
from communesplone.eguichet.errors import OrderError
from communesplone.core import limits
from communesplone.core.limits import LimitReached
from communesplone.eguichet.errors import OrderInvalid
from communesplone.eguichet.events import check_applicant_may_order
from communesplone.eguichet.fields import label_of
from communesplone.eguichet.ordering import make_order
from communesplone.eguichet.tracking import tracking_url
from communesplone.eguichet.vocabularies import DELIVERY_METHODS
from Acquisition import aq_parent
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile

APPLICANT_FIELDS = (
    ("applicant_name", "text", _("eguichet_label_applicant_name", default="Your name"), True),
    ("applicant_email", "email", _("eguichet_label_applicant_email", default="Your e-mail"),
     True),
    ("applicant_phone", "tel", _("eguichet_label_applicant_phone", default="Your phone"),
     False),
    ("applicant_address", "textarea",
     _("eguichet_label_applicant_address", default="Your address"), False),
)
AUTOCOMPLETE = {"applicant_name": "name", "applicant_email": "email",
                "applicant_phone": "tel", "applicant_address": "street-address"}
INPUT_TYPES = {"text": "text", "longtext": "textarea", "date": "date", "number": "number",
               "choice": "select"}


class OrderFormView(Translates, BrowserView):
    index = ViewPageTemplateFile("templates/order_form.pt")

    def __call__(self):
        if api.user.is_anonymous() and not self.context.allows_anonymous():
            # Not a bare login form: the step-up page says why an account or an
            # identity is needed and offers every means (they come back here).
            raise InsufficientAssurance(self.context.required_assurance or "none",
                                        NO_ASSURANCE, "account_needed")
        self.record = check_applicant_may_order(self.context)
        if not self.context.active:
            api.portal.show_message(_("eguichet_error_document_type",
                                      default="This document does not exist or cannot be "
                                      "ordered any more."), self.request, type="error")
            self.request.response.redirect(self.context.absolute_url())
            return ""
        self.errors = {}
        self.general_errors = []
        self.form = self.request.form
        if self.request.method == "POST" and self.form.get("form.submitted"):
            result = self.submit()
            if result is not None:
                return result
        return self.index()

    @property
    def language(self):
        return (api.portal.get_current_language() or "fr").split("-")[0]

    # --- values -----------------------------------------------------------

    def locked(self):
        """Fields filled from the certified identity cannot be changed."""
        return ("applicant_name",) if self.record.level != "none" and self.record.surname \
            else ()

    def certified_name(self):
        return " ".join(p for p in (self.record.given_names, self.record.surname) if p)

    def default(self, name):
        if name in self.locked():
            return self.certified_name()
        if name in self.form:
            return str(self.form.get(name) or "")
        if api.user.is_anonymous():
            return ""
        user = api.user.get_current()
        if name == "applicant_name":
            return user.getProperty("fullname") or ""
        if name == "applicant_email":
            return user.getProperty("email") or ""
        return ""

    def _input(self, name, kind, label, required, **extra):
        error = self.errors.get(name)
        item = {
            "name": name, "id": f"order-{name.replace('.', '-')}", "kind": kind,
            "label": self.t(label) if not isinstance(label, str) or hasattr(label, "domain")
            else label,
            "required": required, "value": extra.pop("value", self.default(name)),
            "error": error, "error_id": f"error-{name.replace('.', '-')}",
            "readonly": name in self.locked(), "options": [], "autocomplete": None,
            "min": None, "max": None,
        }
        item["describedby"] = item["error_id"] if error else None
        item.update(extra)
        return item

    def applicant_inputs(self):
        return [
            self._input(name, kind, label, required, autocomplete=AUTOCOMPLETE.get(name))
            for name, kind, label, required in APPLICANT_FIELDS
        ]

    def answer_inputs(self):
        """The type's own fields; a ``person`` field is two inputs in a fieldset."""
        inputs = []
        for field in self.context.order_fields or []:
            name = f"answers.{field['name']}"
            label = label_of(field, self.language)
            if field["type"] == "person":
                inputs.append({
                    "kind": "person", "legend": label, "required": field.get("required"),
                    "error": self.errors.get(name), "error_id": f"error-{field['name']}",
                    "parts": [
                        self._input(f"{name}.name", "text",
                                    _("eguichet_label_person_name", default="Name"),
                                    field.get("required"), autocomplete="off"),
                        self._input(f"{name}.birth_date", "date",
                                    _("eguichet_label_person_birth_date",
                                      default="Birth date"),
                                    field.get("required"), autocomplete="off"),
                    ],
                })
                continue
            options = [{"value": option, "title": option,
                        "selected": self.default(name) == option}
                       for option in field.get("options", ())]
            inputs.append(self._input(name, INPUT_TYPES[field["type"]], label,
                                      field.get("required", False), options=options,
                                      min=field.get("min"), max=field.get("max")))
        return inputs

    def delivery_options(self):
        chosen = self.form.get("delivery_method") or (self.context.delivery_methods or [""])[0]
        return [{
            "value": method, "id": f"order-delivery-{method}",
            "title": self.t(DELIVERY_METHODS.getTerm(method).title),
            "fee": self.context.fee(method),
            "fee_text": price_text(self.context.fee(method), self.request),
            "checked": method == chosen,
        } for method in self.context.delivery_methods or ()]

    def quantity_input(self):
        return self._input("quantity", "number",
                           _("eguichet_label_quantity", default="Number of copies"), True,
                           value=self.form.get("quantity") or "1", min=1,
                           max=self.context.max_quantity)

    def offers_post(self):
        """The delivery address is asked only when the document can be posted (a
        counter pickup needs none: an empty box there reads as a question)."""
        return "post" in (self.context.delivery_methods or ())

    def delivery_address_input(self):
        return self._input("delivery_address", "textarea",
                           _("eguichet_label_delivery_address", default="Delivery address"),
                           False, autocomplete="shipping street-address")

    def price_text(self):
        return price_text(self.context.price, self.request)

    def assurance_text(self):
        if self.record.level == "none" or self.record.provider == ACCOUNT_PROVIDER:
            return ""
        return self.t(_("eguichet_identity_certified",
                        default="Identity certified by ${provider}: your name comes from it.",
                        mapping={"provider": self.record.provider_title or self.record.provider}))

    # --- submit -----------------------------------------------------------

    def _answers(self):
        answers = {}
        for field in self.context.order_fields or []:
            key = f"answers.{field['name']}"
            if field["type"] == "person":
                name = (self.form.get(f"{key}.name") or "").strip()
                born = (self.form.get(f"{key}.birth_date") or "").strip()
                if name or born:
                    answers[field["name"]] = {"name": name, "birth_date": born}
                continue
            value = self.form.get(key)
            if field["type"] == "number" and isinstance(value, str) and value.strip():
                value = int(value) if value.strip().lstrip("-").isdigit() else value
            if value not in (None, ""):
                answers[field["name"]] = value
        return answers

    def submit(self):
        CheckAuthenticator(self.request)
        try:
            quantity = int(self.form.get("quantity") or 1)
        except ValueError:
            quantity = 0
        data = {name: (self.form.get(name) or "").strip() for name, *_rest in APPLICANT_FIELDS}
        data.update(
            document_type=api.content.get_uuid(self.context),
            quantity=quantity,
            delivery_method=self.form.get("delivery_method") or "",
            delivery_address=(self.form.get("delivery_address") or "").strip(),
            applicant_language=self.language if self.language in ("fr", "nl", "en", "de")
            else None,
            answers=self._answers(),
        )
        try:
            order = make_order(aq_parent(self.context), **data)
        except OrderError as error:
            self._show(error)
            return None
        except LimitReached as error:
            limits.answer(self.request, error)
            self.general_errors.append(self.t(error.message))
            return None
        if can_send_mail():
            message = _("eguichet_order_received",
                        default="Your order ${reference} was recorded; a confirmation is on "
                        "its way by e-mail.", mapping={"reference": order.reference})
        else:
            message = _("eguichet_order_received_no_mail",
                        default="Your order ${reference} was recorded. Keep the address of "
                        "this page: it shows where your order stands.",
                        mapping={"reference": order.reference})
        api.portal.show_message(message, request=self.request)
        target = order.absolute_url() if api.user.has_permission("View", obj=order) \
            else tracking_url(order)
        self.request.response.redirect(target)
        return ""

    def _show(self, error):
        if isinstance(error, OrderInvalid):
            for field, message in error.errors:
                text = self.t(message)
                if field.startswith("answers.") and field.count(".") == 1:
                    kinds = {f["name"]: f["type"] for f in self.context.order_fields or []}
                    if kinds.get(field.split(".")[1]) == "person":
                        field = f"{field}.name"
                self.errors[field] = text
        else:
            self.general_errors.append(self.t(error.message))

    def error_links(self):
        return [{"href": f"#order-{name.replace('.', '-')}", "text": text}
                for name, text in self.errors.items()]
