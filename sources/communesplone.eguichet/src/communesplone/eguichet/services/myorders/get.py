"""``GET @my-orders``: the orders of the member asking (401 for anonymous)."""

from communesplone.eguichet.listing import my_orders
from plone import api
from plone.restapi.services import Service
from zExceptions import Unauthorized


class MyOrdersGet(Service):
    def reply(self):
        if api.user.is_anonymous():
            raise Unauthorized("Log in to see your orders")
        items = my_orders(api.user.get_current().getId())
        return {"@id": f"{self.context.absolute_url()}/@my-orders",
                "items": items, "items_total": len(items)}
