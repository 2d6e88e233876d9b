"""1003: the deliberations dashboard of every assembly becomes a table (number,
title, service, category, state, meeting) with batch actions."""

from communesplone.core.tables import move_dashboards
from communesplone.deliberations.dashboard import DASHBOARD_ID
from communesplone.deliberations.dashboard import TABLE_NAME


def upgrade(setup_tool):
    move_dashboards("Assembly", DASHBOARD_ID, TABLE_NAME)
