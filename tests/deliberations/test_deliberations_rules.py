"""The Walloon rules: quorum per item, votes, secret ballot, finance advice, working days."""

from datetime import date
from decimal import Decimal
from deliberationhelpers import attend
from deliberationhelpers import make_item
from deliberationhelpers import make_meeting
from deliberationhelpers import present
from deliberationhelpers import state
from deliberationhelpers import transition
from plone import api
from Products.CMFCore.WorkflowCore import WorkflowException

import pytest


def test_clear_days_and_working_days():
    from communesplone.core.calendar import add_working_days
    from communesplone.deliberations.regimes import clear_days_between
    from communesplone.deliberations.regimes import latest_sending_date

    # sent on the 1st for a meeting on the 9th: 2..8 = 7 clear days
    assert clear_days_between(date(2026, 12, 1), date(2026, 12, 9)) == 7
    assert latest_sending_date(date(2026, 12, 9), 7) == date(2026, 12, 1)
    # Friday 18 Dec 2026 + 10 working days: skips two weekends and Christmas (Friday 25)
    assert add_working_days(date(2026, 12, 18), 10) == date(2027, 1, 5)  # 1 Jan is a holiday too
    # Thursday 30 April 2026 + 1 working day: 1 May is a holiday, then the weekend
    assert add_working_days(date(2026, 4, 30), 1) == date(2026, 5, 4)


def _session(council, *items, **left):
    meeting = make_meeting(council, days=10)
    for item in items:
        present(item, meeting)
    attend(meeting, **left)
    transition(meeting, "freeze")
    transition(meeting, "open_session")
    return meeting


def _vote(item, meeting, mode, **kwargs):
    from communesplone.deliberations.votes import record_vote

    with api.env.adopt_user(username="clerk"):
        return record_vote(item, meeting, mode, **kwargs)


def test_quorum_per_item_refuses_the_vote_with_the_reason(council):
    from communesplone.deliberations.votes import quorum
    from communesplone.deliberations.votes import VoteError

    first = make_item(council, "Premier", category="finances")
    second = make_item(council, "Second", category="public-works")
    # 7 voting members in office (m6's mandate ended): 4 needed. 5 present, then m3 and m4
    # leave during item 2 (the template is 1, "Premier" 2, "Second" 3).
    meeting = _session(council, first, second,
                       present=("m1", "m2", "m3", "m4", "m5"), m3=2, m4=2)
    assert first.item_number == 2
    assert quorum(meeting, 1)[0] is True
    assert quorum(meeting, 2)[1] == ["m1", "m2", "m5"]
    with pytest.raises(VoteError) as refused:
        _vote(first, meeting, "summary", counts={"yes": 3})
    assert "No quorum for this item: 3 members present out of 6" in str(refused.value)
    assert refused.value.message.mapping == {"present": 3, "in_office": 6}
    assert getattr(first, "vote", None) is None


def test_nominal_vote_derives_outcome_and_names_dissenters(council):
    from communesplone.deliberations.votes import dissenters
    from communesplone.deliberations.votes import VoteError

    item = make_item(council, "Budget", category="finances")
    meeting = _session(council, item)
    with pytest.raises(VoteError, match="Not present"):
        _vote(item, meeting, "nominal", votes={"m6": "yes"})
    vote = _vote(item, meeting, "nominal",
                 votes={"m1": "yes", "m2": "yes", "m3": "no", "m4": "abstain", "m5": "yes"})
    assert (vote["yes"], vote["no"], vote["abstain"], vote["outcome"]) == (3, 1, 1, "accepted")
    assert dissenters(item) == {"no": ["Chloé Conseillère"], "abstain": ["David Conseiller"]}
    with pytest.raises(WorkflowException, match="does not match"):
        transition(item, "refuse")
    transition(item, "accept")
    assert state(item) == "accepted"


def test_more_voters_than_present_is_refused(council):
    from communesplone.deliberations.votes import VoteError

    item = make_item(council, "Budget", category="finances")
    meeting = _session(council, item)
    with pytest.raises(VoteError, match="voters"):
        _vote(item, meeting, "summary", counts={"yes": 5, "no": 2})  # 6 present
    _vote(item, meeting, "summary", counts={"yes": 6})
    assert item.outcome == "accepted"


def test_secret_ballot_forced_for_reserved_categories(council):
    from communesplone.deliberations.votes import VoteError

    item = make_item(council, "Nomination d'un agent", category="nominations",
                     closed_session=True)
    meeting = _session(council, item)
    with pytest.raises(VoteError, match="secret ballot"):
        _vote(item, meeting, "nominal", votes={"m1": "yes"})
    vote = _vote(item, meeting, "secret", counts={"yes": 2, "no": 3, "abstain": 1})
    assert "votes" not in vote
    assert vote["outcome"] == "refused"


def test_outcome_override_needs_a_reason(council):
    from communesplone.deliberations.votes import VoteError

    item = make_item(council, "Motion", category="general")
    meeting = _session(council, item)
    with pytest.raises(VoteError, match="reason"):
        _vote(item, meeting, "summary", counts={"yes": 3, "no": 3}, outcome="accepted")
    vote = _vote(item, meeting, "summary", counts={"yes": 3, "no": 3}, outcome="accepted",
                 reason="Voix prépondérante du président (L1122-26)")
    assert vote["derived_outcome"] == "refused"
    assert vote["outcome"] == item.outcome == "accepted"
    transition(item, "accept")


def test_decision_needs_a_vote(council):
    item = make_item(council, "Motion", category="general")
    _session(council, item)
    with pytest.raises(WorkflowException, match="Record the vote"):
        transition(item, "accept")


def test_finance_advice_above_threshold_before_validation(council):
    from communesplone.deliberations.advice import AdviceError
    from communesplone.deliberations.advice import give_advice
    from communesplone.core.calendar import add_working_days

    small = make_item(council, "Petit achat", financial_impact=Decimal("22000"))
    transition(small, "propose", "eco")
    assert not getattr(small, "advices", None)
    transition(small, "validate")

    item = make_item(council, "Marché de travaux", financial_impact=Decimal("22000.01"),
                     urgent=True)
    transition(item, "propose", "eco")
    (advice,) = item.advices
    assert advice["service"] == "communesplone-finance"
    assert advice["due"] == add_working_days(date.today(), 5).isoformat()
    with api.env.adopt_user(username="fin"):
        assert api.user.has_permission("View", obj=item)
    with pytest.raises(WorkflowException, match="finance director"):
        transition(item, "validate")
    with api.env.adopt_user(username="eco"), pytest.raises(AdviceError):
        give_advice(item, "communesplone-finance", "favourable")
    with api.env.adopt_user(username="fin"):
        give_advice(item, "communesplone-finance", "remarks", "Crédit à prévoir en MB1")
    transition(item, "validate")
    assert state(item) == "validated"


def test_agenda_reads_the_categories_once(integration):
    """An assembly made without categories gets its defaults stored at creation (read
    from the schema, they were computed and validated on every read: 17 ms each, once
    per item of an agenda); the agenda's sort reads them once whatever its size."""
    from communesplone.deliberations import agenda
    from communesplone.deliberations.content.assembly import Assembly
    from unittest import mock

    with api.env.adopt_roles(["Manager"]):
        assembly = api.content.create(container=integration["portal"], type="Assembly",
                                      id="college", title="Collège", members=[])
    assert "categories" in assembly.__dict__ and "item_templates" in assembly.__dict__
    assert assembly.categories, "the regime's default categories"
    first = assembly.categories[0]["id"]

    class Brain:
        delib_late = False
        delib_closed_session = False
        delib_category = first
        delib_insertion = 0

    with mock.patch.object(Assembly, "category_map", autospec=True,
                           side_effect=Assembly.category_map) as reads:
        key = agenda.sort_key(assembly)
        sorted([Brain() for _index in range(50)], key=key)
    assert reads.call_count == 1
