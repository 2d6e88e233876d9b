"""DocumentType: a document citizens may order (a certificate, an extract, ...).

Field ids are part of the API: ``price``, ``required_assurance``
(``none``/``low``/``substantial``/``high``), ``delivery_methods``
(``email``/``post``/``pickup``), ``order_fields`` (see :mod:`..fields`; edited
as rows, :mod:`..questions`).
"""

from communesplone.eguichet import _
from communesplone.eguichet.fields import order_fields_constraint
from communesplone.eguichet.vocabularies import ASSURANCE_LEVELS
from communesplone.eguichet.vocabularies import DELIVERY_METHODS
from communesplone.eguichet.vocabularies import WHO_MAY_ORDER
from communesplone.eguichet.questions import question_list
from communesplone.core.rows import BlockRowsWidgetFactory
from plone.autoform import directives
from z3c.form.browser.checkbox import CheckBoxFieldWidget
from plone.dexterity.content import Item
from plone.supermodel import model
from zope import schema
from zope.interface import implementer
from zope.interface import Invalid
from zope.interface import invariant


class IDocumentType(model.Schema):
    """A document of the catalog, with what ordering it costs and asks."""

    theme = schema.TextLine(
        title=_("eguichet_label_theme", default="Theme"),
        description=_("eguichet_help_theme",
                      default="The heading it is listed under, e.g. Population or Civil status."),
        required=False,
        default="",
        missing_value="",
    )
    who_may_order = schema.Choice(
        title=_("eguichet_label_who_may_order", default="Who may order it"),
        vocabulary=WHO_MAY_ORDER,
        required=True,
        default="self",
    )
    required_assurance = schema.Choice(
        title=_("eguichet_label_required_assurance", default="Identity assurance required"),
        description=_(
            "eguichet_help_required_assurance",
            default="High for civil-status extracts (eID card), none for a public document.",
        ),
        vocabulary=ASSURANCE_LEVELS,
        required=True,
        default="substantial",
    )
    directives.widget("order_fields", BlockRowsWidgetFactory)
    order_fields = question_list(
        title=_("eguichet_label_order_fields", default="Fields asked when ordering"),
        description=_(
            "eguichet_help_order_fields_rows",
            default="One block per question: its name in the order's data, the kind of "
            "answer, the question in each language the commune serves and, for a "
            "choice, its options.",
        ),
        required=False,
        default=[],
        missing_value=[],
        constraint=order_fields_constraint,
    )
    # boxes to tick: Plone's ordered select (two lists and arrows) is wider than a
    # phone and its lists have no label (axe select-name)
    directives.widget("delivery_methods", CheckBoxFieldWidget)
    delivery_methods = schema.List(
        title=_("eguichet_label_delivery_methods", default="Delivery methods offered"),
        value_type=schema.Choice(vocabulary=DELIVERY_METHODS),
        required=True,
        default=["email", "pickup"],
    )
    fee_email = schema.Float(
        title=_("eguichet_label_fee_email", default="Fee for delivery by e-mail (EUR)"),
        required=True, default=0.0, min=0.0, max=1000.0,
    )
    fee_post = schema.Float(
        title=_("eguichet_label_fee_post", default="Fee for delivery by post (EUR)"),
        required=True, default=0.0, min=0.0, max=1000.0,
    )
    fee_pickup = schema.Float(
        title=_("eguichet_label_fee_pickup", default="Fee for pick-up at the office (EUR)"),
        required=True, default=0.0, min=0.0, max=1000.0,
    )
    price = schema.Float(
        title=_("eguichet_label_price", default="Unit price (EUR)"),
        required=True, default=0.0, min=0.0, max=1000.0,
    )
    max_quantity = schema.Int(
        title=_("eguichet_label_max_quantity", default="Largest number of copies per order"),
        required=True, default=5, min=1, max=100,
    )
    processing_days = schema.Int(
        title=_("eguichet_label_processing_working_days",
                default="Processing time announced (working days)"),
        description=_("eguichet_help_processing_working_days",
                      default="Working days after the day of the order: weekends and Belgian "
                      "public holidays do not count. The order's announced date follows."),
        required=True, default=5, min=0, max=365,
    )
    processing_group = schema.Choice(
        title=_("eguichet_label_processing_group", default="Service that processes it"),
        vocabulary="communesplone.eguichet.ServiceGroups",
        required=True,
        default="communesplone-population",
    )
    payment_before_processing = schema.Bool(
        title=_("eguichet_label_payment_before",
                default="Payment required before processing"),
        required=False,
        default=True,
    )
    active = schema.Bool(
        title=_("eguichet_label_active", default="Can be ordered"),
        required=False,
        default=True,
    )

    @invariant
    def some_delivery(data):
        if not getattr(data, "delivery_methods", None):
            raise Invalid(_("eguichet_error_no_delivery",
                            default="Offer at least one delivery method."))


@implementer(IDocumentType)
class DocumentType(Item):
    """A document that may be ordered."""

    def fee(self, method):
        """The delivery fee of ``method`` (0 for an unknown method)."""
        return float(getattr(self, f"fee_{method}", 0.0) or 0.0)

    def total(self, quantity, method):
        """What an order of ``quantity`` copies delivered by ``method`` costs."""
        return round(float(self.price or 0.0) * quantity + self.fee(method), 2)

    def allows_anonymous(self):
        """An order without an account: only for anyone's document needing no identity."""
        return self.who_may_order == "anyone" and self.required_assurance == "none"
