"""Acting as the system: what the server does itself, written one way for every add-on.

Three ways grew apart in the add-ons (a Manager role lent to the person,
an unrestricted user of the e-guichet's own, a stand-in user for a booking's
secret link). They are not the same thing, so each keeps its name here, and
every add-on picks one of them rather than writing its own:

- :func:`with_manager_roles`: the person stays who they are (their id in the
  history) and gets the Manager role for the block: a council item frozen
  with its meeting, an item copied to the next meeting.
- :func:`as_system`: an unrestricted user that is nobody: Zope's unrestricted
  users have no id, so the history names no actor (``None``), and ``actor``
  is only its user name (``getUserName``, what a log shows). It also works
  for an anonymous request, where lent roles cannot pass a workflow's role
  guard (a payment confirmed by a bank statement, a cancellation through a
  tracking link).
- :func:`as_stand_in`: a transient user with only the given roles, so that
  every guard still applies as for the person it stands in for (a booking's
  requester with the Owner role through the link of their mail).
"""

from AccessControl.SecurityManagement import getSecurityManager
from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.SecurityManagement import setSecurityManager
from AccessControl.users import SimpleUser
from AccessControl.users import UnrestrictedUser
from contextlib import contextmanager
from plone import api

#: the user name of the server when it acts on nobody's behalf
SYSTEM_USER = "communesplone-system"


def with_manager_roles():
    """The current person with the Manager role, for a ``with`` block."""
    return api.env.adopt_roles(["Manager"])


@contextmanager
def as_system(actor=SYSTEM_USER):
    """Run the block as an unrestricted Manager whose user name is ``actor``."""
    previous = getSecurityManager()
    user = UnrestrictedUser(actor, "", ["Manager"], [])
    newSecurityManager(None, user.__of__(api.portal.get().acl_users))
    try:
        yield
    finally:
        setSecurityManager(previous)


def as_stand_in(user_id, roles):
    """A transient user ``user_id`` with ``roles`` and no more, for a ``with`` block."""
    user = SimpleUser(user_id, "", tuple(roles), ()).__of__(api.portal.get().acl_users)
    return api.env.adopt_user(user=user)


def system_transition(obj, transition, comment="", actor=None):
    """Run ``transition`` on ``obj`` whatever the current user may do.

    Without ``actor`` the history names the current person (roles lent, see
    :func:`with_manager_roles`); with one, an unrestricted user of that name
    (:func:`as_system`, no actor in the history), which also works for an
    anonymous request.
    """
    acting = with_manager_roles() if actor is None else as_system(actor)
    with acting:
        api.content.transition(obj=obj, transition=transition, comment=comment)
