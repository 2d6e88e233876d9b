"""The orders dashboard as a table (``communesplone.core.tables``).

Reference, document, applicant, amount, payment, state, due date and assignee,
read from brains: the applicant and the assignee are the members' names (the
catalog holds no applicant data, see ``indexers.py``). Batch actions: take the
selected orders, record their payment, reject them with a reason.
"""

from communesplone.core.tables import BatchAction
from communesplone.core.tables import Column
from communesplone.core.tables import NO_ACCOUNT
from communesplone.core.tables import Table
from communesplone.eguichet import _
from communesplone.eguichet.content.order import PROCESS_ORDERS
from communesplone.eguichet.vocabularies import PAYMENT_STATUSES
from communesplone.eguichet.payment import mark_paid as record

NAME = "orders"


def _payment(brain, cells):
    status = brain.eguichet_payment
    if status in PAYMENT_STATUSES:
        return cells.t(PAYMENT_STATUSES.getTerm(status).title)
    return None


def mark_paid(order, comment):
    """Record the payment (the payment module's rule): None when done, else why not."""

    if record(order, comment=comment or ""):
        return None
    return _("eguichet_table_not_unpaid", default="its payment is not awaited")


TABLE = Table(
    name=NAME,
    portal_types=("DocumentOrder",),
    columns=[
        Column("reference", _("eguichet_table_reference", default="Reference"),
               lambda b, c: b.eguichet_reference or b.Title),
        Column("document", _("eguichet_table_document", default="Document"),
               lambda b, c: b.eguichet_document),
        Column("applicant", _("eguichet_table_applicant", default="Applicant"),
               lambda b, c: c.member(b.Creator, unknown=NO_ACCOUNT)),
        Column("amount", _("eguichet_table_amount", default="Amount"),
               lambda b, c: c.amount(b.eguichet_amount)),
        Column("payment", _("eguichet_table_payment", default="Payment"), _payment),
        Column("state", _("eguichet_table_state", default="State"), lambda b, c: c.state(b)),
        Column("due", _("eguichet_table_due", default="Due date"),
               lambda b, c: c.day(b.eguichet_due)),
        Column("assignee", _("eguichet_table_assignee", default="Assignee"),
               lambda b, c: c.member(b.eguichet_assignee) if b.eguichet_assignee else None),
    ],
    actions=[
        BatchAction("take", _("eguichet_table_take", default="Take them")),
        BatchAction("mark_paid", _("eguichet_table_mark_paid", default="Mark as paid"),
                    run=mark_paid, permission=PROCESS_ORDERS),
        BatchAction("reject", _("eguichet_table_reject", default="Reject…"),
                    needs_reason=True),
    ],
    sort_options=[
        ("eguichet_due", _("eguichet_table_sort_due", default="Due date")),
        ("created", _("eguichet_table_sort_created", default="Date of the order")),
        ("eguichet_reference", _("eguichet_table_sort_reference", default="Reference")),
        ("modified", _("eguichet_table_sort_modified", default="Last change")),
    ],
    default_sort="eguichet_due",
)
