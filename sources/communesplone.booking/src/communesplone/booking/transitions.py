"""The booking's transitions that open a form (``@@transition-form``): refuse and cancel."""

from communesplone.booking import _
from communesplone.booking.events import reason_required
from communesplone.core.transitionforms import REASON_OPTIONAL
from communesplone.core.transitionforms import TransitionForm

#: Refusing: the reason is mailed to the requester, the slot is freed.
refuse = TransitionForm(
    reason_label=_("booking_label_refuse_reason",
                   default="Reason of the refusal (sent to the requester)"),
    consequence=_("booking_refuse_consequence",
                  default="The slot is freed; the requester receives the reason by e-mail."),
)

#: Cancelling: a manager cancelling someone else's booking gives a reason.
cancel = TransitionForm(
    reason=REASON_OPTIONAL,
    reason_required=lambda booking: reason_required(booking, "cancel"),
    reason_label=_("booking_label_cancel_reason",
                   default="Reason of the cancellation (sent to the requester)"),
    consequence=_("booking_cancel_consequence",
                  default="The slot is freed; the requester is told by e-mail."),
)
