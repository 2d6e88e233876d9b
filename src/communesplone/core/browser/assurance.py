"""Browser side of identity assurance: the step-up page, the audit log, logout."""

from communesplone.core import _
from communesplone.core.assurance import LEVEL_TITLES
from communesplone.core.assurance import LEVELS
from communesplone.core.assurance import accepted_providers
from communesplone.core.assurance import clear_assurance
from communesplone.core.assurance import get_assurance
from communesplone.core.audit import entries
from plone import api
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
}


def safe_came_from(came_from):
    """Only a URL of this site may be returned to (no open redirect)."""
    if came_from and api.portal.get_tool("portal_url").isURLInPortal(came_from):
        return came_from
    return None


class StepUpView(BrowserView):
    """Which means of identification are accepted for a level, with a link to each."""

    index = ViewPageTemplateFile("templates/stepup.pt")

    def update(self, level=None, reason=None, came_from=None):
        level = level or self.request.form.get("level") or "substantial"
        self.level = level if level in LEVELS else "substantial"
        reason = reason or self.request.form.get("reason") or "no_assurance"
        self.reason = REASON_MESSAGES.get(reason, REASON_MESSAGES["no_assurance"])
        self.came_from = safe_came_from(came_from or self.request.form.get("came_from"))
        self.level_title = LEVEL_TITLES[self.level]
        self.providers = accepted_providers(self.level, self.came_from)
        self.current = get_assurance(self.request)
        self.current_level_title = LEVEL_TITLES[self.current.level]

    def __call__(self):
        self.update()
        return self.index()


class InsufficientAssuranceView(StepUpView):
    """Exception view: the step-up page (browser) or a 401 JSON answer (REST)."""

    def __call__(self):
        error = self.context
        response = self.request.response
        came_from = self.request.get("ACTUAL_URL") or self.request.get("URL")
        if self.request.get("QUERY_STRING"):
            came_from = f"{came_from}?{self.request['QUERY_STRING']}"
        self.update(error.required_level, error.reason, came_from)
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


def clear_on_logout(event):
    """A logout ends the identity assurance too."""
    clear_assurance()
