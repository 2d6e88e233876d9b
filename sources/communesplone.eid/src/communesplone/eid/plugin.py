"""The PAS plugin of the Belgian eID card.

The TLS-terminating reverse proxy asks for the card's authentication
certificate and forwards it in a request header; this plugin checks where the
header comes from and the certificate itself (:mod:`.verification`), and
turns it into a member:

* extraction: a trusted, valid certificate gives the credentials
  ``{"communesplone.eid": EidIdentity}``; a refused or ignored one gives none
  and is audited;
* authentication: the identity's keyed hash (HMAC-SHA256 of the national
  register number with a secret of this plugin) leads to the linked member.
  An unknown card authenticates nobody: members are created and linked only
  by the ``@@eid-login`` page, never as a side effect of an arbitrary request;
* properties: the name on the card for the members it created;
* roles: none (see :meth:`EidPlugin.getRolesForPrincipal`);
* challenge: to ``@@eid-login`` when asked (see :data:`CHALLENGE_KEY`) or
  when the site logs in with the eID card only;
* credentials reset (logout): the identity assurance ends too.

The national register number is never stored: only its keyed hash.
"""

from AccessControl.SecurityInfo import ClassSecurityInfo
from AccessControl.SecurityManagement import getSecurityManager
from AccessControl.class_init import InitializeClass
from BTrees.OOBTree import OOBTree
from communesplone.core.assurance import AssuranceRecord
from communesplone.core.assurance import clear_assurance
from communesplone.core.assurance import set_request_assurance
from communesplone.eid import _
from communesplone.eid import logger
from communesplone.eid.certificates import EidIdentity
from communesplone.eid.verification import eid_only_login
from communesplone.eid.verification import record_outcome
from communesplone.eid.verification import verify_request
from datetime import datetime
from datetime import UTC
from plone.rest.interfaces import IAPIRequest
from Products.PluggableAuthService.interfaces.plugins import IAuthenticationPlugin
from Products.PluggableAuthService.interfaces.plugins import IChallengePlugin
from Products.PluggableAuthService.interfaces.plugins import ICredentialsResetPlugin
from Products.PluggableAuthService.interfaces.plugins import IExtractionPlugin
from Products.PluggableAuthService.interfaces.plugins import IPropertiesPlugin
from Products.PluggableAuthService.interfaces.plugins import IRolesPlugin
from Products.PluggableAuthService.plugins.BasePlugin import BasePlugin
from urllib.parse import urlencode
from zope.globalrequest import getRequest
from zope.i18n import translate
from zope.interface import Interface
from zope.interface import implementer

import hashlib
import hmac
import secrets

#: The id of the plugin in the site's ``acl_users``.
PLUGIN_ID = "eid"
#: The key of the credentials this plugin extracts.
CREDENTIALS_KEY = "communesplone.eid"
#: Code that raises ``Unauthorized`` and wants the eID login instead of the
#: password form sets ``request.other[CHALLENGE_KEY] = True`` first.
CHALLENGE_KEY = "communesplone.eid.challenge"
#: The interfaces the profile activates.
PLUGIN_INTERFACES = (
    IExtractionPlugin,
    IAuthenticationPlugin,
    IPropertiesPlugin,
    IRolesPlugin,
    IChallengePlugin,
    ICredentialsResetPlugin,
)

PROVIDER_ID = "eid"
PROVIDER_TITLE = _("eid_provider_title", default="Belgian eID card")


class IEidPlugin(Interface):
    """Marker of the eID PAS plugin."""


def provider_title(request=None):
    """"Belgian eID card" in the request's language."""
    return translate(PROVIDER_TITLE, context=request if request is not None else getRequest())


def manage_addEidPlugin(dispatcher, id=PLUGIN_ID, title=None, REQUEST=None):
    """Add an eID plugin to a PAS (the profile's setup handler calls it)."""
    plugin = EidPlugin(id, title=title)
    dispatcher._setObject(plugin.getId(), plugin)
    if REQUEST is not None:
        REQUEST.response.redirect(
            f"{dispatcher.absolute_url()}/manage_workspace?manage_tabs_message=eID+plugin+added."
        )
    return dispatcher._getOb(plugin.getId())


def _is_anonymous():
    user = getSecurityManager().getUser()
    return user is None or user.getUserName() == "Anonymous User"


@implementer(IEidPlugin, *PLUGIN_INTERFACES)
class EidPlugin(BasePlugin):
    """Authenticates citizens with the authentication certificate of their eID card."""

    meta_type = "CommunesPlone eID Plugin"
    security = ClassSecurityInfo()

    def __init__(self, id=PLUGIN_ID, title=None):
        self._setId(id)
        self.title = title or "Belgian eID card"
        # Keys the national register numbers; never shown, never exported.
        self._hmac_secret = secrets.token_bytes(32)
        self._links = OOBTree()  # identity key (HMAC hex) -> user id
        self._fullnames = OOBTree()  # user id -> name on the card

    # --- identity keys and links (the public API is members.py) ---------------

    @security.private
    def key_for(self, value, namespace="rrn"):
        """The key of ``value``: HMAC-SHA256 hex of a national register number
        (separators ignored); ``namespace:`` + HMAC hex for another namespace
        (e.g. ``oidc:<provider>`` and the provider's subject)."""
        if namespace == "rrn":
            value = "".join(ch for ch in str(value) if ch.isascii() and ch.isdigit())
        message = f"{namespace}:{value}".encode()
        digest = hmac.new(self._hmac_secret, message, hashlib.sha256).hexdigest()
        return digest if namespace == "rrn" else f"{namespace}:{digest}"

    @security.private
    def linked_user(self, key):
        return self._links.get(key)

    @security.private
    def keys_of(self, user_id, namespace=None):
        """The keys linked to ``user_id`` (only those of ``namespace`` if given)."""
        keys = [key for key, linked in self._links.items() if linked == user_id]
        if namespace == "rrn":
            return [key for key in keys if ":" not in key]
        if namespace is not None:
            return [key for key in keys if key.startswith(f"{namespace}:")]
        return keys

    @security.private
    def add_link(self, key, user_id, fullname=None):
        self._links[key] = user_id
        if fullname:
            self._fullnames[user_id] = fullname

    @security.private
    def remove_user(self, user_id):
        """Forget every link and the name of ``user_id`` (member deleted)."""
        for key in self.keys_of(user_id):
            del self._links[key]
        if user_id in self._fullnames:
            del self._fullnames[user_id]

    @security.private
    def fullname_of(self, user_id):
        return self._fullnames.get(user_id)

    # --- IExtractionPlugin ---------------------------------------------------------

    @security.private
    def extractCredentials(self, request):
        try:
            outcome = verify_request(request)
            if outcome.verified:
                return {CREDENTIALS_KEY: outcome.identity}
            record_outcome(request, outcome)
        except Exception:  # never break a page because of the certificate header
            logger.exception("eID credentials extraction failed")
        return {}

    # --- IAuthenticationPlugin -----------------------------------------------------

    @security.private
    def authenticateCredentials(self, credentials):
        identity = credentials.get(CREDENTIALS_KEY)
        if not isinstance(identity, EidIdentity):
            return None
        user_id = self.linked_user(self.key_for(identity.national_number))
        if user_id is None:
            return None
        pas = self._getPAS()
        info = pas._verifyUser(pas.plugins, user_id=user_id)
        if info is None:
            return None
        request = getRequest()
        if request is not None:
            # The proxy presents the certificate with every request of an API
            # client: "high" for this request only, no cookie.
            now = datetime.now(UTC)
            set_request_assurance(request, AssuranceRecord(
                level=identity.level, user_id=info["id"], provider=PROVIDER_ID,
                provider_title=provider_title(request), authenticated_at=now,
                expires_at=None, given_names=identity.given_names, surname=identity.surname,
                national_number=identity.national_number,
            ))
        return info["id"], info["login"]

    # --- IPropertiesPlugin ---------------------------------------------------------

    @security.private
    def getPropertiesForUser(self, user, request=None):
        fullname = self.fullname_of(user.getId())
        return {"fullname": fullname} if fullname else {}

    # --- IRolesPlugin --------------------------------------------------------------

    @security.private
    def getRolesForPrincipal(self, principal, request=None):
        """No role: a certificate proves who someone is, not what they may do.

        Implemented (and activated) on purpose, so that the plugin's place
        among the role managers is explicit and a future change that grants a
        role here is a visible, reviewed decision: roles come from Plone's own
        role manager, groups and local roles, and services check the identity
        assurance level (``require_assurance``) instead.
        """
        return ()

    # --- IChallengePlugin ----------------------------------------------------------

    @security.private
    def challenge(self, request, response, **kw):
        """Send an anonymous browser to ``@@eid-login`` when asked; otherwise let Plone's
        login form challenge (return False)."""
        try:
            if IAPIRequest.providedBy(request) or not _is_anonymous():
                return False
            if not (request.other.get(CHALLENGE_KEY) or eid_only_login()):
                return False
            portal_url = self._getPAS().aq_parent.absolute_url()
        except Exception:
            logger.exception("eID challenge failed, falling back to the login form")
            return False
        came_from = request.get("ACTUAL_URL") or request.get("URL") or portal_url
        if request.get("QUERY_STRING"):
            came_from = f"{came_from}?{request['QUERY_STRING']}"
        response.redirect(
            f"{portal_url}/@@eid-login?{urlencode({'came_from': came_from})}", lock=True
        )
        return True

    # --- ICredentialsResetPlugin ---------------------------------------------------

    @security.private
    def resetCredentials(self, request, response):
        clear_assurance(request)


InitializeClass(EidPlugin)
