"""Back where the visitor was after creating an account.

An anonymous visitor who clicks "Commander" is asked to log in or to create an
account, with ``came_from`` naming the order form. Plone's registration form
forgets it: its form posts to itself without the query, and the account is
finished later, through the link mailed to set the password. So the register
form, opened with a ``came_from``, remembers it in a cookie of this browser
(a page of this site only, for two days); the first login after it (password
set through the mailed link, or the login form) returns there.
"""

from plone import api
from urllib.parse import urlsplit

COOKIE = "communesplone_came_from"
#: two days, as long as Plone's password-setting link lives by default (168 h max)
MAX_AGE = 2 * 24 * 3600
#: pages that are no destination: logging in again, registering, setting a password
_DETOURS = ("login", "logged_out", "require_login", "@@register", "register",
            "passwordreset", "mail_password_form", "@@new-user", "insufficient-privileges")


def in_site(url):
    """True for an address of this site (never a redirect elsewhere)."""
    return bool(url) and api.portal.get_tool("portal_url").isURLInPortal(url)


def is_detour(url):
    """True when ``url`` is no page to come back to: none, the front page, a login page."""
    if not url:
        return True
    path = urlsplit(url).path.rstrip("/")
    portal_path = urlsplit(api.portal.get().absolute_url()).path.rstrip("/")
    return path == portal_path or any(part in _DETOURS for part in path.split("/"))


def remember(request, url):
    """Keep ``url`` for after the account is made (an address of this site only)."""
    if in_site(url) and not is_detour(url):
        request.response.setCookie(COOKIE, url, path="/", max_age=MAX_AGE,
                                   http_only=True, same_site="Lax")
        return True
    return False


def take(request):
    """The remembered page, forgotten as it is given; None if there is none."""
    url = request.cookies.get(COOKIE)
    if not url:
        return None
    request.response.expireCookie(COOKIE, path="/")
    return url if in_site(url) and not is_detour(url) else None


def after_login(request, came_from):
    """Where a login leads: ``came_from`` when it names a page, else the page
    remembered at registration, else ``came_from`` as Plone would use it."""
    if not is_detour(came_from):
        return came_from
    return take(request) or came_from
