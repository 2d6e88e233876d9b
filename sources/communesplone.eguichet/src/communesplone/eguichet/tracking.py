"""The tracking link of an order made without an account.

The link carries the reference and a random token of 256 bits
(``secrets.token_urlsafe(32)``); the token is stored on the order only,
never indexed, and compared in constant time.
"""

from Acquisition import aq_parent
from communesplone.eguichet.content.order import IDocumentOrder
from plone import api
from urllib.parse import urlencode

import hmac


def tracking_url(order):
    catalog = aq_parent(order)
    query = urlencode({"ref": order.reference, "token": order._tracking_token})
    return f"{catalog.absolute_url()}/@@track-order?{query}"


def find_order(catalog, reference, token):
    """The order of ``reference`` when ``token`` is its tracking token, else None."""
    if not reference or not token or not isinstance(token, str):
        return None
    brains = api.portal.get_tool("portal_catalog").unrestrictedSearchResults(
        portal_type="DocumentOrder", eguichet_reference=reference,
        path="/".join(catalog.getPhysicalPath()),
    )
    for brain in brains:
        order = brain._unrestrictedGetObject()
        expected = getattr(order, "_tracking_token", None)
        if IDocumentOrder.providedBy(order) and expected and hmac.compare_digest(
            expected.encode(), token.encode()
        ):
            return order.__of__(catalog) if not hasattr(order, "aq_parent") else order
    return None
