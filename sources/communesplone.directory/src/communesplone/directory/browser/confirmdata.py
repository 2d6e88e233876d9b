"""``@@confirm-data``: the one-click "my data is still right" of the yearly mail."""

from communesplone.directory.jobs import token_matches
from datetime import UTC
from datetime import datetime
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile


class ConfirmDataView(BrowserView):
    """GET shows a button (mail scanners open links); POST records the confirmation."""

    index = ViewPageTemplateFile("templates/confirm-data.pt")

    def __call__(self):
        self.token = self.request.form.get("token") or ""
        self.valid = token_matches(self.context, self.token)
        self.done = False
        if self.valid and self.request.method == "POST":
            CheckAuthenticator(self.request)
            self.context.last_confirmed = datetime.now(UTC)
            self.done = True
        if not self.valid:
            self.request.response.setStatus(404)
        return self.index()
