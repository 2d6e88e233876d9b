"""1001: the staff's dashboard of every DocumentCatalog becomes a table (reference,
document, applicant, amount, payment, state, due date, assignee) with batch actions."""

from communesplone.core.tables import move_dashboards
from communesplone.eguichet.dashboard import DASHBOARD_ID
from communesplone.eguichet.dashboard import TABLE_NAME


def upgrade(setup_tool):
    move_dashboards("DocumentCatalog", DASHBOARD_ID, TABLE_NAME)
