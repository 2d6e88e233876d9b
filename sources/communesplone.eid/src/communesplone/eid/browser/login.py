"""``@@eid-login``: log in with the eID card.

The reverse proxy asks for the client certificate on this URL (see
``docs/eid.md``) and forwards it; the certificate has already been checked
by the PAS plugin's extraction (:mod:`communesplone.eid.verification`, once
per request). Here the person is resolved to a member (linked, created or
linked to the account they are logged in with), logged in and certified at
level ``high``; then sent back to ``came_from`` when it is a URL of this site.
Every failure renders a page that says what to do, never a traceback.
"""

from communesplone.core.assurance import certify
from communesplone.core.browser.assurance import safe_came_from
from communesplone.core.limits import MinuteCounter
from communesplone.eid import _
from communesplone.eid import logger
from communesplone.eid.members import create_member
from communesplone.eid.members import get_plugin
from communesplone.eid.members import identity_key
from communesplone.eid.members import keys_of
from communesplone.eid.members import link
from communesplone.eid.members import log_in
from communesplone.eid.members import member_for_key
from communesplone.eid.plugin import PROVIDER_ID
from communesplone.eid.plugin import provider_title
from communesplone.eid.verification import read_config
from communesplone.eid.verification import record_outcome
from communesplone.eid.verification import verify_request
from plone import api
from plone.protect.interfaces import IDisableCSRFProtection
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from Products.statusmessages.interfaces import IStatusMessage
from urllib.parse import urlencode
from zope.interface import alsoProvides

import transaction

#: Anonymous failed eID logins a client may make per minute (per process, in memory).
ATTEMPTS_PER_MINUTE = 20
ATTEMPTS = MinuteCounter()

#: reason code -> (HTTP status, message)
MESSAGES = {
    "no_certificate": (401, _(
        "eid_error_no_certificate",
        default="No eID card certificate was received. Insert your card in the reader, "
        "then try again and choose your authentication certificate when your browser asks "
        "for it. If your browser does not ask, close it completely and open it again.",
    )),
    "malformed": (403, _(
        "eid_error_malformed",
        default="The certificate received cannot be read. Try again; if the problem "
        "persists, check that the eID software of your computer is up to date.",
    )),
    "untrusted": (403, _(
        "eid_error_untrusted",
        default="This certificate was not issued by the Belgian eID authorities. "
        "Use your Belgian identity card (eID) or your electronic residence card.",
    )),
    "bad_chain": (403, _(
        "eid_error_bad_chain",
        default="The chain of authorities behind this certificate is not valid. "
        "Use your Belgian identity card (eID) or your electronic residence card.",
    )),
    "expired": (403, _(
        "eid_error_expired",
        default="Your eID card's certificate has expired. Check the validity date on your "
        "card; the commune's population service can renew the card or its certificates.",
    )),
    "not_yet_valid": (403, _(
        "eid_error_not_yet_valid",
        default="Your eID card's certificate is not valid yet. If your card is new, it may "
        "need to be activated at the commune's population service; otherwise check the "
        "date and time of your computer.",
    )),
    "not_authentication": (403, _(
        "eid_error_not_authentication",
        default="You chose the signature certificate: choose the authentication one. Close "
        "your browser, open this page again and, when your browser asks for a certificate, "
        "choose the one marked \"Authentication\".",
    )),
    "revoked": (403, _(
        "eid_error_revoked",
        default="The certificate of this eID card has been revoked (the card was reported "
        "lost, stolen or replaced). Please contact the commune's population service.",
    )),
    "revocation_unknown": (403, _(
        "eid_error_revocation_unknown",
        default="The validity of your card cannot be checked right now. Please try again "
        "later; if the problem persists, contact the commune.",
    )),
    "bad_subject": (403, _(
        "eid_error_bad_subject",
        default="This certificate does not hold a valid national register number and name. "
        "Use the authentication certificate of your Belgian eID card.",
    )),
    "link_required": (401, _(
        "eid_error_link_required",
        default="No account of this site is linked to your eID card yet. Log in with your "
        "user name and password first, then log in with your eID card: the card will be "
        "linked to your account.",
    )),
    "linked_to_other": (403, _(
        "eid_error_linked_to_other",
        default="The account you are logged in with is already linked to another person's "
        "eID card. Log out, then log in with your eID card.",
    )),
    "too_many": (429, _(
        "eid_error_too_many",
        default="Too many attempts to log in with an eID card from your connection. "
        "Wait a minute, then try again.",
    )),
    "not_available": (503, _(
        "eid_error_not_available",
        default="Logging in with the eID card is not available on this site.",
    )),
}


class EidLoginView(BrowserView):
    """Verify the certificate, resolve the member, log in, certify, redirect."""

    index = ViewPageTemplateFile("templates/eid_login.pt")
    title = _("eid_login_title", default="Log in with your eID card")

    def __call__(self):
        # This view writes on a GET (the member, the link, the login time, the
        # audit log) and cannot carry a CSRF token: it is reached by a link,
        # and its credential is the client certificate of the TLS connection,
        # not a form. That is safe: it only ever logs in the holder of the card
        # presented on this very connection (PIN entered), which a page of
        # another site that links here cannot choose or forge.
        alsoProvides(self.request, IDisableCSRFProtection)
        self.came_from = safe_came_from(self.request.form.get("came_from"))
        try:
            return self.login()
        except Exception:
            # Never a traceback page, and nothing half-made (member without link).
            logger.exception("eID login failed")
            transaction.doom()
            return self.failure("not_available")

    def login(self):
        outcome = verify_request(self.request)
        if outcome.status != "verified" and api.user.is_anonymous():
            # counted in memory, never written: over the limit, 429 and nothing audited
            attempts, wait = ATTEMPTS.add(outcome.client or self.request.getClientAddr())
            if attempts > ATTEMPTS_PER_MINUTE:
                self.request.response.setHeader("Retry-After", str(wait))
                return self.failure("too_many")
        # the first failure of a client per minute is audited, not each attempt
        # (successes are audited by ``certify``)
        record_outcome(self.request, outcome)
        if outcome.status in ("absent", "ignored"):
            return self.failure("no_certificate")
        if outcome.status != "verified":
            return self.failure(outcome.reason)
        plugin = get_plugin()
        if plugin is None:
            return self.failure("not_available")
        identity = outcome.identity
        fullname = f"{identity.given_names} {identity.surname}"
        key = identity_key(plugin, identity.national_number)
        user_id = member_for_key(key)
        if user_id is None:
            current = self.current_member_id()
            if current is not None:
                if keys_of(current, namespace="rrn"):
                    return self.failure("linked_to_other")
                member = api.user.get(userid=current)
                has_name = bool(member and member.getProperty("fullname", ""))
                link(key, current, None if has_name else fullname)
                user_id = current
            elif read_config().member_policy == "create":
                user_id = create_member(fullname)
                link(key, user_id, fullname)
            else:
                return self.failure("link_required")
        log_in(self.request, user_id)
        certify(
            self.request, user_id=user_id, level=identity.level, provider=PROVIDER_ID,
            provider_title=provider_title(self.request), given_names=identity.given_names,
            surname=identity.surname, national_number=identity.national_number,
        )
        IStatusMessage(self.request).add(
            _("eid_logged_in", default="You are logged in with your eID card."), type="info"
        )
        self.request.response.redirect(self.came_from or api.portal.get().absolute_url())
        return ""

    def current_member_id(self):
        """The member of this site logged in on this request (by password), or None."""
        if api.user.is_anonymous():
            return None
        user_id = api.user.get_current().getId()
        if api.portal.get_tool("acl_users").getUserById(user_id) is None:
            return None  # a Zope root user: not a member of this site
        return user_id

    def failure(self, reason):
        status, message = MESSAGES.get(reason, MESSAGES["malformed"])
        self.reason = reason
        self.message = message
        self.retry_url = self.login_url()
        self.password_login_url = None
        if reason == "link_required":
            query = urlencode({"came_from": self.retry_url})
            self.password_login_url = f"{api.portal.get().absolute_url()}/login?{query}"
        self.request.response.setStatus(status, lock=True)
        self.request.response.setHeader("Cache-Control", "no-store")
        return self.index()

    def login_url(self):
        url = f"{api.portal.get().absolute_url()}/@@eid-login"
        if self.came_from:
            url = f"{url}?{urlencode({'came_from': self.came_from})}"
        return url
