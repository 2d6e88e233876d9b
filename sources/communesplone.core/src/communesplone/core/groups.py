"""The staff groups that CommunesPlone add-ons share.

An add-on grants its local roles to these groups instead of creating its own
copy of "the population office", so a commune manages each service's members
in one place. Creating them is idempotent: a reinstall or an upgrade never
duplicates a group nor touches its members.
"""

from communesplone.core import _
from communesplone.core import logger
from plone import api
from zope.i18n import translate

#: (group id, title) of every shared service group.
SHARED_GROUPS = (
    ("communesplone-population", _("group_population", default="Population office")),
    ("communesplone-civil-status", _("group_civil_status", default="Civil status office")),
    ("communesplone-secretariat", _("group_secretariat", default="General secretariat")),
    ("communesplone-facilities", _("group_facilities", default="Facilities and equipment")),
    ("communesplone-economy", _("group_economy", default="Local economy")),
    ("communesplone-finance", _("group_finance", default="Finance")),
)


def ensure_shared_groups(language=None):
    """Create the missing shared groups, titled in ``language``; return the ids created."""
    language = language or api.portal.get_default_language() or "fr"
    created = []
    for group_id, title in SHARED_GROUPS:
        if api.group.get(groupname=group_id) is not None:
            continue
        api.group.create(
            groupname=group_id,
            title=translate(title, target_language=language),
        )
        created.append(group_id)
    if created:
        logger.info("Created the shared groups %s", ", ".join(created))
    return created
