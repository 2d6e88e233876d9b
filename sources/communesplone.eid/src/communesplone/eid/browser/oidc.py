"""OpenID Connect login: ``@@oidc-login?provider=ID`` and ``@@oidc-callback``.

State, nonce and PKCE live in a sealed cookie (encrypted and authenticated
with a key derived from the site's keyring, valid 15 minutes), so nothing is
written before the provider has answered.
"""

from communesplone.core.assurance import LEVELS
from communesplone.core.assurance import cookie_path
from communesplone.core.assurance import IdentityProviderInfo
from communesplone.core.assurance import IIdentityProviderSource
from communesplone.core.assurance import certify
from communesplone.core.assurance import seal
from communesplone.core.assurance import unseal
from communesplone.core.audit import append as audit
from communesplone.core.browser.assurance import safe_came_from
from communesplone.core.validation import is_valid_rrn
from communesplone.eid import _
from communesplone.eid import logger
from communesplone.eid import members
from communesplone.eid.oidc import OidcError
from communesplone.eid.oidc import begin_login
from communesplone.eid.oidc import complete_login
from communesplone.eid.oidc_settings import enabled_providers
from communesplone.eid.oidc_settings import highest_level
from plone import api
from plone.protect.interfaces import IDisableCSRFProtection
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zope.interface import alsoProvides
from zope.interface import implementer

import json

COOKIE = "__cp_oidc"
PENDING_SECONDS = 15 * 60

MESSAGES = {
    "unknown_provider": _("oidc_error_unknown_provider",
                          default="This means of identification is not offered on this site."),
    "level_unavailable": _("oidc_error_level_unavailable",
                           default="This means of identification cannot reach the level required."),
    "bad_state": _("oidc_error_bad_state",
                   default="Your identification session expired or was interrupted: "
                   "please start again."),
    "expired_state": _("oidc_error_bad_state",
                       default="Your identification session expired or was interrupted: "
                       "please start again."),
    "provider_error": _("oidc_error_provider_error",
                        default="The identity provider did not identify you (cancelled or "
                        "refused)."),
    # No means named: the step-up page lists those the commune configured.
    "insufficient_acr": _("oidc_error_insufficient_acr_means",
                          default="You identified yourself with a means that is not strong "
                          "enough for this service: choose a stronger one among those the "
                          "identification page offers."),
    "link_required": _("oidc_error_link_required",
                       default="Log in with your password first: your identity will then be "
                       "linked to your account."),
}
DEFAULT_MESSAGE = _("oidc_error_technical",
                    default="The identification could not be completed because of a technical "
                    "problem with the identity provider. Please try again later.")


def _site_url():
    return api.portal.get().absolute_url()


def _subject_key(plugin, provider_id, subject):
    """The provider's subject, keyed like the register number (never stored in clear)."""
    return plugin.key_for(subject, namespace=f"oidc:{provider_id}")


def resolve_member(request, config, identity):
    """The member this identity belongs to: linked before, the logged-in one, or a new one.

    A national register number (FAS gives it) links to the same account as the
    eID card; otherwise the provider's subject identifies the person.
    """
    plugin = members.get_plugin()
    keys = [_subject_key(plugin, config.id, identity.subject)]
    if identity.national_number and is_valid_rrn(identity.national_number):
        keys.insert(0, members.identity_key(plugin, identity.national_number))
    user_id = next(filter(None, (members.member_for_key(key) for key in keys)), None)
    fullname = f"{identity.given_names} {identity.surname}".strip()
    if user_id is None and not api.user.is_anonymous():
        user_id = api.user.get_current().getId()
    if user_id is None:
        if api.portal.get_registry_record("communesplone.eid.member_policy",
                                          default="create") != "create":
            return None
        user_id = members.create_member(fullname)
    for key in keys:
        members.link(key, user_id, fullname)
    return user_id


class OidcErrorPage(BrowserView):
    index = ViewPageTemplateFile("templates/oidc_error.pt")

    def render(self, reason, status=400):
        self.reason = reason
        self.message = MESSAGES.get(reason, DEFAULT_MESSAGE)
        self.request.response.setStatus(status)
        return self.index()


class OidcLoginView(OidcErrorPage):
    """Send the citizen to the provider, asking for the level the service needs."""

    def __call__(self):
        form = self.request.form
        config = enabled_providers().get(form.get("provider", ""))
        if config is None:
            return self.render("unknown_provider", 404)
        level = form.get("level") if form.get("level") in LEVELS else "substantial"
        came_from = safe_came_from(form.get("came_from"))
        try:
            url, pending = begin_login(config, f"{_site_url()}/@@oidc-callback",
                                       required_level=level)
        except OidcError as error:
            logger.warning("OpenID provider %s unavailable: %s", config.id, error.reason)
            return self.render(error.reason, 502)
        except ValueError:
            return self.render("level_unavailable", 400)
        token = seal(json.dumps({"pending": pending, "came_from": came_from}), "oidc")
        self.request.response.setCookie(
            COOKIE, token, path=cookie_path(), http_only=True, same_site="Lax",
            secure=self.request.get("SERVER_URL", "").startswith("https://"),
        )
        self.request.response.redirect(url, lock=True)
        return ""


class OidcCallbackView(OidcErrorPage):
    """The provider sends the citizen back here with a code: verify, log in, certify."""

    def __call__(self):
        # The state, nonce and PKCE checks below bind this request to the
        # browser that started the login: a forged cross-site request fails
        # them. It writes (member, link, audit), hence no plone.protect token.
        alsoProvides(self.request, IDisableCSRFProtection)
        response = self.request.response
        response.expireCookie(COOKIE, path=cookie_path())
        sealed = self.request.cookies.get(COOKIE)
        data = json.loads(unseal(sealed, "oidc", PENDING_SECONDS) or "null") if sealed else None
        if not data:
            return self.refuse(None, "bad_state")
        config = enabled_providers().get(data["pending"].get("provider", ""))
        if config is None:
            return self.refuse(None, "unknown_provider")
        try:
            identity = complete_login(config, data["pending"], dict(self.request.form),
                                      f"{_site_url()}/@@oidc-callback")
        except OidcError as error:
            return self.refuse(config, error.reason)
        user_id = resolve_member(self.request, config, identity)
        if user_id is None:
            return self.refuse(config, "link_required", status=401)
        members.log_in(self.request, user_id)
        certify(
            self.request, user_id=user_id, level=identity.level, provider=f"oidc:{config.id}",
            provider_title=config.title, given_names=identity.given_names or "",
            surname=identity.surname or "", national_number=identity.national_number,
        )
        response.redirect(data.get("came_from") or _site_url(), lock=True)
        return ""

    def refuse(self, config, reason, status=403):
        provider = f"oidc:{config.id}" if config else "oidc"
        client = self.request.environ.get("REMOTE_ADDR")
        logger.warning("OpenID Connect login refused (%s, %s) from %s", provider, reason, client)
        audit("refused", provider=provider, reason=reason, client=client)
        return self.render(reason, status)


@implementer(IIdentityProviderSource)
class OidcProviderSource:
    """The enabled OpenID Connect providers, for the step-up page."""

    def providers(self, site):
        url = site.absolute_url()
        return [
            IdentityProviderInfo(
                id=f"oidc-{config.id}", title=config.title, level=highest_level(config),
                login_url=f"{url}/@@oidc-login?provider={config.id}",
            )
            for config in enabled_providers().values()
        ]
