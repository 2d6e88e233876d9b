"""The life of items and meetings: workflow, numbering, late items, postponement, transfer."""

from deliberationhelpers import attend
from deliberationhelpers import make_council
from deliberationhelpers import make_item
from deliberationhelpers import make_meeting
from deliberationhelpers import present
from deliberationhelpers import state
from deliberationhelpers import transition
from plone import api
from Products.CMFCore.WorkflowCore import WorkflowException

import pytest


def test_meeting_pulls_in_item_templates(council):
    meeting = make_meeting(council)
    brains = api.content.find(portal_type="MeetingItem", delib_meeting=meeting.UID(),
                              unrestricted=True)
    assert [b.Title for b in brains] == ["Approbation du procès-verbal de la séance précédente"]
    assert brains[0].review_state == "presented"


def test_full_cycle_numbering_and_history(council):
    meeting = make_meeting(council)
    second = make_item(council, "Voirie rue Haute", category="public-works")
    first = make_item(council, "Budget", category="finances")
    closed = make_item(council, "Nomination", category="nominations", closed_session=True)
    for item in (second, first, closed):
        present(item, meeting)
    transition(meeting, "freeze")
    assert state(meeting) == "frozen"
    for item in (second, first, closed):
        assert state(item) == "frozen"
    # template (general/minutes, order 10.1) < finances (20) < public works (30) < closed
    template = [b for b in api.content.find(portal_type="MeetingItem", unrestricted=True,
                                            delib_meeting=meeting.UID())
                if b.Title.startswith("Approbation")][0]
    assert template.delib_item_number == 1
    assert (first.item_number, second.item_number, closed.item_number) == (2, 3, 4)
    assert (first.year_number, second.year_number, closed.year_number) == (2, 3, 4)
    actions = [entry["action"] for entry in first.workflow_history[
        "communesplone_meetingitem_workflow"]]
    assert actions == [None, "propose", "validate", "present", "freeze"]
    # a second meeting the same year continues the year's numbering
    other = make_meeting(council, days=21)
    other.date = meeting.date.replace(hour=22)  # same year, later
    item = make_item(council, "Autre")
    present(item, other)
    transition(other, "freeze")
    assert item.item_number == 2
    assert item.year_number == 6


def test_service_cannot_validate_or_edit_after_proposing(council):
    item = make_item(council, "Subside")
    transition(item, "propose", "eco")
    with api.env.adopt_user(username="eco"):
        assert not api.user.has_permission("Modify portal content", obj=item)
        with pytest.raises(WorkflowException):
            api.portal.get_tool("portal_workflow").doActionFor(item, "validate")
    transition(item, "back_to_created")
    with api.env.adopt_user(username="eco"):
        assert api.user.has_permission("Modify portal content", obj=item)


def test_other_service_does_not_see_the_item(council):
    item = make_item(council, "Subside")
    with api.env.adopt_user(username="pop"):
        assert not api.user.has_permission("View", obj=item)
    with api.env.adopt_user(username="citizen"):
        assert not api.user.has_permission("View", obj=item)


def test_frozen_item_only_changed_by_secretariat(council):
    meeting = make_meeting(council)
    item = make_item(council)
    present(item, meeting)
    transition(meeting, "freeze")
    with api.env.adopt_user(username="eco"):
        assert api.user.has_permission("View", obj=item)
        assert not api.user.has_permission("Modify portal content", obj=item)
    with api.env.adopt_user(username="clerk"):
        assert api.user.has_permission("Modify portal content", obj=item)


def test_late_item_is_listed_apart_and_numbered(council):
    from communesplone.deliberations.agenda import sections

    meeting = make_meeting(council)
    item = make_item(council)
    present(item, meeting)
    transition(meeting, "freeze")
    late = make_item(council, "Urgent", category="finances")
    present(late, meeting)
    assert late.late and state(late) == "frozen"
    assert late.item_number == 3
    with api.env.adopt_user(username="clerk"):
        parts = sections(meeting)
    assert [b.Title for b in parts["late"]] == ["Urgent"]
    assert "Urgent" not in [b.Title for b in parts["public"]]


def test_late_item_close_to_meeting_needs_urgency(council):
    meeting = make_meeting(council, days=10)
    transition(meeting, "freeze")
    # move the meeting 3 days ahead after freezing: fewer than 5 clear days
    from deliberationhelpers import in_days

    meeting.date = in_days(3)
    late = make_item(council, "Tardif")
    transition(late, "propose", "eco")
    transition(late, "validate")
    late.meeting = meeting.UID()
    with pytest.raises(WorkflowException, match="urgent"):
        transition(late, "present")
    late.urgent = True
    late.urgency_justification = "Subside à introduire avant la fin du mois"
    transition(late, "present")
    assert late.late


def test_freeze_refused_within_seven_clear_days(council):
    meeting = make_meeting(council, days=7)  # 6 clear days
    with pytest.raises(WorkflowException, match="7 clear days"):
        transition(meeting, "freeze")
    assert state(meeting) == "created"
    meeting.urgent = True
    with pytest.raises(WorkflowException):
        transition(meeting, "freeze")
    meeting.urgency_justification = "Marché public à attribuer"
    transition(meeting, "freeze")
    assert state(meeting) == "frozen"


def test_freeze_allowed_with_exactly_seven_clear_days(council):
    meeting = make_meeting(council, days=8)
    transition(meeting, "freeze")
    assert state(meeting) == "frozen"


def test_brussels_and_flanders_presets_change_the_numbers(council, integration):
    portal = integration["portal"]
    from communesplone.deliberations.regimes import rules_for

    flemish = make_council(portal, id_="gemeenteraad", regime="flanders")
    assert rules_for(flemish).convocation_days == 8
    meeting = make_meeting(flemish, days=8)  # 7 clear days: enough in Wallonia, not here
    with pytest.raises(WorkflowException, match="8 clear days"):
        transition(meeting, "freeze")
    override = make_council(portal, id_="override", convocation_days=2, publication_days=2)
    meeting = make_meeting(override, days=4)
    transition(meeting, "freeze")
    assert state(meeting) == "frozen"


def _decide_session(council, meeting):
    attend(meeting)
    transition(meeting, "freeze")
    transition(meeting, "open_session")


def test_postponed_item_is_cloned_into_next_meeting(council):
    from communesplone.deliberations.lifecycle import meeting_of

    meeting = make_meeting(council, days=10)
    following = make_meeting(council, days=40)
    item = make_item(council, "Règlement")
    present(item, meeting)
    _decide_session(council, meeting)
    transition(item, "postpone")
    assert state(item) == "postponed"
    clone = api.content.get(UID=item.postponed_to)
    assert clone.origin == item.UID()
    assert state(clone) == "presented"
    assert meeting_of(clone) == following
    assert clone.item_number is None
    assert clone.aq_parent == council


def test_college_item_sent_to_council_keeps_link(council, integration):
    portal = integration["portal"]
    from communesplone.deliberations.lifecycle import send_to
    from communesplone.deliberations.votes import record_vote

    college = make_council(portal, id_="college", title="Collège communal", kind="college",
                           public_sessions=False, convocation_days=0, publication_days=0)
    meeting = make_meeting(college, days=2)
    item = make_item(college, "Projet de règlement", category="general")
    present(item, meeting)
    _decide_session(college, meeting)
    with api.env.adopt_user(username="clerk"):
        record_vote(item, meeting, "summary", counts={"yes": 6})
    transition(item, "accept")
    with api.env.adopt_user(username="clerk"):
        sent = send_to(item, council)
    assert sent.aq_parent == council
    assert sent.origin == item.UID()
    assert item.sent_to == (sent.UID(),)
    assert state(sent) == "created"


def test_meeting_decided_only_when_every_item_is(council):
    meeting = make_meeting(council, days=10)
    item = make_item(council)
    present(item, meeting)
    _decide_session(council, meeting)
    with pytest.raises(WorkflowException, match="not decided"):
        transition(meeting, "decide")
    for brain in api.content.find(portal_type="MeetingItem", delib_meeting=meeting.UID(),
                                  unrestricted=True):
        transition(brain.getObject(), "withdraw")
    transition(meeting, "decide")
    assert state(meeting) == "decided"


def test_decided_item_is_read_only_except_correction_with_reason(council):
    from communesplone.deliberations.corrections import correct
    from communesplone.deliberations.corrections import CorrectionError
    from communesplone.deliberations.votes import record_vote

    meeting = make_meeting(council, days=10)
    item = make_item(council, "Règlement redevance")
    present(item, meeting)
    _decide_session(council, meeting)
    with api.env.adopt_user(username="clerk"):
        record_vote(item, meeting, "summary", counts={"yes": 6})
    transition(item, "accept")
    for user in ("clerk", "eco"):
        with api.env.adopt_user(username=user):
            assert not api.user.has_permission("Modify portal content", obj=item)
    with api.env.adopt_user(username="clerk"):
        with pytest.raises(CorrectionError, match="reason"):
            correct(item, "title", "Règlement-redevance", "")
        with pytest.raises(CorrectionError, match="cannot be corrected"):
            correct(item, "closed_session", True, "erreur")
        entry = correct(item, "decision", "<p>DÉCIDE : Article 1 — corrigé.</p>",
                        "Erreur matérielle")
    assert "corrigé" in item.decision.raw
    assert item.corrections == (entry,)
    assert entry["by"] == "clerk" and entry["reason"] == "Erreur matérielle"
