"""Self-registration: a proposal waits for its e-mail confirmation, then becomes a pending entry.

Nothing of a proposal is public, nor even an entry, before the person who made
it opens the link mailed to them: the proposal is kept in the directory's
annotations under a random token for :data:`TOKEN_HOURS` hours. Confirming it
creates the Business in ``pending`` (the editors are told by the workflow
mail). A rate limit per client address stops floods from one place.
"""

from BTrees.OOBTree import OOBTree
from collections import deque
from communesplone.directory import logger
from datetime import UTC
from datetime import datetime
from datetime import timedelta
from communesplone.core.schemacheck import type_errors
from communesplone.core.system import with_manager_roles
from plone import api
from plone.dexterity.utils import createContentInContainer
from zope.annotation.interfaces import IAnnotations

import secrets
import threading

ANNOTATION_KEY = "communesplone.directory.proposals"
TOKEN_HOURS = 48
#: At most this many proposals per client address per window.
RATE_LIMIT = 5
RATE_WINDOW = timedelta(hours=1)

#: The entry fields a proposal may set; state, owner, reserved fields never come from it.
PROPOSAL_FIELDS = (
    "title", "description", "enterprise_number", "categories", "street", "number", "box",
    "postcode", "locality", "latitude", "longitude", "phone", "email", "website",
    "languages", "payment_methods", "accessibility", "opening_hours",
)


class RateLimiter:
    """Counts events per key in a sliding window, in memory (per Zope process).

    In memory on purpose: a counter in the database would turn every spam
    attempt into a write (and a conflict between threads).
    """

    def __init__(self, limit=RATE_LIMIT, window=RATE_WINDOW):
        self.limit = limit
        self.window = window
        self._events = {}
        self._lock = threading.Lock()

    def hit(self, key, now=None):
        """Record one event for ``key``; False when the limit was already reached."""
        now = now or datetime.now(UTC)
        with self._lock:
            events = self._events.setdefault(key, deque())
            while events and now - events[0] >= self.window:
                events.popleft()
            if len(events) >= self.limit:
                return False
            events.append(now)
            if len(self._events) > 10000:  # forget the quiet addresses
                for other in [k for k, v in self._events.items() if not v]:
                    del self._events[other]
            return True

    def reset(self):
        with self._lock:
            self._events.clear()


LIMITER = RateLimiter()


def _store(directory):
    annotations = IAnnotations(directory)
    store = annotations.get(ANNOTATION_KEY)
    if store is None:
        store = annotations[ANNOTATION_KEY] = OOBTree()
    return store


def _expire(store, now):
    for token in [t for t, item in store.items()
                  if now - item["created"] > timedelta(hours=TOKEN_HOURS)]:
        del store[token]


def proposal_errors(directory, data):
    """``[(field, message)]``: what the entry's schema refuses in a proposal, as REST would.

    The proposal form has its own fields (a coordinate typed as text, hours as
    a sentence); once converted, the values must pass the Business schema's
    checks that a POST through plone.restapi passes.
    """
    values = {name: data[name] for name in PROPOSAL_FIELDS if name in data}
    return type_errors("Business", values, context=directory)


def add_proposal(directory, data, submitter_email, user_id=None, now=None):
    """Keep a proposal until it is confirmed; return its token."""
    now = now or datetime.now(UTC)
    store = _store(directory)
    _expire(store, now)
    token = secrets.token_urlsafe(32)
    store[token] = {
        "data": {name: data[name] for name in PROPOSAL_FIELDS if name in data},
        "email": submitter_email,
        "user_id": user_id,
        "created": now,
    }
    return token


def pending_proposal(directory, token, now=None):
    """The proposal of ``token`` if it exists and is not too old, else None."""
    if not isinstance(token, str) or not token:
        return None
    store = IAnnotations(directory).get(ANNOTATION_KEY)
    item = store.get(token) if store is not None else None
    if item is None:
        return None
    if (now or datetime.now(UTC)) - item["created"] > timedelta(hours=TOKEN_HOURS):
        return None
    return item


def confirm_proposal(directory, token, now=None):
    """Turn the proposal into a pending Business; return it (None for a bad or old token)."""
    item = pending_proposal(directory, token, now)
    if item is None:
        return None
    del IAnnotations(directory)[ANNOTATION_KEY][token]
    data = dict(item["data"])
    with with_manager_roles():
        business = createContentInContainer(directory, "Business", checkConstraints=False,
                                            **data)
        business.submitter_email = item["email"]
        _set_owner(business, directory, item.get("user_id"))
        api.content.transition(obj=business, transition="submit")
    logger.info("Proposal confirmed: %s", business.absolute_url(1))
    return business


def _set_owner(business, directory, user_id):
    """A member who proposed their business owns it (and may edit it later); otherwise
    the directory's owner does, and nobody gets the Owner role from an anonymous request."""
    for principal, roles in list(business.get_local_roles()):
        if "Owner" in roles:
            business.manage_delLocalRoles([principal])
    member = api.user.get(userid=user_id) if user_id else None
    if member is not None:
        business.changeOwnership(member.getUser())
        business.manage_setLocalRoles(user_id, ["Owner"])
        business.setCreators([user_id])
    else:
        business.changeOwnership(directory.getOwner())
        business.setCreators([])
    business.reindexObjectSecurity()
