"""The order's transitions that open a form (``@@transition-form``): reject, deliver."""

from communesplone.core.transitionforms import NO_REASON
from communesplone.core.transitionforms import TransitionForm
from communesplone.eguichet import _
from communesplone.eguichet.delivery import attach_pdf


def needs_document(order):
    """A delivery by e-mail needs its PDF, unless it is attached already."""
    return order.delivery_method == "email" and not order.delivered_file


#: Rejecting: the reason is mailed to the applicant.
reject = TransitionForm(
    reason_label=_("eguichet_label_rejection_reason_sent",
                   default="Reason of the rejection (sent to the applicant)"),
    consequence=_("eguichet_reject_consequence",
                  default="The order is closed; the applicant receives the reason by e-mail."),
)

#: Delivering: by e-mail, the PDF goes with the transition.
deliver = TransitionForm(
    reason=NO_REASON,
    needs_file=needs_document,
    file_label=_("eguichet_label_delivered_file", default="Delivered document (PDF)"),
    attach=attach_pdf,
    consequence=_("eguichet_deliver_consequence",
                  default="The applicant is told by e-mail (with the document when it is "
                          "delivered by e-mail)."),
)
