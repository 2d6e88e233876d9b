"""The agenda builder's rules (no HTTP): waiting items, add, remove, reorder, what blocks
freezing, who may do it; the history of a meeting and a transition that runs only once;
the minutes and extracts complete."""

from AccessControl import Unauthorized
from communesplone.deliberations import agenda_builder
from communesplone.deliberations.advice import request_advice
from deliberationhelpers import attend
from deliberationhelpers import make_item
from deliberationhelpers import make_meeting
from deliberationhelpers import present
from deliberationhelpers import state
from deliberationhelpers import transition
from plone import api
from Products.CMFCore.WorkflowCore import WorkflowException
from zope.i18n import translate

import pytest


def validated(council, title, **fields):
    item = make_item(council, title, **fields)
    transition(item, "propose", "eco")
    transition(item, "validate")
    return item


def titles(meeting, category):
    data = agenda_builder.overview(meeting)
    return [entry["title"] for section in data["sections"] for group in section["groups"]
            if group["category"] == category for entry in group["entries"]]


def run(meeting, action, item=None, user="clerk", order=None):
    with api.env.adopt_user(username=user):
        return agenda_builder.run(meeting, action, uid=item.UID() if item else None,
                                  order=order)


def test_add_reorder_remove_within_a_category(council):
    meeting = make_meeting(council)
    works = [validated(council, f"Voirie {n}", category="public-works") for n in (1, 2, 3)]
    budget = validated(council, "Budget", category="finances")
    with api.env.adopt_user(username="clerk"):
        waiting = [w["title"] for w in agenda_builder.overview(meeting)["waiting"]]
    assert waiting == ["Budget", "Voirie 1", "Voirie 2", "Voirie 3"]  # category order
    for item in (*works, budget):
        run(meeting, "add", item)
    assert state(budget) == "presented" and budget.meeting == meeting.UID()
    data = agenda_builder.overview(meeting)
    assert data["waiting"] == []
    numbers = [(e["number"], e["title"]) for s in data["sections"] for g in s["groups"]
               for e in g["entries"]]
    assert numbers[1:] == [(2, "Budget"), (3, "Voirie 1"), (4, "Voirie 2"), (5, "Voirie 3")]
    run(meeting, "down", works[0])
    assert titles(meeting, "public-works") == ["Voirie 2", "Voirie 1", "Voirie 3"]
    run(meeting, "up", works[2])
    assert titles(meeting, "public-works") == ["Voirie 2", "Voirie 3", "Voirie 1"]
    run(meeting, "up", works[1])  # already first: nothing moves, no error
    assert titles(meeting, "public-works") == ["Voirie 2", "Voirie 3", "Voirie 1"]
    run(meeting, "order", order=[w.UID() for w in works])
    assert titles(meeting, "public-works") == ["Voirie 1", "Voirie 2", "Voirie 3"]
    with pytest.raises(WorkflowException, match="one category"):
        run(meeting, "order", order=[works[0].UID(), budget.UID()])
    run(meeting, "remove", works[1])
    assert state(works[1]) == "validated" and not works[1].meeting
    assert titles(meeting, "public-works") == ["Voirie 1", "Voirie 3"]
    transition(meeting, "freeze")
    assert [w.item_number for w in (works[0], works[2])] == [3, 4]  # the order built
    with pytest.raises(WorkflowException, match="frozen"):
        run(meeting, "up", works[2])
    with pytest.raises(WorkflowException, match="frozen"):
        run(meeting, "remove", works[2])
    run(meeting, "add", works[1])  # after freezing: a late item, numbered at once
    late = agenda_builder.overview(meeting)["sections"][-1]
    assert late["id"] == "late"
    assert [(e["title"], e["late"], e["number"]) for e in late["groups"][0]["entries"]] == [
        ("Voirie 2", True, 5)]


def test_late_item_refused_close_to_the_meeting_leaves_nothing_half_made(council):
    meeting = make_meeting(council, days=3)
    meeting.urgent, meeting.urgency_justification = True, "Marché à attribuer"
    transition(meeting, "freeze")
    item = validated(council, "Subside")
    with pytest.raises(WorkflowException, match="urgent"):
        run(meeting, "add", item)
    assert state(item) == "validated" and not item.meeting


def test_others_cannot_change_the_agenda(council):
    meeting = make_meeting(council)
    on_agenda = validated(council, "Sur l'ordre du jour")
    waiting = validated(council, "En attente")
    run(meeting, "add", on_agenda)
    for user in ("eco", "citizen", "councillor"):
        for action, item in (("add", waiting), ("remove", on_agenda), ("down", on_agenda)):
            with pytest.raises(Unauthorized):
                run(meeting, action, item, user=user)
        with api.env.adopt_user(username=user):
            assert agenda_builder.can_build(meeting) is False
    with api.env.adopt_roles(["Anonymous"]), pytest.raises(Unauthorized):
        agenda_builder.run(meeting, "add", uid=waiting.UID())
    assert state(waiting) == "validated" and state(on_agenda) == "presented"


def test_blockers_shown_before_freezing_and_enforced(council):
    meeting = make_meeting(council, days=3)
    item = validated(council, "Marché de services")
    run(meeting, "add", item)
    with api.env.adopt_roles(["Manager"]):
        request_advice(item, "communesplone-population")
    blockers = [translate(b) for b in agenda_builder.overview(meeting)["blockers"]]
    assert len(blockers) == 2
    assert "clear days" in blockers[0] and "Marché de services" in blockers[1]
    with api.env.adopt_user(username="clerk"):  # the page says it, before the button
        html = api.content.get_view("view", meeting, meeting.REQUEST)()
    assert 'id="delib-blockers"' in html and 'id="delib-edit-meeting"' in html
    assert "Marché de services" in html.split('id="delib-blockers"')[1].split("</ul>")[0]
    button = html.split('id="delib-freeze"')[1].split(">")[0]
    assert "disabled" in button and 'aria-describedby="delib-blockers"' in button
    with pytest.raises(WorkflowException, match="clear days"):
        transition(meeting, "freeze")
    meeting.urgent, meeting.urgency_justification = True, "Subside à confirmer avant le 31"
    with pytest.raises(WorkflowException, match="waits for an advice"):
        transition(meeting, "freeze")
    with api.env.adopt_user(username="pop"):
        from communesplone.deliberations.advice import give_advice

        give_advice(item, "communesplone-population", "favourable")
    assert agenda_builder.overview(meeting)["blockers"] == []
    transition(meeting, "freeze")
    assert state(meeting) == "frozen"


def test_history_lists_each_step_and_a_step_runs_once(council):
    meeting = make_meeting(council)
    present(make_item(council, "Budget", category="finances"), meeting)
    attend(meeting)
    workflow = api.portal.get_tool("portal_workflow")
    transition(meeting, "freeze")
    with pytest.raises(WorkflowException, match="Already done"):
        from communesplone.deliberations.lifecycle import refuse_if_done

        refuse_if_done(meeting, "freeze")
    with api.env.adopt_user(username="clerk"):
        history = workflow.getInfoFor(meeting, "review_history")
    assert [entry["action"] for entry in history] == [None, "freeze"]
    assert history[-1]["actor"] == "clerk" and history[-1]["review_state"] == "frozen"
    transition(meeting, "open_session")
    for brain in api.content.find(portal_type="MeetingItem", delib_meeting=meeting.UID(),
                                  unrestricted=True):
        transition(brain._unrestrictedGetObject(), "withdraw")
    for name in ("decide", "close"):
        transition(meeting, name)
    actions = [e["action"] for e in workflow.getInfoFor(meeting, "review_history")]
    assert actions == [None, "freeze", "open_session", "decide", "close"]


def test_upgrade_drops_stored_history_copies(council):
    from communesplone.deliberations.upgrades import to1004

    meeting = make_meeting(council)
    present(make_item(council, "Budget", category="finances"), meeting)
    transition(meeting, "freeze")
    key = "communesplone_meeting_workflow"
    entries = meeting.workflow_history[key]
    meeting.workflow_history[key] = tuple(  # as 1002 stored them
        dict(entry, review_history=tuple(entries[:i])) for i, entry in enumerate(entries))
    tool = api.portal.get_tool("portal_workflow")
    tool.getWorkflowById(key).variables["review_history"].for_status = 1
    to1004.upgrade()
    assert tool.getWorkflowById(key).variables["review_history"].for_status == 0
    assert all("review_history" not in e for e in meeting.workflow_history[key])
    actions = [e["action"] for e in tool.getInfoFor(meeting, "review_history")]
    assert actions == [None, "freeze"]


def test_minutes_and_extract_carry_legal_basis_attendance_and_votes(council):
    from communesplone.deliberations import documents
    from communesplone.deliberations.votes import record_vote
    from plone.app.textfield.value import RichTextValue

    meeting = make_meeting(council)
    item = make_item(
        council, "Règlement de la redevance", category="finances",
        legal_basis="Vu le Code de la démocratie locale, article L1122-30 ;\n\n"
                    "Vu la délibération du 12 janvier 2026 ;",
        motivation=RichTextValue("<p>Considérant que la redevance couvre les frais ;</p>",
                                 "text/html", "text/x-html-safe"),
        decision=RichTextValue("<p>DÉCIDE : Article 1er — le règlement est adopté.</p>",
                               "text/html", "text/x-html-safe"))
    present(item, meeting)
    attend(meeting, m3=2)  # m3 leaves during item 2: absent for it
    transition(meeting, "freeze")
    transition(meeting, "open_session")
    with api.env.adopt_user(username="clerk"):
        record_vote(item, meeting, "nominal",
                    votes={"m1": "yes", "m2": "yes", "m4": "no", "m5": "yes", "m7": "yes"})
    minutes = documents.render_html("minutes", documents.meeting_data(
        meeting, include_closed=True, unrestricted=True, language="fr"))
    extract = documents.render_html("extract", documents.extract_data(item, meeting, "fr"))
    for html in (minutes, extract):
        assert "Vu le Code de la démocratie locale, article L1122-30 ;" in html
        assert "Vu la délibération du 12 janvier 2026 ;" in html
        assert "Considérant que la redevance couvre les frais" in html
        assert "DÉCIDE : Article 1er" in html
        assert "Oui : 4, non : 1, abstentions : 0" in html
        assert "Ont voté contre : David Conseiller" in html
    assert "Présents pour ce point : Anne Bourgmestre, Bruno Echevin, David" in minutes
    assert "Chloé" not in extract.split("Présents :")[1].split("</p>")[0]
    agenda = documents.render_html("agenda", documents.meeting_data(
        meeting, include_closed=False, unrestricted=True, language="fr"))
    assert agenda.count('class="number"') == 2  # the template item and this one, once each
