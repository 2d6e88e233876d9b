"""1006: the directory's search page sorts "by name" in words and drops "Results per
page" (eea's "Sortable title", "Reverse" and "Next 8 item(s)" read as machine words)."""

from communesplone.directory.faceted import SEARCH_ID
from communesplone.directory.faceted import plain_sorting
from plone import api


def upgrade(setup_tool):
    for brain in api.content.find(portal_type="BusinessDirectory"):
        directory = brain.getObject()
        if SEARCH_ID in directory.objectIds():
            plain_sorting(directory[SEARCH_ID])
