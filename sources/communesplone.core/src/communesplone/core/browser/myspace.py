"""``@@my-space``: the logged-in citizen's own space (see ``communesplone.core.myspace``)."""

from communesplone.core.myspace import my_space
from plone import api
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from urllib.parse import urlencode


class MySpaceView(BrowserView):
    index = ViewPageTemplateFile("templates/myspace.pt")

    def __call__(self):
        portal_url = api.portal.get().absolute_url()
        if api.user.is_anonymous():
            # the login form, and back here once logged in
            query = urlencode({"came_from": f"{portal_url}/@@my-space"})
            return self.request.response.redirect(f"{portal_url}/login?{query}")
        self.request.response.setHeader("Cache-Control", "private, no-store")
        member = api.user.get_current()
        self.fullname = member.getProperty("fullname") or member.getUserName()
        self.space = my_space(member.getId(), self.request, f"{portal_url}/@@my-space")
        return self.index()
