"""1002 → 1003: an assembly's members, categories and item templates are edited as rows.

They were JSON fields holding lists of dicts; they are lists of datagrid rows
holding the same dicts. The step installs collective.z3cform.datagridfield
(its browser layer and script) and gives each stored row every key of its
table (a missing optional key becomes ``None``, which the code reads as the
missing key); no value changes.
"""

from communesplone.deliberations import logger
from communesplone.deliberations.rows import complete_row
from communesplone.deliberations.rows import ICategoryRow
from communesplone.deliberations.rows import IMemberRow
from communesplone.deliberations.rows import ITemplateRow
from plone import api

TABLES = {"members": IMemberRow, "categories": ICategoryRow, "item_templates": ITemplateRow}


def complete_tables(assembly):
    """Complete the stored rows of ``assembly``; True when something was stored."""
    changed = False
    for name, row_schema in TABLES.items():
        rows = assembly.__dict__.get(name)
        if not isinstance(rows, list):
            continue
        completed = [complete_row(row, row_schema) for row in rows]
        if completed != rows:
            setattr(assembly, name, completed)
            changed = True
    return changed


def upgrade(setup_tool):
    setup_tool.runAllImportStepsFromProfile("profile-collective.z3cform.datagridfield:default")
    catalog = api.portal.get_tool("portal_catalog")
    count = 0
    for brain in catalog.unrestrictedSearchResults(portal_type="Assembly"):
        if complete_tables(brain._unrestrictedGetObject()):
            count += 1
    logger.info("Rows of %s assemblies completed", count)
