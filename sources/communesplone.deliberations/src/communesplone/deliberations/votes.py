"""Quorum and votes of an item, by the rules of the assembly.

* attendance is per item: a member present at the meeting counts for item N
  unless they left during an item numbered N or before, or joined after it;
* quorum: more than half of the voting members in office on the meeting day;
* a public item is voted per member (``nominal``: yes / no / abstain) or by a
  summary of counts (``summary``, e.g. unanimity); a secret vote records only
  counts; the categories the law reserves to it force a secret vote;
* never more voters than members present for the item;
* the outcome is derived (more yes than no: accepted) and can be overridden
  only with a reason.
"""

from communesplone.deliberations import _
from communesplone.deliberations.regimes import as_date
from communesplone.deliberations.vocabularies import VOTE_CHOICES
from datetime import datetime
from datetime import UTC
from plone import api
from zope.globalrequest import getRequest
from zope.i18n import translate

MODES = ("nominal", "summary", "secret")
OUTCOMES = ("accepted", "refused")


class VoteError(ValueError):
    """A vote the rules refuse; ``message`` is translatable, ``field`` names the input."""

    def __init__(self, message, field="vote"):
        super().__init__(translate(message, context=getRequest()))
        self.message = message
        self.field = field


def present_for(meeting, item_number):
    """Ids of the members present for the item numbered ``item_number``."""
    present = []
    for entry in meeting.attendance or []:
        if entry.get("status") != "present":
            continue
        left = entry.get("left_at_item")
        joined = entry.get("joined_at_item")
        if item_number is not None:
            if left is not None and left <= item_number:
                continue
            if joined is not None and joined > item_number:
                continue
        present.append(entry["member"])
    return present


def quorum(meeting, item_number):
    """``(reached, present voting members, members in office)`` for one item."""
    assembly = meeting.get_assembly()
    in_office = {m["id"] for m in assembly.members_in_office(as_date(meeting.date))}
    present = [m for m in present_for(meeting, item_number) if m in in_office]
    return len(present) * 2 > len(in_office), present, len(in_office)


def derive_outcome(yes, no):
    return "accepted" if yes > no else "refused"


def _counts(data, allowed_voters):
    try:
        counts = {choice: int(data.get(choice) or 0) for choice in VOTE_CHOICES}
    except (TypeError, ValueError):
        raise VoteError(_("error_vote_counts", default="The counts must be whole numbers."),
                        "counts") from None
    if any(value < 0 for value in counts.values()):
        raise VoteError(_("error_vote_counts", default="The counts must be whole numbers."),
                        "counts")
    if sum(counts.values()) > allowed_voters:
        raise VoteError(_("error_vote_too_many",
                          default="${voters} voters but only ${present} members present.",
                          mapping={"voters": sum(counts.values()), "present": allowed_voters}),
                        "counts")
    return counts


def record_vote(item, meeting, mode, votes=None, counts=None, outcome=None, reason=""):
    """Check and store the vote of ``item``; return it. Raises :class:`VoteError`."""
    assembly = item.get_assembly()
    if api.content.get_state(meeting) != "in_session":
        raise VoteError(_("error_vote_not_in_session",
                          default="Votes are recorded while the meeting is in session."))
    if api.content.get_state(item) != "frozen":
        raise VoteError(_("error_vote_item_state",
                          default="This item is not on the agenda of the session."))
    reached, present, in_office = quorum(meeting, item.item_number)
    if not reached:
        raise VoteError(_("error_vote_no_quorum",
                          default="No quorum for this item: ${present} members present out of "
                                  "${in_office} in office; more than half are needed.",
                          mapping={"present": len(present), "in_office": in_office}))
    if mode not in MODES:
        raise VoteError(_("error_vote_mode", default="Unknown kind of vote."), "mode")
    if assembly.is_secret_category(item.category) and mode != "secret":
        raise VoteError(_("error_vote_secret_forced",
                          default="The law reserves this category to a secret ballot."), "mode")
    record = {"mode": mode, "present": sorted(present)}
    if mode == "nominal":
        votes = votes or {}
        unknown = sorted(set(votes) - set(present))
        if unknown:
            raise VoteError(_("error_vote_not_present",
                              default="Not present for this item: ${members}.",
                              mapping={"members": ", ".join(unknown)}), "votes")
        if any(choice not in VOTE_CHOICES for choice in votes.values()):
            raise VoteError(_("error_vote_choice", default="A vote is yes, no or abstain."),
                            "votes")
        record["votes"] = dict(sorted(votes.items()))
        counts = {choice: sum(1 for v in votes.values() if v == choice)
                  for choice in VOTE_CHOICES}
    else:
        counts = _counts(counts or {}, len(present))
    record.update(counts)
    derived = derive_outcome(counts["yes"], counts["no"])
    record["derived_outcome"] = derived
    if outcome and outcome != derived:
        if outcome not in OUTCOMES:
            raise VoteError(_("error_vote_outcome", default="Unknown outcome."), "outcome")
        if not (reason or "").strip():
            raise VoteError(_("error_vote_override_reason",
                              default="Overriding the outcome of the vote needs a reason."),
                            "reason")
        record["override_reason"] = reason.strip()
    record["outcome"] = outcome or derived
    record["recorded_by"] = api.user.get_current().getId()
    record["recorded_at"] = datetime.now(UTC).isoformat()
    item.vote = record
    item.outcome = record["outcome"]
    item.reindexObject(idxs=["delib_outcome"])
    return record


def dissenters(item):
    """Names of the members who voted no or abstained on a nominal vote (for the minutes)."""
    vote = getattr(item, "vote", None) or {}
    if vote.get("mode") != "nominal":
        return {"no": [], "abstain": []}
    names = item.get_assembly().member_map()
    result = {"no": [], "abstain": []}
    for member, choice in vote.get("votes", {}).items():
        if choice in result:
            result[choice].append(names.get(member, {}).get("name", member))
    return result
