"""The e-guichet's transitions that the server makes itself (ask for payment,
payment confirmed by a statement, cancellation through a tracking link).

Core's :func:`communesplone.core.system.system_transition`, with the
e-guichet's own actor in the history (as before core had it): an anonymous
request passes the workflow's role guards too.
"""

from communesplone.core.system import system_transition as _system_transition

#: who the orders' history names for these transitions
SYSTEM_USER = "communesplone-eguichet"


def system_transition(order, transition, comment=""):
    _system_transition(order, transition, comment, actor=SYSTEM_USER)
