"""Who holds which local role on an assembly and on its items.

* the secretariat (``communesplone-secretariat``): Reviewer, Editor,
  Contributor and Reader on every assembly: it validates, builds agendas and
  is the only one to change a frozen item;
* the services an assembly lets propose: Contributor on the assembly (they add
  items), Editor on the items they propose;
* the assembly's members (group ``communesplone-assembly-<id>``): Reader on
  the assembly, which the workflows use from ``frozen`` on (closed-session
  items included);
* a service asked for an advice: Adviser (a role of this add-on) on that item.
"""

from communesplone.deliberations import logger
from plone import api

SECRETARIAT = "communesplone-secretariat"
SECRETARIAT_ROLES = ["Reviewer", "Editor", "Contributor", "Reader"]
PROPOSER_ROLES = ["Contributor"]
MEMBER_ROLES = ["Reader"]


def _set_roles(obj, principal, roles):
    """Give ``principal`` exactly ``roles`` locally on ``obj`` (none: remove it)."""
    if roles:
        obj.manage_setLocalRoles(principal, list(roles))
    else:
        obj.manage_delLocalRoles([principal])


def sync_assembly_roles(assembly):
    """Local roles and the members' group of an assembly, from its fields."""
    group_id = assembly.group_id()
    group = api.group.get(groupname=group_id)
    if group is None:
        group = api.group.create(groupname=group_id, title=assembly.Title())
    wanted = {m["user_id"] for m in assembly.members or [] if m.get("user_id")}
    current = {user.getId() for user in api.user.get_users(groupname=group_id)}
    for user_id in wanted - current:
        if api.user.get(userid=user_id) is None:
            logger.warning("Assembly %s: unknown user %s", assembly.getId(), user_id)
            continue
        api.group.add_user(groupname=group_id, username=user_id)
    for user_id in current - wanted:
        api.group.remove_user(groupname=group_id, username=user_id)
    local = dict(assembly.get_local_roles())
    services = set(assembly.proposing_services or [])
    for principal, roles in local.items():
        if set(roles) == set(PROPOSER_ROLES) and principal not in services:
            _set_roles(assembly, principal, [])
    for service in services:
        if service != SECRETARIAT:
            _set_roles(assembly, service, PROPOSER_ROLES)
    _set_roles(assembly, SECRETARIAT, SECRETARIAT_ROLES)
    _set_roles(assembly, group_id, MEMBER_ROLES)
    assembly.reindexObjectSecurity()


def sync_item_roles(item):
    """The proposing service edits its item; services asked for an advice read it."""
    wanted = {}
    if item.proposing_service:
        wanted[item.proposing_service] = {"Editor"}
    for advice in getattr(item, "advices", None) or []:
        wanted.setdefault(advice["service"], set()).add("Adviser")
    managed = set(getattr(item, "_managed_principals", ()))
    for principal in managed - set(wanted):
        _set_roles(item, principal, [])
    for principal, roles in wanted.items():
        _set_roles(item, principal, sorted(roles))
    item._managed_principals = tuple(sorted(wanted))
    item.reindexObjectSecurity()


def user_services(user=None):
    """The service groups of the current user (or ``user``)."""
    user = user or api.user.get_current()
    return {g.getId() for g in api.group.get_groups(user=user)}


def is_secretariat(context):
    """True when the current user (anonymous included) is secretariat, site administrator or
    manager on ``context``."""
    from AccessControl import getSecurityManager

    roles = getSecurityManager().getUser().getRolesInContext(context)
    return bool({"Manager", "Site Administrator", "Reviewer"} & set(roles))
