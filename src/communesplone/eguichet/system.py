"""Acting as the system: transitions the server makes itself (ask for payment,
payment confirmed by a statement, cancellation through a tracking link)."""

from AccessControl.SecurityManagement import getSecurityManager
from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.SecurityManagement import setSecurityManager
from AccessControl.users import UnrestrictedUser
from contextlib import contextmanager
from plone import api

SYSTEM_USER = "communesplone-eguichet"


@contextmanager
def as_system():
    """Run the block as an unrestricted Manager (also for an anonymous request,
    where ``api.env.adopt_roles`` cannot pass a workflow's role guard)."""
    previous = getSecurityManager()
    user = UnrestrictedUser(SYSTEM_USER, "", ["Manager"], [])
    newSecurityManager(None, user.__of__(api.portal.get().acl_users))
    try:
        yield
    finally:
        setSecurityManager(previous)


def system_transition(order, transition, comment=""):
    with as_system():
        api.content.transition(obj=order, transition=transition, comment=comment)
