"""GET @oparl[/<kind>[/<id>]]: the OParl 1.1 API (see ``communesplone.deliberations.oparl``)."""

from communesplone.deliberations.oparl import NotFound
from communesplone.deliberations.oparl import OParl
from plone.restapi.services import Service
from zope.interface import implementer
from zope.publisher.interfaces import IPublishTraverse

LISTS = ("bodies", "organizations", "persons", "meetings", "papers")


@implementer(IPublishTraverse)
class OParlGet(Service):
    def __init__(self, context, request):
        super().__init__(context, request)
        self.params = []

    def publishTraverse(self, request, name):
        self.params.append(name)
        return self

    def reply(self):
        oparl = OParl(self.context, f"{self.context.absolute_url()}/@oparl")
        try:
            if not self.params:
                return oparl.system()
            if len(self.params) == 1 and self.params[0] in LISTS:
                try:
                    page = int(self.request.form.get("page", 1))
                except ValueError:
                    page = 1
                return oparl.listing(self.params[0], page)
            if len(self.params) == 1 and self.params[0] == "body":
                return oparl.body()
            if len(self.params) == 2:
                return oparl.get(*self.params)
        except NotFound:
            pass
        self.request.response.setStatus(404)
        return {"error": {"type": "NotFound", "message": "Not found"}}
