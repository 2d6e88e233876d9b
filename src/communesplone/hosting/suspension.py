"""A suspended site: a maintenance page for everyone but the host's administrators.

``communesplone sites suspend ID`` while a commune's site is moved, restored or
closed; ``sites resume ID`` opens it again. The mark is an attribute of the
site object (no profile, no upgrade step: a host's switch, not a commune's
setting). Every request that traverses the site gets a ``503`` with
``Retry-After`` and a short page in the site's languages, except for
Managers, who keep working on it; ``@@ok`` still answers, since the process
is fine.
"""

from AccessControl import getSecurityManager
from communesplone.hosting.subscribers import traversed_site_id

ATTRIBUTE = "_communesplone_suspended"
RETRY_AFTER = "3600"

#: The page, in the four languages a site can speak (no catalogue lookup: the
#: site may be suspended because its content is being restored).
MESSAGES = (
    ("fr", "Site en maintenance", "Ce site est momentanément indisponible pour maintenance. "
     "Merci de réessayer plus tard."),
    ("nl", "Site in onderhoud", "Deze site is tijdelijk niet beschikbaar wegens onderhoud. "
     "Probeer het later opnieuw."),
    ("de", "Website in Wartung", "Diese Website ist wegen Wartungsarbeiten vorübergehend "
     "nicht erreichbar. Bitte versuchen Sie es später erneut."),
    ("en", "Site under maintenance", "This site is temporarily unavailable for maintenance. "
     "Please try again later."),
)


class SiteSuspended(Exception):
    """Raised after traversal into a suspended site; rendered by :class:`SuspendedView`."""


def suspend(site):
    setattr(site, ATTRIBUTE, True)


def resume(site):
    if ATTRIBUTE in site.__dict__:
        delattr(site, ATTRIBUTE)


def is_suspended(site):
    return bool(site.__dict__.get(ATTRIBUTE))


def refuse_when_suspended(event):
    """IPubAfterTraversal: stop every request into a suspended site but a Manager's."""
    request = event.request
    site_id = traversed_site_id(request)
    if site_id is None:
        return
    site = next(parent for parent in request.get("PARENTS", ())
                if getattr(parent, "getId", lambda: None)() == site_id)
    if not is_suspended(site):
        return
    published = request.get("PUBLISHED")
    if getattr(published, "__name__", "") == "ok":
        return
    if getSecurityManager().getUser().has_role("Manager", site):
        return
    raise SiteSuspended(site_id)


class SuspendedView:
    """The maintenance page: 503, ``Retry-After``, never cached."""

    def __init__(self, context, request):
        self.context = context
        self.request = request

    def __call__(self):
        from html import escape

        response = self.request.response
        response.setStatus(503, lock=True)
        response.setHeader("Retry-After", RETRY_AFTER)
        response.setHeader("Cache-Control", "no-store")
        response.setHeader("Content-Type", "text/html; charset=utf-8")
        sections = "".join(
            f'<section lang="{code}"><h1>{escape(title)}</h1><p>{escape(text)}</p></section>'
            for code, title, text in MESSAGES
        )
        return ('<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">'
                '<meta name="viewport" content="width=device-width, initial-scale=1">'
                '<title>Site en maintenance – Site in onderhoud</title>'
                '<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;'
                'padding:0 1rem;color:#1a1a1a;line-height:1.5}h1{font-size:1.4rem}</style>'
                f'</head><body><main>{sections}</main></body></html>')
