"""States of council items and meetings that several modules read, defined once.

Below :mod:`communesplone.deliberations.lifecycle` and
:mod:`communesplone.deliberations.publication`: the lifecycle calls the
publication when a meeting is published, so the publication cannot import
the lifecycle for its constants.
"""

#: the decided states whose public items are published with their meeting
PUBLISHABLE_STATES = ("accepted", "accepted_but_modified", "refused")
#: the states in which the council has decided on an item (its decision is final)
DECIDED_STATES = ("accepted", "accepted_but_modified", "refused", "postponed", "withdrawn",
                  "published")
#: the item states anyone who may see the meeting may see (once the agenda is out)
PUBLIC_ITEM_STATES = ("frozen", "accepted", "accepted_but_modified", "refused", "postponed",
                      "withdrawn", "published")
#: the meeting states in which the meeting is public
PUBLIC_MEETING_STATES = ("frozen", "in_session", "decided", "closed", "published")
