"""1006: a resource's exceptional closures are edited as rows of dates.

The stored value does not change: ``closures`` stays the list of texts
(``"2026-12-24"``, ``"2026-12-24/2026-12-31"``) that REST and the booking
rules read; a row of the form is converted to it
(:mod:`communesplone.booking.closures`). The step installs
collective.z3cform.datagridfield (its browser layer and script) and stores a
plain list where something else was kept (a tuple), every text as it was.
"""

from communesplone.booking import logger
from plone import api


def plain_closures(resource):
    """Store ``closures`` as a plain list of its texts; True when something was stored."""
    stored = resource.__dict__.get("closures")
    if stored is None or type(stored) is list:
        return False
    resource.closures = list(stored or ())
    return True


def upgrade(setup_tool):
    setup_tool.runAllImportStepsFromProfile("profile-collective.z3cform.datagridfield:default")
    catalog = api.portal.get_tool("portal_catalog")
    count = 0
    for brain in catalog.unrestrictedSearchResults(portal_type="Resource"):
        if plain_closures(brain._unrestrictedGetObject()):
            count += 1
    logger.info("Closures of %s resources stored as a plain list", count)
