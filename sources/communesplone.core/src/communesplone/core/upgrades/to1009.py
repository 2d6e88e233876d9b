"""1009: the staff inbox "À traiter" (``@@inbox``): its catalog indexes and columns,
filled for the content already there, and its link in the user menu."""

from communesplone.core.inbox import INBOX_INDEXES
from plone import api

import logging

logger = logging.getLogger("communesplone.core")


def upgrade(setup_tool):
    """Add the indexes and the user action, then index what already waits."""
    setup_tool.runImportStepFromProfile("profile-communesplone.core:default", "catalog")
    setup_tool.runImportStepFromProfile("profile-communesplone.core:default", "actions")
    fill_inbox_indexes()


def fill_inbox_indexes():
    """Index the content that waits for staff (its metadata too); return how many.

    The new indexes are filled over the whole catalog (each object once); the
    columns are then written for the things something waits for, the only ones
    the inbox reads.
    """
    catalog = api.portal.get_tool("portal_catalog")
    catalog.manage_reindexIndex(ids=list(INBOX_INDEXES))
    keys = catalog.uniqueValuesFor("inbox_queue")
    count = 0
    if keys:
        for brain in catalog.unrestrictedSearchResults(inbox_queue=list(keys)):
            brain._unrestrictedGetObject().reindexObject(idxs=list(INBOX_INDEXES))
            count += 1
    logger.info("Inbox: %d things waiting for staff indexed", count)
    return count
