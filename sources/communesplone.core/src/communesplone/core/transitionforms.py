"""Transitions that ask for something (a reason, a file) before they run.

The status menu and the pages' buttons send such a transition to
``@@transition-form`` (a form that asks for what is missing) instead of running
it at once: a refusal without its reason, or a delivery without its document,
is then a message beside the field, never an error page. Each add-on declares
its transitions here (:func:`register`) when it is imported; core knows no
add-on.

A transition's rules stay in the add-on's workflow guards and subscribers
(REST goes through them too); the form only asks, runs the transition and
shows the refusal those rules raise.
"""

from collections.abc import Callable
from communesplone.core import _
from dataclasses import dataclass
from Products.CMFCore.WorkflowCore import WorkflowException
from zope.component import queryUtility
from zope.interface import implementer
from zope.interface import Interface

import transaction

REASON_REQUIRED = "required"
REASON_OPTIONAL = "optional"
NO_REASON = ""


class ITransitionForm(Interface):
    """What ``@@transition-form`` asks before one transition of one type runs."""


@implementer(ITransitionForm)
@dataclass(frozen=True)
class TransitionForm:
    """What ``@@transition-form`` asks for one transition of one type."""

    #: ``required``, ``optional`` or ``""`` (no reason field)
    reason: str = REASON_REQUIRED
    #: ``context -> bool``: the reason is required for this object (e.g. a manager
    #: cancelling someone else's booking), overrides ``reason == "optional"``
    reason_required: Callable | None = None
    #: the label of the reason field (says who reads it)
    reason_label: object = None
    #: what happens when the button is pressed (who gets a mail)
    consequence: object = None
    #: ``context -> bool``: a file must be given with the transition
    needs_file: Callable | None = None
    #: the label of the file field
    file_label: object = None
    #: ``(context, upload) -> None``: stores the file, raises an error with
    #: ``errors = [(field, message)]`` when it is refused
    attach: Callable | None = None


def form_for(context, transition):
    """The :class:`TransitionForm` of ``transition`` on ``context``, or None (runs at once)."""
    name = f"{getattr(context, 'portal_type', '')}/{transition}"
    return queryUtility(ITransitionForm, name=name)


def asks_reason(form):
    return form is not None and form.reason in (REASON_REQUIRED, REASON_OPTIONAL)


def reason_is_required(form, context):
    if form is None or form.reason == NO_REASON:
        return False
    if form.reason == REASON_REQUIRED:
        return True
    return bool(form.reason_required and form.reason_required(context))


def asks_file(form, context):
    return bool(form is not None and form.needs_file and form.needs_file(context))


class TransitionRefused(Exception):
    """The transition did not run; ``errors`` says why, per field (``""``: the whole form)."""

    def __init__(self, errors):
        self.errors = list(errors)
        super().__init__("; ".join(str(message) for _field, message in self.errors))


MISSING_REASON = _("error_transition_reason_missing",
                   default="Give the reason: it is sent to the person concerned.")
MISSING_FILE = _("error_transition_file_missing", default="Add the document (PDF).")
NOT_POSSIBLE = _("error_transition_not_possible",
                 default="This action is not possible now: the page may be out of date.")


def errors_of(error):
    """``[(field, message)]`` of an add-on's refusal, whatever its exception class."""
    errors = getattr(error, "errors", None)
    if errors:
        return [(field or "", message) for field, message in errors]
    return [("", str(error))]


def run_transition(context, transition, comment="", upload=None):
    """Run ``transition`` with its reason and file; nothing is kept when it is refused.

    Raises :class:`TransitionRefused`; the add-on's own checks (guards and
    subscribers) run exactly as through REST.
    """
    from plone import api

    workflow = api.portal.get_tool("portal_workflow")
    allowed = {t["id"] for t in workflow.getTransitionsFor(context)}
    if transition not in allowed:
        raise TransitionRefused([("", NOT_POSSIBLE)])
    form = form_for(context, transition)
    comment = (comment or "").strip()
    errors = []
    if reason_is_required(form, context) and not comment:
        errors.append(("comment", MISSING_REASON))
    has_upload = bool(upload and getattr(upload, "filename", None))
    if asks_file(form, context) and not has_upload:
        errors.append(("file", MISSING_FILE))
    if errors:
        raise TransitionRefused(errors)
    savepoint = transaction.savepoint()
    try:
        if has_upload and form is not None and form.attach is not None:
            form.attach(context, upload)
        workflow.doActionFor(context, transition, comment=comment)
    except (WorkflowException, ValueError) as error:
        savepoint.rollback()
        raise TransitionRefused(errors_of(error)) from error
    except Exception as error:
        if not hasattr(error, "errors"):
            raise
        savepoint.rollback()
        raise TransitionRefused(errors_of(error)) from error


def point_to_form(workflow, transition_ids):
    """Upgrade steps: the status menu sends these transitions to ``@@transition-form``.

    Sets the action URL of each transition of ``workflow`` (a DCWorkflow) the way
    the profiles' ``definition.xml`` now write it; the states, the transitions
    and the objects' history are untouched.
    """
    for transition_id in transition_ids:
        transition = workflow.transitions.get(transition_id)
        if transition is not None:
            transition.actbox_url = (
                f"%(content_url)s/@@transition-form?workflow_action={transition_id}")
