"""The editors' dashboard of a directory (faceted, made by ``communesplone.core.faceted``)."""

from communesplone.directory.table import NAME as TABLE
from communesplone.core.faceted import DashboardCollection
from communesplone.core.faceted import make_dashboard
from communesplone.directory import _

DASHBOARD_ID = "dashboard"
#: the results as a table with batch actions (``communesplone.directory.table``)
TABLE_NAME = TABLE
YEAR_DAYS = 365


def collections():
    return [
        DashboardCollection(
            "to-moderate", _("directory_collection_to_moderate", default="To moderate"),
            query={"portal_type": "Business", "review_state": "pending"},
            sort_on="modified", sort_reversed=False),
        DashboardCollection(
            "rejected", _("directory_collection_rejected", default="Rejected"),
            query={"portal_type": "Business", "review_state": "rejected"},
            sort_on="modified"),
        DashboardCollection(
            "not-updated", _("directory_collection_not_updated",
                             default="Not updated for a year"),
            query={"portal_type": "Business", "review_state": "published",
                   "modified": {"o": "plone.app.querystring.operation.date.beforeRelativeDate",
                                "v": YEAR_DAYS}},
            sort_on="modified", sort_reversed=False),
        DashboardCollection(
            "all", _("directory_collection_all", default="All entries"),
            query={"portal_type": "Business"}, sort_on="sortable_title",
            sort_reversed=False),
    ]


def ensure_dashboard(directory):
    """The directory's dashboard, made once (idempotent), visible to its moderator group."""
    groups = [directory.moderator_group] if getattr(directory, "moderator_group", None) else []
    return make_dashboard(directory, DASHBOARD_ID,
                          _("directory_dashboard_title", default="Editors' dashboard"),
                          collections=collections(), groups=groups, table=TABLE_NAME)
