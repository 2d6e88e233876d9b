"""Cross-site protection of the REST API for people logged in by a cookie.

plone.restapi turns plone.protect off for its services (an API client has no
form to carry a token), so a page of another site could make a logged-in
clerk's browser send ``POST <order>/@workflow/confirm_payment`` with a
``text/plain`` or form body: the browser adds the session cookie by itself
(``SameSite=Lax`` lets another commune of the same domain do it). A request
whose credentials come with the browser (the ``__ac`` cookie, a client
certificate) therefore changes nothing unless

* it is JSON (``Content-Type: application/json``: a cross-site page cannot
  send it without a CORS preflight, which Plone never grants) or carries
  plone.protect's token (``_authenticator`` or the ``X-CSRF-TOKEN`` header), and
* its ``Origin`` (or, without one, its ``Referer``), when present, is the site's own.

A request with an ``Authorization`` header (Basic, Bearer/JWT) is an API
client's: a browser never adds that header to a cross-site request, so it
goes through as before. Anonymous requests carry no credentials to abuse.
"""

from communesplone.core import _
from communesplone.core import logger
from communesplone.core.installed import on_installed_requests
from plone.protect.authenticator import _verify_request
from plone.rest.interfaces import IAPIRequest
from plone.rest.service import Service
from urllib.parse import urlsplit
from zExceptions import Forbidden
from zope.i18n import translate

#: Methods that change something (GET, HEAD, OPTIONS never do in Plone's API).
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
#: Methods that carry a body whose type matters.
BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})
DEFAULT_PORTS = {"http": 80, "https": 443}

MSG_FOREIGN_ORIGIN = _(
    "error_crosssite_origin",
    default="This request comes from another site: nothing was changed. "
    "Do it again from the commune's own pages.",
)
MSG_NOT_JSON = _(
    "error_crosssite_content_type",
    default="A change made with your browser session must be sent as JSON "
    "(Content-Type: application/json): nothing was changed.",
)


class CrossSiteRequestRefused(Forbidden):
    """A state change refused by :func:`check_request`; its message is translated.

    Answered as ``403 {"error": {"type": "Forbidden", "message": ...}}`` by
    :class:`communesplone.core.browser.crosssite.CrossSiteRefusedView`.
    """


def origin_of(url):
    """``(scheme, host, port)`` of a URL, or None when it has none (``null``, junk)."""
    try:
        parts = urlsplit((url or "").strip())
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        return None
    return parts.scheme, parts.hostname.lower(), port or DEFAULT_PORTS[parts.scheme]


def is_own_origin(request):
    """Whether the request's ``Origin`` (else ``Referer``), if any, is the site's.

    The site's origin is the one the publisher serves (``SERVER_URL``, virtual
    hosting applied). ``Origin: null`` (a sandboxed frame, a data: page) is foreign.
    """
    own = origin_of(request.get("SERVER_URL", ""))
    claimed = request.getHeader("Origin")
    if claimed is None:
        claimed = request.getHeader("Referer")
        if not claimed:
            return True
    return own is not None and origin_of(claimed) == own


def media_type(request):
    """The request body's media type, lower case, without parameters."""
    return (request.getHeader("Content-Type") or "").split(";")[0].strip().lower()


def has_ambient_credentials(request, user):
    """Whether ``user`` was authenticated by what a browser sends by itself.

    Anything but an ``Authorization`` header: the session cookie, a client
    certificate forwarded by the proxy.
    """
    if user is None or user.getUserName() == "Anonymous User":
        return False
    return not request._auth


def is_rest_service(request):
    """Whether the request calls a REST service (not a browser page: those have
    plone.protect, even when a script asks for JSON)."""
    if not IAPIRequest.providedBy(request):
        return False
    published = request.get("PUBLISHED")
    return isinstance(getattr(published, "__self__", published), Service)


def refusal(request, user):
    """The message why this request may change nothing, or None when it may."""
    method = (request.get("REQUEST_METHOD") or "GET").upper()
    if method not in UNSAFE_METHODS or not is_rest_service(request):
        return None
    if not has_ambient_credentials(request, user):
        return None
    if not is_own_origin(request):
        return MSG_FOREIGN_ORIGIN
    json_body = media_type(request) == "application/json"
    if method in BODY_METHODS and not json_body and not _verify_request(request):
        return MSG_NOT_JSON
    return None


@on_installed_requests()
def check_request(event):
    """After traversal (the user is known): refuse a cross-site state change (403)."""
    request = event.request
    user = request.get("AUTHENTICATED_USER")
    message = refusal(request, user)
    if message is None:
        return
    logger.warning(
        "Refused a cross-site %s %s by %s (Origin %r, Referer %r, Content-Type %r)",
        request.get("REQUEST_METHOD"), request.get("ACTUAL_URL"), user.getId(),
        request.getHeader("Origin"), request.getHeader("Referer"),
        request.getHeader("Content-Type"),
    )
    raise CrossSiteRequestRefused(translate(message, context=request))
