"""The applicant's pages: my orders, and what is stored about me."""

from communesplone.eguichet.browser.order import OrderView
from communesplone.eguichet.listing import my_orders
from communesplone.eguichet.listing import order_brains
from communesplone.eguichet.listing import with_state_title
from plone import api
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zExceptions import Unauthorized


class MyOrdersView(BrowserView):
    index = ViewPageTemplateFile("templates/my_orders.pt")

    def __call__(self):
        if api.user.is_anonymous():
            raise Unauthorized("Log in to see your orders")
        return self.index()

    def orders(self):
        return [with_state_title(order, self.request)
                for order in my_orders(api.user.get_current().getId())]


class MyDataView(BrowserView):
    """``@@my-order-data``: every order of the member with all it stores about them.

    The member's own orders only (a handful): each is read in full because
    the point is to show everything stored, not a summary.
    """

    index = ViewPageTemplateFile("templates/my_data.pt")

    def __call__(self):
        if api.user.is_anonymous():
            raise Unauthorized("Log in to see your data")
        return self.index()

    def retention_days(self):
        return api.portal.get_registry_record("communesplone.eguichet.retention_days",
                                              default=365)

    def orders(self):
        user_id = api.user.get_current().getId()
        found = []
        for brain in order_brains(Creator=user_id):
            order = brain.getObject()
            view = OrderView(order, self.request)
            found.append({"reference": order.reference, "url": brain.getURL(),
                          "facts": view.facts(), "applicant": view.applicant(),
                          "answers": view.answers(),
                          "anonymised": bool(order.anonymised)})
        return found
