"""The directory's transitions that open a form (``@@transition-form``): a rejection's reason."""

from communesplone.core.transitionforms import TransitionForm
from communesplone.directory import _

#: Rejecting an entry: the reason is mailed to the person who proposed it
#: (the rule itself is in :func:`communesplone.directory.events.before_transition`).
reject = TransitionForm(
    reason_label=_("directory_label_reject_reason",
                   default="Reason of the rejection (sent to the person who proposed the entry)"),
    consequence=_("directory_reject_consequence",
                  default="The entry stays unpublished; the person who proposed it receives "
                          "the reason by e-mail and may correct it."),
)
