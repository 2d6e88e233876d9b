"""The staff's faceted dashboard of a DocumentCatalog (through ``communesplone.core.faceted``).

Four saved searches with their counts: new orders, mine (taken by the
reader), awaiting payment, late (open past the announced date). The catalog
filters results by the reader's permissions, so each service sees only the
orders of its own document types.
"""

from communesplone.eguichet.table import NAME as TABLE
from communesplone.eguichet import _
from communesplone.eguichet.listing import OPEN_STATES
from communesplone.eguichet.vocabularies import SERVICE_GROUP_IDS
from communesplone.core.faceted import DashboardCollection
from communesplone.core.faceted import make_dashboard
from plone import api

DASHBOARD_ID = "dashboard"
#: the results as a table with batch actions (``communesplone.eguichet.table``)
TABLE_NAME = TABLE


def collections():
    return [
        DashboardCollection("new", _("eguichet_filter_new", default="New"),
                            query={"portal_type": "DocumentOrder",
                                   "review_state": ["submitted"]}),
        DashboardCollection("mine", _("eguichet_filter_mine", default="Mine"),
                            query={"portal_type": "DocumentOrder",
                                   "review_state": list(OPEN_STATES),
                                   "eguichet_assignee": {
                                       "o": "plone.app.querystring.operation.string."
                                            "currentUser"}}),
        DashboardCollection("awaiting-payment",
                            _("eguichet_filter_awaiting_payment", default="Awaiting payment"),
                            query={"portal_type": "DocumentOrder",
                                   "review_state": ["awaiting_payment"]}),
        DashboardCollection("late", _("eguichet_filter_late", default="Late"),
                            query={"portal_type": "DocumentOrder",
                                   "review_state": list(OPEN_STATES),
                                   "eguichet_due": {
                                       "o": "plone.app.querystring.operation.date."
                                            "beforeToday"}},
                            sort_on="eguichet_due", sort_reversed=False),
    ]


def ensure_dashboard(catalog):
    """The catalog's dashboard (made once; None where core has no Dashboard type)."""
    if "Dashboard" not in api.portal.get_tool("portal_types").objectIds():
        return None

    return make_dashboard(catalog, DASHBOARD_ID,
                          _("eguichet_dashboard_title", default="Orders to process"),
                          collections=collections(), groups=SERVICE_GROUP_IDS,
                          table=TABLE_NAME)
