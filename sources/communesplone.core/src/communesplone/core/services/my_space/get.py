"""``GET @my-space``: the logged-in member's own space, as the ``@@my-space`` page shows it."""

from communesplone.core.myspace import my_space
from plone import api
from plone.restapi.services import Service


class MySpaceGet(Service):
    def reply(self):
        if api.user.is_anonymous():
            self.request.response.setStatus(401)
            return {"error": {"type": "Unauthorized",
                              "message": "Log in to see your own space."}}
        self.request.response.setHeader("Cache-Control", "private, no-store")
        member = api.user.get_current()
        portal_url = api.portal.get().absolute_url()
        data = my_space(member.getId(), self.request, f"{portal_url}/@@my-space")
        return {"@id": f"{portal_url}/@my-space", **data}
