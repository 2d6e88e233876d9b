"""HTTP caching for a commune behind a caching proxy (docs/hosting.md).

``plone.app.caching`` decides, per page, how long a shared cache may keep an
anonymous page; ``plone.cachepurging`` tells the proxy to forget a page when
its content changes. Two things are ours:

- what is personal is never cached by anyone but the visitor's own browser,
  whatever a ruleset says: every answer to a logged-in user (cookie, basic or
  bearer), every answer that sets a cookie or shows a status message, and the
  pages that hold a citizen's data without a login (an order's tracking link,
  "Mon espace"). :func:`private_reason` says why an answer is personal and
  :class:`KeepPersonalAnswersPrivate` marks it ``private, no-store`` after
  plone.caching has set its headers (it runs later in the transform chain);
- a change purges the pages that list the changed thing: its parent, the
  parent's parent, up to the front page (:class:`ListingPurgePaths`). The
  proxy forgets each of those paths with its views and queries (the VCL in
  docs/hosting/varnish.vcl turns a PURGE into such a ban).
"""

from communesplone.core.installed import on_installed_requests
from communesplone.policy.interfaces import ICommunesplonePolicyLayer
from Acquisition import aq_chain
from Acquisition import aq_inner
from plone.base.interfaces import IPloneSiteRoot
from plone.dexterity.interfaces import IDexterityContent
from plone.registry.interfaces import IRegistry
from plone.transformchain.interfaces import ITransform
from z3c.caching.interfaces import IPurgePaths
from zope.component import adapter
from zope.component import queryUtility
from zope.globalrequest import getRequest
from zope.interface import Interface
from zope.interface import implementer

PRIVATE = "private, no-store, max-age=0"

#: Cookies that mean "this visitor is somebody" (Plone's session, the REST
#: token, Zope's session, our identity-assurance cookie) or "a message is shown".
PERSONAL_COOKIES = ("__ac", "auth_token", "_ZopeId", "__cp_assurance", "__cp_oidc",
                    "statusmessages")

#: Pages that hold a citizen's data without a login, or that only make sense
#: for one visitor.
PERSONAL_VIEWS = ("track-order", "my-space", "@my-space", "demo-mailbox", "eid-login",
                  "step-up", "login", "login_form", "register", "logout", "mail_password_form",
                  "passwordreset")

#: Form fields that carry a secret (an order's tracking token).
SECRET_FIELDS = ("token",)

#: The registry record that turns plone.caching on (set by :data:`PROFILE`).
ENABLED = "plone.caching.interfaces.ICacheSettings.enabled"
PROXIES = "plone.cachepurging.interfaces.ICachePurgingSettings.cachingProxies"
PURGING = "plone.cachepurging.interfaces.ICachePurgingSettings.enabled"
PROFILE = "profile-communesplone.policy:caching"


def caching_enabled():
    registry = queryUtility(IRegistry)
    return bool(registry is not None and registry.get(ENABLED, False))


def _published_name(request):
    published = request.get("PUBLISHED")
    name = getattr(published, "__name__", "") or ""
    if not name:
        name = (request.get("PATH_INFO") or "").rstrip("/").rsplit("/", 1)[-1]
    return name.lstrip("@") if name.startswith("@@") else name


def private_reason(request, response):
    """Why the answer to ``request`` is personal, or None when it may be shared."""
    if request.get("HTTP_AUTHORIZATION"):
        return "authorization"
    cookies = request.cookies or {}
    for name in PERSONAL_COOKIES:
        if cookies.get(name):
            return f"cookie {name}"
    user = request.get("AUTHENTICATED_USER")
    if user is not None and user.getUserName() != "Anonymous User":
        return "authenticated"
    if response.cookies:
        return "sets a cookie"
    if _published_name(request) in PERSONAL_VIEWS:
        return "personal page"
    form = request.form or {}
    if any(form.get(field) for field in SECRET_FIELDS):
        return "secret in the address"
    return None


def keep_private(request, response):
    """Mark the answer private when it is personal; True when it did."""
    if not caching_enabled() or private_reason(request, response) is None:
        return False
    response.setHeader("Cache-Control", PRIVATE)
    response.setHeader("Expires", "Sat, 1 Jan 2000 00:00:00 GMT")
    for header in ("Last-Modified", "ETag"):
        if response.getHeader(header):
            del response.headers[header.lower()]
    return True


@implementer(ITransform)
@adapter(Interface, Interface)
class KeepPersonalAnswersPrivate:
    """Runs after plone.caching's own transform (order 12000) on every answer."""

    order = 12500

    def __init__(self, published, request):
        self.published = published
        self.request = request

    def _check(self):
        keep_private(self.request, self.request.response)

    def transformBytes(self, result, encoding):
        self._check()

    def transformUnicode(self, result, encoding):
        self._check()

    def transformIterable(self, result, encoding):
        self._check()


@on_installed_requests(ICommunesplonePolicyLayer)
def keep_streamed_private(event):
    """The same for streamed answers (files), which skip the transform chain.

    Registered after plone.caching's own subscriber, so it has the last word.
    """
    request = getRequest()
    if request is not None and event.response is not None:
        keep_private(request, event.response)


@implementer(IPurgePaths)
@adapter(IDexterityContent)
class ListingPurgePaths:
    """The pages that list a changed thing: every container up to the site root.

    The proxy bans each path with its views and queries, so the directory's
    search, the council's calendar and the front page's news show the change
    at once.
    """

    def __init__(self, context):
        self.context = context

    def getRelativePaths(self):
        paths = []
        for parent in aq_chain(aq_inner(self.context))[1:]:
            if not hasattr(parent, "virtual_url_path"):
                break
            path = "/" + parent.virtual_url_path()
            paths.append(path.rstrip("/") or "/")
            if IPloneSiteRoot.providedBy(parent):
                break
        return paths

    def getAbsolutePaths(self):
        return []


def configure_proxies(site, urls):
    """Turn caching on for ``site``, its purges sent to the proxies at ``urls``.

    No ``urls``: pages are still validated by browsers (ETags), nothing is
    purged (no proxy to tell). Idempotent: the profile runs once.
    """
    from zope.component.hooks import getSite
    from zope.component.hooks import setSite

    previous = getSite()
    setSite(site)
    try:
        registry = site.portal_registry
        if not registry.get(ENABLED, False):
            site.portal_setup.runAllImportStepsFromProfile(PROFILE, purge_old=False)
        registry[PROXIES] = tuple(urls)
        registry[PURGING] = bool(urls)
    finally:
        setSite(previous)
