"""States of a council item that other modules read, defined once.

Below :mod:`communesplone.deliberations.lifecycle` and
:mod:`communesplone.deliberations.publication`: the lifecycle calls the
publication when a meeting is published, so the publication cannot import
the lifecycle for its constants.
"""

#: the decided states whose public items are published with their meeting
PUBLISHABLE_STATES = ("accepted", "accepted_but_modified", "refused")
