"""Bring existing content under a workflow's current permission settings.

A workflow definition imported again changes the settings of new states
only; the objects already in a state keep the permissions they were given.
Every upgrade step that changes what a workflow grants calls
:func:`update_role_mappings` for it.
"""

from communesplone.core import logger
from plone import api


def update_role_mappings(workflow_id):
    """Apply ``workflow_id``'s permission settings to every object it governs.

    Returns how many objects were updated; their catalog security is reindexed
    only when what they let see changed.
    """
    workflow_tool = api.portal.get_tool("portal_workflow")
    workflow = workflow_tool.getWorkflowById(workflow_id)
    types = [name for name, chain in workflow_tool.listChainOverrides()
             if workflow_id in chain]
    types += [info.getId() for info in api.portal.get_tool("portal_types").listTypeInfo()
              if workflow_id in workflow_tool.getChainForPortalType(info.getId())]
    count = 0
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type=sorted(set(types))):
        obj = brain._unrestrictedGetObject()
        if workflow.updateRoleMappingsFor(obj):
            obj.reindexObjectSecurity()
            count += 1
    logger.info("%s: permissions of %d objects updated", workflow_id, count)
    return count
