"""GET @oparl[/<kind>[/<id>]]: the OParl 1.1 API (see ``communesplone.deliberations.oparl``).

Two doors to the same answer: this REST service (``Accept: application/json``)
and :class:`OParlView`, the view of the same name that answers a plain GET (a
browser, ``curl``, an OParl client that sends no ``Accept``): OParl 1.1 wants
JSON at every URL whatever the request's ``Accept`` header.
"""

from communesplone.deliberations.oparl import answer
from plone.restapi.services import Service
from Products.Five import BrowserView
from zope.interface import implementer
from zope.publisher.interfaces import IPublishTraverse

import json


@implementer(IPublishTraverse)
class OParlGet(Service):
    def __init__(self, context, request):
        super().__init__(context, request)
        self.params = []

    def publishTraverse(self, request, name):
        self.params.append(name)
        return self

    def reply(self):
        status, data = answer(self.context, f"{self.context.absolute_url()}/@oparl",
                              self.params, self.request.form)
        self.request.response.setStatus(status)
        return data


@implementer(IPublishTraverse)
class OParlView(BrowserView):
    def __init__(self, context, request):
        super().__init__(context, request)
        self.params = []

    def publishTraverse(self, request, name):
        self.params.append(name)
        return self

    def __call__(self):
        status, data = answer(self.context, f"{self.context.absolute_url()}/@oparl",
                              self.params, self.request.form)
        response = self.request.response
        response.setStatus(status)
        response.setHeader("Content-Type", "application/json; charset=utf-8")
        response.setHeader("Access-Control-Allow-Origin", "*")
        return json.dumps(data, ensure_ascii=False)
