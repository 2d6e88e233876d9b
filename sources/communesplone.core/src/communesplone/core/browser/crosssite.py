"""The answer to a refused cross-site request (see ``communesplone.core.crosssite``)."""

from Products.Five.browser import BrowserView

import json


class CrossSiteRefusedView(BrowserView):
    """Exception view: 403 with the project's JSON error and the translated message."""

    def __call__(self):
        response = self.request.response
        response.setStatus(403, lock=True)
        response.setHeader("Content-Type", "application/json")
        body = json.dumps({"error": {"type": "Forbidden", "message": str(self.context)}})
        response.setBody(body, lock=True)
        return body
