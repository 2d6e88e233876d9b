"""1004: a citizen's own space ("Mon espace") in the user menu; the editing toolbar,
the sharing page and folder contents for staff only; rooms, e-guichets and
directories cleared of the citizens that adding a request had made their creators."""

from communesplone.core.interfaces import IHoldsRequests
from plone import api

import logging

logger = logging.getLogger("communesplone.core")

#: Global roles of the people who may appear among the creators of a container.
STAFF_ROLES = {"Manager", "Site Administrator", "Editor", "Reviewer", "Contributor"}


def upgrade(setup_tool):
    """Import the new permission settings and the user action, then clean the creators."""
    setup_tool.runImportStepFromProfile("profile-communesplone.core:default", "rolemap")
    setup_tool.runImportStepFromProfile("profile-communesplone.core:default", "actions")
    clean_creators()


def clean_creators():
    """Drop from the creators of every container that holds citizens' requests whoever
    is neither its owner nor staff there: before 1004 booking a room, ordering a
    document or proposing a business added the citizen to them (shown "par Marie
    Dupont" to every visitor). Returns the paths cleaned."""
    cleaned = []
    for brain in api.content.find(object_provides=IHoldsRequests.__identifier__,
                                  unrestricted=True):
        container = brain._unrestrictedGetObject()
        creators = container.listCreators()
        kept = tuple(user_id for user_id in creators if _may_author(container, user_id))
        if kept != tuple(creators):
            container.setCreators(kept)
            container.reindexObject(idxs=["Creator", "listCreators"])
            cleaned.append(brain.getPath())
    if cleaned:
        logger.info("Citizens removed from the creators of %s", ", ".join(cleaned))
    return cleaned


def _may_author(container, user_id):
    if container.getOwner().getId() == user_id:
        return True
    user = api.user.get(userid=user_id)
    if user is None:
        return True  # a Zope-root administrator (admin): never a citizen
    roles = set(api.user.get_roles(user=user, obj=container))
    return bool(roles & STAFF_ROLES)
