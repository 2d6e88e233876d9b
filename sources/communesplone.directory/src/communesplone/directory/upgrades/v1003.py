"""1003: the editors' dashboard of every directory becomes a table (name, category,
locality, state, proposed by, last update) with batch actions."""

from communesplone.core.tables import move_dashboards
from communesplone.directory.dashboard import DASHBOARD_ID
from communesplone.directory.dashboard import TABLE_NAME


def upgrade(setup_tool):
    move_dashboards("BusinessDirectory", DASHBOARD_ID, TABLE_NAME)
