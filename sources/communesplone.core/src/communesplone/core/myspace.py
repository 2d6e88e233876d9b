"""A citizen's own space ("Mon espace"): what they asked for and where it stands.

Core knows no add-on: each registers an :class:`IMySpaceSection` utility (its
orders, bookings, entries) and this module lists them, in their order, for one
member, with the member's identity level. The browser page ``@@my-space`` and
the REST service ``@my-space`` both show :func:`my_space`, so they never differ.
Texts are translated here (dates and states in words), for the page and for
clients that show them as they are.
"""

from communesplone.core import _
from communesplone.core.assurance import LEVEL_TITLES
from communesplone.core.assurance import get_assurance
from communesplone.core.interfaces import IMySpaceSection
from communesplone.core.levels import LEVELS
from plone import api
from urllib.parse import urlencode
from zope.component import getUtilitiesFor
from zope.i18n import translate

LEVEL_HELP = {
    "none": _("myspace_level_help_none",
              default="Your account is not linked to a proven identity: some documents "
                      "ask you to identify yourself first."),
    "low": _("myspace_level_help_low",
             default="Your account is confirmed by your password: enough for the "
                     "simplest documents."),
    "substantial": _("myspace_level_help_substantial",
                     default="Your identity is confirmed (itsme or an equivalent): "
                             "enough for most documents."),
    "high": _("myspace_level_help_high",
              default="Your identity is confirmed with your eID card: every document "
                      "is open to you."),
}


def language_of(request):
    """The page's language, two letters (``fr`` when nothing says otherwise)."""
    language = request.get("LANGUAGE") if request is not None else None
    return (language or api.portal.get_current_language() or "fr").split("-")[0]


def state_title(portal_type, state, request):
    """A workflow state in words, in the page's language ("En attente de paiement")."""
    workflow = api.portal.get_tool("portal_workflow")
    title = workflow.getTitleForStateOnType(state, portal_type) or state
    return translate(title, domain="plone", context=request)


def sections():
    """The registered sections as ``(name, section)``, in their order."""
    return sorted(getUtilitiesFor(IMySpaceSection), key=lambda pair: (pair[1].order, pair[0]))


def _t(message, request):
    return translate(message, context=request)


def identity(request, came_from):
    """The member's identity level in words, and where to raise it."""
    level = get_assurance(request).level
    step_up = None
    if level != LEVELS[-1]:
        # the step-up page lists the means that give at least this level
        wanted = "substantial" if level in ("none", "low") else "high"
        step_up = "{}/@@identity-step-up?{}".format(
            api.portal.get().absolute_url(),
            urlencode({"level": wanted, "reason": "no_assurance", "came_from": came_from}))
    return {
        "level": level,
        "title": _t(LEVEL_TITLES[level], request),
        "help": _t(LEVEL_HELP[level], request),
        "step_up_url": step_up,
    }


def my_space(user_id, request, came_from=""):
    """Everything the member's own space shows, JSON-ready and translated."""
    portal = api.portal.get()
    found = []
    for name, section in sections():
        action_url = section.action_url(portal)
        items = section.items(user_id, request)
        if not items and action_url is None:
            continue  # nothing asked and nowhere to ask: the add-on is not in use here
        found.append({
            "id": name,
            "title": _t(section.title, request),
            "items": items,
            "empty_text": _t(section.empty_text, request),
            "action": ({"title": _t(section.action_title, request), "url": action_url}
                       if action_url else None),
            "links": [{"title": _t(title, request), "url": url}
                      for title, url in section.links(portal)],
        })
    return {"sections": found, "identity": identity(request, came_from)}
