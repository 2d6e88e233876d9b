"""1007: abuse limits (``communesplone.core.limits``): their registry records and
the site's store of counters."""

from communesplone.core.limits import store
from communesplone.core.logins import install
from plone import api


def upgrade(setup_tool):
    """Add the ``communesplone.core.limits.*`` records with their defaults (the
    values already set stay) and make the counters' store, so that no request
    of a visitor has to write it on the site; put the failed-login guard first
    among the authentication plugins."""
    setup_tool.runImportStepFromProfile("profile-communesplone.core:default",
                                        "plone.app.registry")
    store(api.portal.get())
    install(api.portal.get_tool("acl_users"))
