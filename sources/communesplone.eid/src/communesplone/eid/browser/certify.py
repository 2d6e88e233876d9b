"""``@@certify-identity``: a demo of ``require_assurance``.

Asks for the identity assurance level given in the query (``level``, default
``high``). When the person's identity is certified at that level, shows what
is known of them (register number masked) or sends them back to
``came_from``; otherwise ``require_assurance`` raises and the person gets the
step-up page (REST clients: a 401 JSON answer).
"""

from communesplone.core.assurance import LEVEL_TITLES
from communesplone.core.assurance import LEVELS
from communesplone.core.assurance import require_assurance
from communesplone.core.browser.assurance import safe_came_from
from communesplone.core.validation import mask_rrn
from plone import api
from plone.rest.interfaces import IAPIRequest
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile

import json


class CertifyIdentityView(BrowserView):
    index = ViewPageTemplateFile("templates/certify_identity.pt")

    def __call__(self):
        level = self.request.form.get("level") or "high"
        self.level = level if level in LEVELS else "high"
        record = require_assurance(self.level, request=self.request)
        came_from = safe_came_from(self.request.form.get("came_from"))
        if came_from:
            self.request.response.redirect(came_from)
            return ""
        if IAPIRequest.providedBy(self.request):
            self.request.response.setHeader("Content-Type", "application/json")
            return json.dumps(record.masked())
        self.record = record
        self.level_title = LEVEL_TITLES[record.level]
        self.national_number = mask_rrn(record.national_number) if record.national_number else None
        self.expires = (
            api.portal.get_localized_time(datetime=record.expires_at, long_format=True)
            if record.expires_at else None
        )
        return self.index()
