"""The life cycle of items and meetings: the checks before a transition and what follows it.

A check that fails raises ``WorkflowException`` with a translated reason:
plone.restapi answers it as a 400 with that message, the browser views show
it. Transitions that follow from another one (the items frozen with their
meeting, the postponed item's clone) run as the system, so they do not depend
on the roles of the person who triggered the first one; the workflow history
still records who did it and when.
"""

from communesplone.core.system import system_transition
from communesplone.deliberations import _
from communesplone.deliberations import agenda
from communesplone.deliberations import publication
from communesplone.deliberations.advice import FINANCE
from communesplone.deliberations.advice import missing_finance_advice
from communesplone.deliberations.advice import needs_finance_advice
from communesplone.deliberations.advice import request_advice
from communesplone.deliberations.regimes import as_date
from communesplone.deliberations.regimes import clear_days_between
from communesplone.deliberations.regimes import rules_for
from communesplone.deliberations.roles import sync_assembly_roles
from communesplone.deliberations.roles import sync_item_roles
from communesplone.deliberations.visibility import sync
from communesplone.deliberations.content.assembly import store_json_defaults
from communesplone.deliberations.dashboard import ensure_dashboard
from communesplone.core.system import with_manager_roles
from datetime import date
from plone import api
from Products.CMFCore.WorkflowCore import WorkflowException
from zope.globalrequest import getRequest
from zope.i18n import translate

DECISIONS = {"accept": "accepted", "accept_but_modify": "accepted", "refuse": "refused"}
DECIDED_STATES = ("accepted", "accepted_but_modified", "refused", "postponed", "withdrawn")


def today():
    """Today's date (a function, so tests can move time)."""
    return date.today()


def refuse(message):
    """Stop a transition with a translated reason."""
    raise WorkflowException(translate(message, context=getRequest()))


def meeting_of(item):
    """The meeting whose UID the item holds, unrestricted (None when there is none)."""
    uid = getattr(item, "meeting", None)
    if not uid:
        return None
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(UID=uid, portal_type="Meeting")
    return brains[0]._unrestrictedGetObject() if brains else None


def _state(obj):
    return api.content.get_state(obj)


# -- items ---------------------------------------------------------------------------------


def item_before_transition(item, event):
    transition = event.transition.id if event.transition is not None else None
    check = ITEM_CHECKS.get(transition)
    if check is not None:
        check(item)


def _check_validate(item):
    if missing_finance_advice(item):
        refuse(_("error_validate_finance_advice",
                 default="The financial impact is above ${threshold} EUR: the finance "
                         "director's advice is needed before validation.",
                 mapping={"threshold": rules_for(item.get_assembly()).finance_threshold}))


def _check_present(item):
    meeting = meeting_of(item)
    if meeting is None or _state(meeting) not in ("created", "frozen"):
        refuse(_("error_present_no_meeting",
                 default="Choose a meeting that still takes items before presenting this one."))
    if _state(meeting) == "frozen":
        rules = rules_for(item.get_assembly())
        days = clear_days_between(today(), as_date(meeting.date))
        if days < rules.publication_days and not (
                item.urgent and (item.urgency_justification or "").strip()):
            refuse(_("error_present_late_urgent",
                     default="The agenda is frozen and the meeting is in ${days} clear days: "
                             "a late item must be marked urgent, with a justification.",
                     mapping={"days": max(days, 0)}))


def _check_unpresent(item):
    meeting = meeting_of(item)
    if meeting is not None and _state(meeting) != "created":
        refuse(_("error_unpresent_frozen",
                 default="The agenda is frozen: the item can only be withdrawn or postponed."))


def _check_freeze(item):
    meeting = meeting_of(item)
    if meeting is None or _state(meeting) == "created":
        refuse(_("error_freeze_item", default="An item is frozen with its meeting's agenda."))


def _check_in_session(item):
    meeting = meeting_of(item)
    if meeting is None or _state(meeting) != "in_session":
        refuse(_("error_decide_not_in_session",
                 default="An item is decided while its meeting is in session."))


def _decision_check(expected):
    def check(item):
        _check_in_session(item)
        outcome = getattr(item, "outcome", None)
        if outcome is None:
            refuse(_("error_decide_no_vote", default="Record the vote before the decision."))
        if outcome != expected:
            refuse(_("error_decide_outcome",
                     default="The vote's outcome is ${outcome}; this decision does not match it.",
                     mapping={"outcome": outcome}))
    return check


def _check_publish_item(item):
    meeting = meeting_of(item)
    if not item.is_public():
        refuse(_("error_publish_closed", default="Closed-session items are never published."))
    if meeting is None or _state(meeting) not in ("closed", "published"):
        refuse(_("error_publish_minutes",
                 default="Decisions are published once the minutes are approved."))


ITEM_CHECKS = {
    "validate": _check_validate,
    "present": _check_present,
    "back_to_validated": _check_unpresent,
    "freeze": _check_freeze,
    "accept": _decision_check("accepted"),
    "accept_but_modify": _decision_check("accepted"),
    "refuse": _decision_check("refused"),
    "postpone": _check_in_session,
    "withdraw": _check_in_session,
    "publish": _check_publish_item,
}


def item_after_transition(item, event):
    transition = event.transition.id if event.transition is not None else None
    if transition == "propose" and needs_finance_advice(item):
        request_advice(item, FINANCE, today=today())
    elif transition == "present":
        _after_present(item)
    elif transition == "back_to_validated":
        item.meeting = None
        item.insertion = 0
        item.reindexObject()
    elif transition == "postpone":
        clone_for_next_meeting(item)
    sync(item)


def _after_present(item):
    meeting = meeting_of(item)
    item.insertion = agenda.next_insertion(meeting)
    item.meeting_date = meeting.date
    if _state(meeting) != "created":
        item.late = True
        agenda.number_item(item, meeting)
        item.reindexObject()
        system_transition(item, "freeze")
    else:
        item.reindexObject()


def next_meeting(assembly, after):
    """The first meeting of ``assembly`` still taking items, later than ``after``."""
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(
            portal_type="Meeting", path="/".join(assembly.getPhysicalPath()),
            review_state=["created"], sort_on="delib_meeting_date",
            delib_meeting_date={"query": after, "range": "min"}):
        if brain.delib_meeting_date and brain.delib_meeting_date > after:
            return brain._unrestrictedGetObject()
    return None


def _reset_copy(copy, origin_uid):
    for name in ("item_number", "year_number", "outcome", "vote", "meeting", "meeting_date",
                 "postponed_to", "sent_to"):
        setattr(copy, name, None)
    copy.late = False
    copy.insertion = 0
    copy.origin = origin_uid


def clone_for_next_meeting(item):
    """A postponed item comes back, validated, into the pool (on the next meeting's agenda
    when one is planned); the clone's ``origin`` is the postponed item."""
    assembly = item.get_assembly()
    with with_manager_roles():
        copy = api.content.copy(source=item, target=assembly, safe_id=True)
    _reset_copy(copy, item.UID())
    copy.reindexObject()
    system_transition(copy, "propose")
    if not missing_finance_advice(copy):
        system_transition(copy, "validate")
        meeting = next_meeting(assembly, meeting_of(item).date)
        if meeting is not None:
            copy.meeting = meeting.UID()
            system_transition(copy, "present")
    item.postponed_to = copy.UID()
    return copy


def send_to(item, target):
    """Send a decided item (e.g. of the college) on to ``target`` (e.g. the council): a new
    item in the target's pool, in ``created``, whose ``origin`` is ``item``."""
    if _state(item) not in ("accepted", "accepted_but_modified", "published"):
        refuse(_("error_send_to_state", default="Only an accepted item can be sent on."))
    with with_manager_roles():
        copy = api.content.copy(source=item, target=target, safe_id=True)
    _reset_copy(copy, item.UID())
    if copy.category not in target.category_map():
        copy.category = None
    copy.reindexObject()
    item.sent_to = tuple(getattr(item, "sent_to", ())) + (copy.UID(),)
    sync_item_roles(copy)
    sync(copy)
    return copy


# -- meetings ------------------------------------------------------------------------------


def meeting_before_transition(meeting, event):
    transition = event.transition.id if event.transition is not None else None
    if transition == "freeze":
        _check_meeting_freeze(meeting)
    elif transition == "decide":
        undecided = [b for b in agenda.ordered_brains(meeting, True)
                     if b.review_state in ("presented", "frozen")]
        if undecided:
            refuse(_("error_meeting_undecided",
                     default="${count} items are not decided yet.",
                     mapping={"count": len(undecided)}))


def freeze_blockers(meeting):
    """The messages of what keeps ``meeting`` from being frozen now (empty: nothing).

    The agenda builder shows them before the button is pressed; the freeze
    transition refuses with the first of them.

    - the deadline: the convocation (sent at freezing) must leave the regime's
      clear days, unless the meeting is urgent with a justification;
    - a missing advice: an item on the agenda waits for an advice asked of a service.
    """
    messages = []
    rules = rules_for(meeting.get_assembly())
    needed = max(rules.convocation_days, rules.publication_days)
    days = clear_days_between(today(), as_date(meeting.date))
    if days < needed and not (meeting.urgent and (meeting.urgency_justification or "").strip()):
        messages.append(_(
            "error_freeze_too_late",
            default="The convocation must be sent ${needed} clear days before the meeting; "
                    "only ${days} are left. Mark the meeting urgent, with a justification.",
            mapping={"needed": needed, "days": max(days, 0)}))
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(
            portal_type="MeetingItem", delib_meeting=meeting.UID(),
            review_state=["presented"], delib_advice_pending=True):
        messages.append(_("error_freeze_advice_pending",
                          default="\"${title}\" waits for an advice.",
                          mapping={"title": brain.Title}))
    return messages


def _check_meeting_freeze(meeting):
    blockers = freeze_blockers(meeting)
    if blockers:
        refuse(blockers[0])


def transition_target(obj, transition_id):
    """The state ``transition_id`` leads ``obj`` to (None when its workflow has no such one)."""
    tool = api.portal.get_tool("portal_workflow")
    for workflow in tool.getWorkflowsFor(obj):
        transition = workflow.transitions.get(transition_id)
        if transition is not None:
            return transition.new_state_id
    return None


def refuse_if_done(obj, transition_id):
    """Refuse a transition that ``obj`` already went through (it is in its target state).

    plone.restapi answers such a repeat with 200 as if it had run again, and
    Plone's status menu with an English error; a freeze, a convocation or a
    closing happens once, and the person is told so in their language.
    """
    if not transition_id or _state(obj) != transition_target(obj, transition_id):
        return
    tool = api.portal.get_tool("portal_workflow")
    if transition_id not in {t["id"] for t in tool.getTransitionsFor(obj)}:
        title = tool.getTitleForStateOnType(_state(obj), obj.portal_type)
        refuse(_("error_transition_already_done",
                 default="Already done: the state is \"${state}\".",
                 mapping={"state": translate(title, domain="plone", context=getRequest())}))


def meeting_after_transition(meeting, event):
    transition = event.transition.id if event.transition is not None else None
    if transition == "freeze":
        for item in agenda.number_agenda(meeting):
            if _state(item) == "presented":
                system_transition(item, "freeze")
        sync(meeting)
        publication.on_freeze(meeting)
    elif transition == "publish":
        sync(meeting)
        publication.on_publish(meeting)
    else:
        sync(meeting)


def meeting_added(meeting, event):
    """Pull the assembly's item templates onto the new meeting's agenda."""
    assembly = meeting.get_assembly()
    meeting.assembly = assembly.UID()
    sync(meeting)
    for template in assembly.item_templates or []:
        with with_manager_roles():
            item = api.content.create(
                container=assembly, type="MeetingItem", title=template["title"],
                category=template.get("category") or None,
                closed_session=bool(template.get("closed_session")),
                proposing_service="communesplone-secretariat",
                motivation=_richtext(template.get("motivation")),
                decision=_richtext(template.get("decision")),
            )
        item.from_template = True
        system_transition(item, "propose")
        system_transition(item, "validate")
        item.meeting = meeting.UID()
        system_transition(item, "present")


def _richtext(html):
    from plone.app.textfield.value import RichTextValue

    return RichTextValue(html, "text/html", "text/x-html-safe") if html else None


# -- other events --------------------------------------------------------------------------


def assembly_changed(assembly, event):
    sync_assembly_roles(assembly)


def assembly_added(assembly, event):
    store_json_defaults(assembly)
    sync_assembly_roles(assembly)
    ensure_dashboard(assembly)


def item_changed(item, event):
    sync_item_roles(item)
    sync(item)


def annex_changed(annex, event):
    sync(annex)
