"""The managers' faceted dashboard of a ResourceFolder (``communesplone.core.faceted``).

Every ResourceFolder gets a ``dashboard`` (a faceted ``Dashboard`` of
communesplone.core) with three saved searches, the first one opening by
default: bookings waiting for a decision, the confirmed ones, all of them. Its
results are core's table (``communesplone.booking.table``): a row per booking,
select several and confirm them at once, or refuse them with a reason. Besides
core's criteria (``faceted_criteria/dashboard.xml`` here), a date range on the
``start`` index: the bookings whose (first) start falls between two days.

The catalog filters every result by the reader's permissions: a manager group
sees the bookings of the resources it manages, and nothing else. Without the
``Dashboard`` type (an older communesplone.core) nothing is made; the plain
``@@bookings-dashboard`` page does the same work without JavaScript.
"""

from communesplone.booking.table import NAME as TABLE
from communesplone.booking import _
from communesplone.booking.content.resource import DEFAULT_MANAGER_GROUP
from communesplone.core.faceted import DashboardCollection
from communesplone.core.faceted import make_dashboard
from pathlib import Path
from plone import api

DASHBOARD_ID = "dashboard"
#: the results as a table with batch actions (``communesplone.booking.table``)
TABLE_NAME = TABLE
#: core's criteria plus the date range on the bookings' start
CRITERIA = Path(__file__).parent / "faceted_criteria" / "dashboard.xml"
DATE_CRITERION = {"widget": "daterange", "index": "start", "title": "Date",
                  "labelStart": "From", "labelEnd": "To"}
#: the date range's title and labels, in the site's language (eea shows them as stored)
DATE_LABELS = {
    "title": _("booking_dashboard_date", default="Date of the booking"),
    "labelStart": _("booking_dashboard_date_from", default="From (yyyy-mm-dd)"),
    "labelEnd": _("booking_dashboard_date_to", default="To (yyyy-mm-dd)"),
}


def _collections():
    return [
        DashboardCollection(
            "pending", _("booking_collection_pending", default="Waiting for a decision"),
            query={"portal_type": "Booking", "review_state": "pending"},
            sort_on="start", sort_reversed=False),
        DashboardCollection(
            "confirmed", _("booking_collection_confirmed", default="Confirmed"),
            query={"portal_type": "Booking", "review_state": "confirmed"},
            sort_on="start", sort_reversed=False),
        DashboardCollection(
            "all", _("booking_collection_all", default="All bookings"),
            query={"portal_type": "Booking"}, sort_on="start", sort_reversed=True),
    ]


def ensure_dashboard(folder):
    """The faceted dashboard of ``folder``, made when missing (None without the type)."""
    if "Dashboard" not in api.portal.get_tool("portal_types").objectIds():
        return None

    existed = DASHBOARD_ID in folder.objectIds()
    dashboard = make_dashboard(
        folder, DASHBOARD_ID, _("booking_dashboard_title", default="Bookings to handle"),
        collections=_collections(), groups=[DEFAULT_MANAGER_GROUP], criteria=CRITERIA,
        table=TABLE_NAME)
    if not existed:
        label_date_criterion(dashboard)
    return dashboard


def date_criterion(dashboard):
    """The id of the dashboard's date range on ``start``, or None."""
    from eea.facetednavigation.interfaces import ICriteria

    for criterion in ICriteria(dashboard).values():
        if (criterion.get("widget"), criterion.get("index")) == ("daterange", "start"):
            return criterion.getId()
    return None


def label_date_criterion(dashboard):
    """Title and label the date range in the site's language."""
    from eea.facetednavigation.interfaces import ICriteria
    from zope.i18n import translate

    language = api.portal.get_default_language() or "fr"
    ICriteria(dashboard).edit(date_criterion(dashboard), **{
        name: translate(message, target_language=language)
        for name, message in DATE_LABELS.items()})


def add_date_criterion(dashboard):
    """Give an existing dashboard the date range of new ones (upgrade 1002); idempotent."""
    from eea.facetednavigation.interfaces import ICriteria

    found = date_criterion(dashboard)
    if found is not None:
        return found
    values = dict(DATE_CRITERION)
    found = ICriteria(dashboard).add(values.pop("widget"), "top", "default", hidden=False,
                                     **values)
    label_date_criterion(dashboard)
    return found


def resource_folder_added(folder, event):
    ensure_dashboard(folder)
