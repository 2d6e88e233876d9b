"""The e-guichet's transitions that the server makes itself (ask for payment,
payment confirmed by a statement, cancellation through a tracking link).

Core's :func:`communesplone.core.system.system_transition` as an
unrestricted user named for the e-guichet (as before core had it): an
anonymous request passes the workflow's role guards too.
"""

from communesplone.core.system import system_transition as _system_transition

#: the user name the server acts under (an unrestricted user: no actor in the history)
SYSTEM_USER = "communesplone-eguichet"


def system_transition(order, transition, comment=""):
    _system_transition(order, transition, comment, actor=SYSTEM_USER)
