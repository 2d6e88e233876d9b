"""Members identified by an external identity: keys, links, creation, login.

Shared by the eID login and the OpenID Connect integration. An identity is
known by a *key* that reveals nothing: :func:`identity_key` is the keyed hash
(HMAC-SHA256, with a secret kept on the site's eID plugin) of a national
register number; another provider may key its own identifiers with
``plugin.key_for(value, namespace="<provider>")``. A key is linked to at most
one member; a member may hold several keys.
"""

from AccessControl.SecurityManagement import newSecurityManager
from communesplone.core.installed import in_installed_sites
from communesplone.eid import logger
from communesplone.eid.interfaces import ICommunesploneEidLayer
from communesplone.eid.plugin import EidPlugin
from communesplone.eid.plugin import PLUGIN_ID
from plone import api
from Products.CMFCore.utils import getToolByName
from Products.PlonePAS.events import UserInitialLoginInEvent
from Products.PlonePAS.events import UserLoggedInEvent
from zope.event import notify

import secrets

#: Member ids created by the eID login: this prefix and 16 random hex digits.
MEMBER_ID_PREFIX = "eid-"


def get_plugin(site=None):
    """The eID PAS plugin of ``site`` (default: the current site), or None."""
    site = site if site is not None else api.portal.get()
    pas = getToolByName(site, "acl_users", None)
    if pas is None:
        return None
    plugin = pas._getOb(PLUGIN_ID, None)
    return plugin if isinstance(plugin, EidPlugin) else None


def _plugin(plugin=None):
    plugin = plugin if plugin is not None else get_plugin()
    if plugin is None:
        raise LookupError("communesplone.eid is not installed on this site")
    return plugin


def identity_key(plugin, national_number):
    """The key of a national register number (separators ignored): HMAC-SHA256 hex."""
    return _plugin(plugin).key_for(national_number)


def _user_exists(user_id):
    return api.portal.get_tool("acl_users").getUserById(user_id) is not None


def member_for_key(key):
    """The id of the member linked to ``key``, or None (also when it was deleted)."""
    user_id = _plugin().linked_user(key)
    if user_id is None or not _user_exists(user_id):
        return None
    return user_id


def keys_of(user_id, namespace=None):
    """The keys linked to ``user_id``; ``namespace="rrn"``: national register numbers only."""
    return _plugin().keys_of(user_id, namespace)


def link(key, user_id, fullname=None):
    """Link ``key`` to the member ``user_id``; ``fullname``, if given, becomes their name."""
    if not _user_exists(user_id):
        raise LookupError(f"no member {user_id!r}")
    _plugin().add_link(key, user_id, fullname)
    logger.info("Linked an identity to member %s", user_id)


def unlink_member(user_id):
    """Forget every key and the stored name of ``user_id``."""
    plugin = get_plugin()
    if plugin is not None:
        plugin.remove_user(user_id)


def create_member(fullname):
    """Create a member for a newly identified person and return their id.

    The id is ``eid-`` and 16 random hex digits (never derived from personal
    data); the password is 32 random bytes nobody knows, so the account can
    only be used through a linked identity (or after a password reset).
    """
    pas = api.portal.get_tool("acl_users")
    for _attempt in range(10):
        user_id = MEMBER_ID_PREFIX + secrets.token_hex(8)
        if pas.getUserById(user_id) is None:
            break
    else:  # pragma: no cover - 2**64 ids
        raise RuntimeError("could not find a free member id")
    pas.userFolderAddUser(user_id, secrets.token_urlsafe(32), ["Member"], [])
    plugin = get_plugin()
    if plugin is not None and fullname:
        plugin._fullnames[user_id] = fullname
    logger.info("Created member %s for a person identified by an identity provider", user_id)
    return user_id


def log_in(request, user_id):
    """Log ``user_id`` in: a plone.session cookie, this request's user, the login events."""
    site = api.portal.get()
    pas = getToolByName(site, "acl_users")
    user = pas.getUserById(user_id)
    if user is None:
        raise LookupError(f"no member {user_id!r}")
    newSecurityManager(request, user)
    membership = getToolByName(site, "portal_membership")
    first_login = membership.setLoginTimes()
    notify(UserInitialLoginInEvent(user) if first_login else UserLoggedInEvent(user))
    pas.session._setupSession(user_id, request.response)
    return user


@in_installed_sites(ICommunesploneEidLayer)
def forget_deleted_member(event):
    """Subscriber: a deleted member's links and name are removed with them."""
    user_id = getattr(event, "principal", None)
    if isinstance(user_id, str):
        try:
            unlink_member(user_id)
        except Exception:  # no site (Zope root user folder)
            logger.debug("No eID links to remove for %s", user_id)
