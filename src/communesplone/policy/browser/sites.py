"""``@@communesplone-sites`` at the Zope root: the sites command over HTTP."""

from communesplone.policy.presets import PresetError
from communesplone.policy.sites import SiteError
from communesplone.policy.sites import create_site
from communesplone.policy.sites import list_sites
from plone.protect.interfaces import IDisableCSRFProtection
from Products.Five.browser import BrowserView
from zope.interface import alsoProvides

import json
import transaction


class SitesView(BrowserView):
    """GET lists the sites; POST (JSON) creates one. Managers of the Zope root only.

    CSRF protection is off for this view alone: it takes JSON bodies only,
    which a cross-site form cannot send without a CORS preflight.
    """

    def __call__(self):
        response = self.request.response
        response.setHeader("Content-Type", "application/json")
        if self.request.method == "POST":
            return self.create()
        usage = self.request.form.get("usage") in ("1", "true")
        return json.dumps({"sites": list_sites(self.context, usage=usage)})

    def create(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        response = self.request.response
        if not self.request.getHeader("Content-Type", "").startswith("application/json"):
            response.setStatus(415)
            return json.dumps({"error": {"type": "BadRequest", "message": "JSON body expected"}})
        try:
            data = json.loads(self.request.get("BODY") or b"{}")
            site = create_site(
                self.context,
                data.get("id"),
                title=data.get("title"),
                preset_name=data.get("preset", "commune"),
                language=data.get("language"),
            )
        except (SiteError, PresetError, ValueError) as error:
            transaction.abort()
            response.setStatus(400)
            return json.dumps({"error": {"type": type(error).__name__, "message": str(error)}})
        response.setStatus(201)
        return json.dumps({"id": site.getId(), "url": site.absolute_url()})
