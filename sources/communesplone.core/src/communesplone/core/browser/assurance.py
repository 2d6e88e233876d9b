"""Browser side of identity assurance: the step-up page, the audit log, logout."""

from communesplone.core import _
from communesplone.core.assurance import accepted_providers
from communesplone.core.assurance import clear_assurance
from communesplone.core.assurance import get_assurance
from communesplone.core.assurance import LEVEL_TITLES
from communesplone.core.assurance import LEVELS
from communesplone.core.audit import entries
from communesplone.core.installed import in_installed_sites
from communesplone.core.means import level_meaning
from communesplone.core.means import means_for
from plone import api
from plone.base.interfaces import IPloneSiteRoot
from plone.rest.interfaces import IAPIRequest
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zope.i18n import translate

import json

REASON_MESSAGES = {
    "no_assurance": _(
        "stepup_reason_no_assurance",
        default="This service needs to know who you are with certainty.",
    ),
    "insufficient_level": _(
        "stepup_reason_insufficient_level",
        default="The way you identified yourself is not strong enough for this service.",
    ),
    "expired": _(
        "stepup_reason_expired",
        default="Your identification has expired: please identify yourself again.",
    ),
    "too_old": _(
        "stepup_reason_too_old",
        default="This service needs a recent identification: please identify yourself again.",
    ),
    "account_needed": _(
        "stepup_reason_account_needed",
        default="This service is for people the commune knows: log in or identify yourself "
        "first, then you come back here.",
    ),
}


def safe_came_from(came_from):
    """Only a URL of this site may be returned to (no open redirect)."""
    if came_from and api.portal.get_tool("portal_url").isURLInPortal(came_from):
        return came_from
    return None


def _without_query(url):
    return (url or "").split("?", 1)[0].rstrip("/")


def back_url(candidates, current=()):
    """The first candidate on this site that is none of the ``current`` pages.

    The step-up page is shown in place of the page that asked for it: going
    "back" to that page (or to the step-up page itself) would show it again.
    """
    here = {_without_query(url) for url in current if url}
    for url in candidates:
        url = safe_came_from(url)
        if url and _without_query(url) not in here and "@@identity-step-up" not in url:
            return url
    return api.portal.get().absolute_url()


class StepUpView(BrowserView):
    """Why the page asks who you are, and every means the commune configured to say it."""

    index = ViewPageTemplateFile("templates/stepup.pt")

    def update(self, level=None, reason=None, came_from=None, service=None, back=None):
        level = level or self.request.form.get("level") or "substantial"
        self.level = level if level in LEVELS else "substantial"
        reason = reason or self.request.form.get("reason") or "no_assurance"
        self.reason = REASON_MESSAGES.get(reason, REASON_MESSAGES["no_assurance"])
        self.came_from = safe_came_from(came_from or self.request.form.get("came_from"))
        self.level_title = LEVEL_TITLES[self.level]
        self.level_meaning = level_meaning(self.level)
        self.providers = accepted_providers(self.level, self.came_from)
        self.means = means_for(self.level, self.came_from)
        self.current = get_assurance(self.request)
        self.current_level_title = LEVEL_TITLES[self.current.level]
        self.anonymous = api.user.is_anonymous()
        self.service = service
        referer = self.request.get("HTTP_REFERER")
        here = (self.request.get("ACTUAL_URL"), self.request.get("URL"))
        self.back = back or back_url((self.came_from, referer), here)

    def __call__(self):
        self.update()
        return self.index()


def _service_of(obj):
    """The content item whose service asked for the level (None on the site root)."""
    obj = getattr(obj, "context", obj) if isinstance(obj, BrowserView) else obj
    if obj is None or IPloneSiteRoot.providedBy(obj) or not hasattr(obj, "Title"):
        return None
    return obj


class InsufficientAssuranceView(StepUpView):
    """Exception view: the step-up page (browser) or a 401 JSON answer (REST)."""

    def __call__(self):
        error = self.context
        response = self.request.response
        came_from = self.request.get("ACTUAL_URL") or self.request.get("URL")
        if self.request.get("QUERY_STRING"):
            came_from = f"{came_from}?{self.request['QUERY_STRING']}"
        service = _service_of(self.__parent__)
        # Back: the page the visitor clicked from, else the service's own page,
        # never the page that asked (it would ask again).
        back = back_url(
            (self.request.get("HTTP_REFERER"),
             service.absolute_url() if service is not None else None),
            (came_from, self.request.get("URL")),
        )
        self.update(error.required_level, error.reason, came_from,
                    service=service.Title() if service is not None else None, back=back)
        response.setStatus(401, lock=True)
        response._has_challenged = True  # no login form on top of the step-up
        if IAPIRequest.providedBy(self.request):
            response.setHeader("Content-Type", "application/json")
            body = json.dumps({"error": {
                "type": "InsufficientAssurance",
                "reason": error.reason,
                "required_level": error.required_level,
                "current_level": error.current.level,
                "message": translate(self.reason, context=self.request),
                "providers": self.providers,
            }})
            response.setBody(body, lock=True)
            return body
        response.setHeader("Content-Type", "text/html; charset=utf-8")
        # The page is drawn in the site's layout: its context is where the
        # error happened (the publisher sets __parent__), not the exception.
        self.context = self.__parent__
        return self.index()


class AuditLogView(BrowserView):
    """The identity audit log for Site Administrators (read only)."""

    index = ViewPageTemplateFile("templates/audit.pt")

    def __call__(self):
        self.entries = entries(limit=500)
        return self.index()


@in_installed_sites()
def clear_on_logout(event):
    """A logout ends the identity assurance too."""
    clear_assurance()
