"""Who is staff of the e-guichet: a member of a processing service, or a site manager.

Outside ``browser/``: the statement import's REST service asks it as the
staff pages do.
"""

from communesplone.eguichet.vocabularies import SERVICE_GROUP_IDS
from plone import api


def staff_groups(user=None):
    """The processing services ``user`` (default: the current user) belongs to."""
    if api.user.is_anonymous():
        return []
    user = user or api.user.get_current()
    groups = {group.getId() for group in api.group.get_groups(user=user)}
    return [group for group in SERVICE_GROUP_IDS if group in groups]


def is_staff(context=None):
    if api.user.is_anonymous():
        return False
    roles = api.user.get_roles(obj=context) if context is not None else api.user.get_roles()
    return bool({"Manager", "Site Administrator"} & set(roles)) or bool(staff_groups())
