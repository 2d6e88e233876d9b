"""Event subscribers: the directory's editors, moderation of owners' edits, workflow mails.

Every way of changing an entry (browser form, plone.restapi ``PATCH``,
``api.content``) fires the same events, so the rules hold at the data layer.
"""

from communesplone.core.assurance import require_assurance
from communesplone.directory import _
from communesplone.directory import logger
from communesplone.directory import mails
from communesplone.directory.categories import parse_lines
from communesplone.directory.permissions import MODERATE
from communesplone.directory.vocabularies import directory_of
from communesplone.directory.dashboard import ensure_dashboard
from communesplone.directory.faceted import ensure_search
from datetime import datetime
from datetime import UTC
from plone import api
from Products.CMFCore.WorkflowCore import WorkflowException
from zope.container.interfaces import IContainerModifiedEvent
from zope.i18n import translate
from zope.globalrequest import getRequest

#: Local roles the directory's moderator group holds on its directory.
EDITOR_ROLES = ("Contributor", "Editor", "Reviewer")
_GROUP_ATTR = "_communesplone_moderator_group"


# --- the directory ---------------------------------------------------------


def directory_changed(directory, event):
    """Normalise the categories; give the moderator group its local roles (and take
    them from the group it replaces).

    Not when an entry is added to or removed from the directory, which notifies
    it as modified too (``IContainerModifiedEvent``): its settings did not
    change, and writing them again made every proposal collide with every
    other one on the directory object.
    """
    if IContainerModifiedEvent.providedBy(event):
        return
    directory.categories = parse_lines(directory.categories)
    directory.reserved_categories = parse_lines(directory.reserved_categories)
    previous = getattr(directory, _GROUP_ATTR, None)
    group = (directory.moderator_group or "").strip()
    if previous != (group or None):
        # only then: reindexing the security of every entry is not free
        if previous:
            directory.manage_delLocalRoles([previous])
        if group:
            directory.manage_setLocalRoles(group, list(EDITOR_ROLES))
        setattr(directory, _GROUP_ATTR, group or None)
        directory.reindexObjectSecurity()


    dashboard = ensure_dashboard(directory)
    ensure_search(directory)
    if group and previous != group:
        dashboard.manage_delLocalRoles([previous] if previous else [])
        dashboard.manage_setLocalRoles(group, ["Reader"])
        dashboard.reindexObjectSecurity()


# --- who may edit an entry -------------------------------------------------


def is_moderator(obj):
    directory = directory_of(obj)
    return api.user.has_permission(MODERATE, obj=directory if directory is not None else obj)


def check_owner_assurance(business, request=None):
    """A business owner edits only with the identity assurance the directory asks for.

    Raises :class:`~communesplone.core.assurance.InsufficientAssurance` (the
    step-up page, or 401 for REST). Editors are never asked.
    """
    directory = directory_of(business)
    if directory is None or is_moderator(business):
        return
    level = getattr(directory, "claim_assurance", "none") or "none"
    if level != "none":
        require_assurance(level, request=request if request is not None else getRequest())


def business_modified(business, event):
    """An owner's change: identity check, then back to moderation when the directory says so."""
    directory = directory_of(business)
    if directory is None or is_moderator(business):
        return
    check_owner_assurance(business)
    if not getattr(directory, "moderate_owner_edits", True):
        return
    if api.content.get_state(obj=business, default=None) == "published":
        api.portal.get_tool("portal_workflow").doActionFor(
            business, "resubmit",
            comment=translate(_("directory_comment_owner_changed",
                                default="Changed by the business; to moderate again."),
                              context=getRequest()))


# --- workflow --------------------------------------------------------------


def before_transition(business, event):
    """A rejection needs its reason (mailed to the person who proposed the entry)."""
    if event.transition is None or event.transition.id != "reject":
        return
    comment = ((event.kwargs or {}).get("comment") or "").strip()
    if not comment:
        raise WorkflowException(translate(
            _("directory_error_reject_reason", default="Give the reason of the rejection."),
            context=getRequest()))


def after_transition(business, event):
    """The mails a person expects after each transition."""
    if event.transition is None:
        return
    transition = event.transition.id
    if transition == "submit":
        mails.notify_to_moderate(business)
    elif transition == "resubmit":
        mails.notify_to_moderate(business, again=True)
    elif transition == "reject":
        mails.notify_rejected(business, ((event.kwargs or {}).get("comment") or "").strip())
    elif transition == "publish":
        if getattr(business, "last_confirmed", None) is None:
            business.last_confirmed = datetime.now(UTC)
        mails.notify_published(business)
    logger.info("Business %s: %s", business.absolute_url(1), transition)
