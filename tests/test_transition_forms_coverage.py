"""Every transition that a workflow refuses without a reason or a file opens a form.

The add-ons refuse these transitions in their subscribers when the reason (or the
document) is missing; each must be declared to ``@@transition-form`` and the status
menu must send it there, so that a person reads a message on a form, never a
traceback. A transition added later with such a rule must be listed here too. The
council's only change that needs a reason is a correction, not a transition: its form
is ``@@correct-item`` (tests/deliberations/test_deliberations_correction_form.py).
"""

from plone import api

import pytest

#: (portal type, workflow, transition): refused without a reason or a file
NEEDS_A_FORM = [
    ("Booking", "communesplone_booking_workflow", "refuse"),
    ("Booking", "communesplone_booking_workflow", "cancel"),
    ("Business", "communesplone_business_workflow", "reject"),
    ("DocumentOrder", "communesplone_documentorder_workflow", "reject"),
    ("DocumentOrder", "communesplone_documentorder_workflow", "deliver"),
]


class _Typed:
    def __init__(self, portal_type):
        self.portal_type = portal_type


@pytest.mark.parametrize(("portal_type", "workflow_id", "transition"), NEEDS_A_FORM)
def test_declared_and_sent_to_the_form(integration, portal_type, workflow_id, transition):
    from communesplone.core.transitionforms import form_for

    assert form_for(_Typed(portal_type), transition) is not None
    workflow = api.portal.get_tool("portal_workflow").get(workflow_id)
    if workflow is None:
        pytest.skip(f"{workflow_id} not installed by this preset")
    assert workflow.transitions[transition].actbox_url.endswith(
        f"/@@transition-form?workflow_action={transition}")

