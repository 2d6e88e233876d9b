"""``@@inbox``: the staff inbox "À traiter" (see ``communesplone.core.inbox``)."""

from communesplone.core import _
from communesplone.core.inbox import inbox
from communesplone.core.inbox import is_staff
from plone import api
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from urllib.parse import urlencode
from zExceptions import Unauthorized
from zope.i18n import translate

#: Said on many rows: translated once a page, not once a row.
LATE = _("inbox_overdue", default="late")
OPEN = _("inbox_open", default="Open")


class InboxView(BrowserView):
    index = ViewPageTemplateFile("templates/inbox.pt")

    def available(self):
        """For the user menu: only staff have an inbox."""
        return is_staff()

    def __call__(self):
        portal_url = api.portal.get().absolute_url()
        self.url = f"{portal_url}/@@inbox"
        if api.user.is_anonymous():
            query = urlencode({"came_from": self.url})
            return self.request.response.redirect(f"{portal_url}/login?{query}")
        if not is_staff():
            raise Unauthorized("The inbox is for the commune's staff.")
        self.request.response.setHeader("Cache-Control", "private, no-store")
        form = self.request.form
        try:
            start = int(form.get("b_start") or 0)
        except ValueError:
            start = 0
        self.data = inbox(self.request, scope=form.get("scope"), service=form.get("service"),
                          kind=form.get("kind"), start=start)
        self.late = translate(LATE, context=self.request)
        self.open_label = translate(OPEN, context=self.request)
        return self.index()

    def link(self, **changes):
        """This page with the current filters, some changed (None drops one)."""
        data = self.data
        query = {"scope": data["scope"], "service": data["service"], "kind": data["kind"]}
        query.update(changes)
        query = {key: value for key, value in query.items() if value}
        return f"{self.url}?{urlencode(query)}" if query else self.url

    def batch(self):
        """Where this page's rows are among all, and the links to the pages around."""
        data = self.data
        start, size, total = data["start"], data["size"], data["total"]
        return {
            "first": start + 1 if total else 0,
            "last": min(start + size, total),
            "total": total,
            "previous": self.link(b_start=max(start - size, 0) or None) if start else None,
            "next": self.link(b_start=start + size) if start + size < total else None,
        }
