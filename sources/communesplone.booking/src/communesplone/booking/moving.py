"""Whether a booking may be moved now: one rule for its page, its link and REST.

``series.move_occurrences`` checks again when the move is made; this answers
beforehand, so a page shows the move form only to who may use it.
"""

from communesplone.booking.events import HOLDING_STATES
from plone import api


def may_move(booking):
    """Whether the current person may move ``booking`` (or some occurrence of it) now.

    Managers while it holds its slot; the requester until the deadline of at
    least one of its occurrences. ``series.move_occurrences`` checks it again.
    """
    if api.content.get_state(booking) not in HOLDING_STATES:
        return False
    if api.user.has_permission("Modify portal content", obj=booking):
        return True
    return any(booking.may_cancel(at=start) for start, _end in booking.periods())
