"""The requester's secret link to their booking: which booking a token opens, and as whom.

The link in the received/confirmed mails lets a requester who has no account
(or is not logged in) see, move and cancel their booking. Both its page
(``@@booking-access``) and its REST service (``@booking-access``) read the
token and act as the requester here, outside ``browser/``.
"""

from Acquisition import aq_base
from Acquisition import aq_inner
from Acquisition import aq_parent
from communesplone.booking.content.booking import IBooking
from communesplone.core.system import as_stand_in
from plone.app.uuid.utils import uuidToObject

import hmac

#: the transient user of the link, as the booking's history names it
LINK_USER = "booking-link"


def booking_for_token(resource, uid, token):
    """The booking ``uid`` of ``resource`` if ``token`` is its secret, else None."""
    if not uid or not token or not isinstance(token, str) or not isinstance(uid, str):
        return None
    booking = uuidToObject(uid, unrestricted=True)
    if (booking is None or not IBooking.providedBy(booking)
            or aq_base(aq_parent(aq_inner(booking))) is not aq_base(resource)):
        return None
    secret = getattr(booking, "_access_token", None)
    if not secret or not hmac.compare_digest(token.encode(), secret.encode()):
        return None
    return booking


def as_requester():
    """The requester's rights on the booking, and no more: the Owner role.

    A transient user (``booking-link``, recorded in the history) so that the
    workflow's role guard and its deadline guard apply as for the requester.
    """
    return as_stand_in(LINK_USER, ("Owner",))
