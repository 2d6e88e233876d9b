"""Where a resource keeps the periods it holds: the occupancy tree, nothing else.

A module of its own, below both :mod:`communesplone.booking.occupancy` (which
checks and writes the tree) and :mod:`communesplone.booking.quotas` (which
rebuilds its usage from the bookings the tree holds): occupancy calls quotas
on every reservation, so quotas cannot import occupancy without a circle.
"""

from Acquisition import aq_base
from BTrees.LOBTree import LOBTree

TREE_ATTR = "_booking_occupancy"


def tree_of(resource):
    """The occupancy tree of ``resource``, created when missing."""
    # aq_base: never acquire another object's tree; getattr (not __dict__)
    # loads a ghost first, so an existing tree is never replaced.
    tree = getattr(aq_base(resource), TREE_ATTR, None)
    if tree is None:
        tree = LOBTree()
        setattr(resource, TREE_ATTR, tree)
    return tree
