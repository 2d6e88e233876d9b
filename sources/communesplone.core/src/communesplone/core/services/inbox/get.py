"""``GET @inbox``: what waits for the member of staff, as the ``@@inbox`` page shows it.

Query parameters as the page's: ``scope`` (``mine``, ``service``, ``all``),
``service`` (a group id), ``kind``, ``b_start``, ``b_size``.
"""

from communesplone.core.inbox import inbox
from communesplone.core.inbox import is_staff
from plone import api
from plone.restapi.services import Service


class InboxGet(Service):
    def reply(self):
        if api.user.is_anonymous():
            self.request.response.setStatus(401)
            return {"error": {"type": "Unauthorized", "message": "Log in to see your inbox."}}
        if not is_staff():
            self.request.response.setStatus(403)
            return {"error": {"type": "Forbidden",
                              "message": "The inbox is for the commune's staff."}}
        self.request.response.setHeader("Cache-Control", "private, no-store")
        form = self.request.form
        try:
            start = int(form.get("b_start") or 0)
            size = int(form.get("b_size") or 0) or None
        except ValueError:
            self.request.response.setStatus(400)
            return {"error": {"type": "BadRequest",
                              "message": "b_start and b_size are whole numbers."}}
        data = inbox(self.request, scope=form.get("scope"), service=form.get("service"),
                     kind=form.get("kind"), start=start, size=size)
        return {"@id": f"{api.portal.get().absolute_url()}/@inbox", **data}
