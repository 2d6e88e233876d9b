"""The staff dashboard of an Assembly (``communesplone.core.faceted``).

Every Assembly gets a ``dashboard`` (a faceted ``Dashboard`` of
communesplone.core) with the saved searches of the issue: my items, items to
validate, items validated and waiting for a meeting, advices asked of my
service, meetings to come. The catalog filters every result by the reader's
permissions: a service sees its own items, the secretariat all of them.
"""

from communesplone.deliberations import _
from communesplone.core.faceted import DashboardCollection
from communesplone.core.faceted import make_dashboard
from communesplone.core.faceted import enable_faceted
from pathlib import Path
from plone import api

DASHBOARD_ID = "dashboard"
#: the results as a table with batch actions (``communesplone.deliberations.table``,
#: which takes its name from here: the table's batch actions need the agenda
#: builder, which needs the lifecycle, which makes this dashboard)
TABLE_NAME = "deliberations"
#: core's criteria plus filters on category, proposing service, meeting date and creation
CRITERIA = Path(__file__).parent / "faceted" / "dashboard.xml"


def _collections():
    item = "MeetingItem"
    return [
        DashboardCollection(
            "my-items", _("delib_collection_my_items", default="My items"),
            query={"portal_type": item, "Creator": {
                "o": "plone.app.querystring.operation.string.currentUser"}},
            sort_on="modified"),
        DashboardCollection(
            "to-validate", _("delib_collection_to_validate", default="Items to validate"),
            query={"portal_type": item, "review_state": "proposed"}, sort_on="modified"),
        DashboardCollection(
            "validated", _("delib_collection_validated",
                           default="Validated, waiting for a meeting"),
            query={"portal_type": item, "review_state": "validated"}, sort_on="modified"),
        DashboardCollection(
            "advices", _("delib_collection_advices", default="Advices asked of my service"),
            query={"portal_type": item, "delib_advice_pending": True}, sort_on="modified"),
        DashboardCollection(
            "meetings", _("delib_collection_meetings", default="Meetings to come"),
            query={"portal_type": "Meeting", "review_state": ["created", "frozen"]},
            sort_on="delib_meeting_date", sort_reversed=False),
    ]


def ensure_dashboard(assembly):
    """The faceted dashboard of ``assembly``, made when missing (None without the type)."""
    if "Dashboard" not in api.portal.get_tool("portal_types").objectIds():
        return None

    return make_dashboard(
        assembly, DASHBOARD_ID, _("delib_dashboard_title", default="Deliberations dashboard"),
        collections=_collections(), criteria=CRITERIA, table=TABLE_NAME,
        groups=["communesplone-secretariat", *(assembly.proposing_services or []),
                "communesplone-finance"])


def refresh_criteria(dashboard):
    """Import this add-on's criteria into an existing dashboard (upgrade 1001)."""

    enable_faceted(dashboard, CRITERIA)
