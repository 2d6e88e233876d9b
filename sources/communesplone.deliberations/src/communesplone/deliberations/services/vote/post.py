"""POST @vote: record the vote of an item (``mode``, ``votes`` or ``counts``, ``outcome``,
``reason``); 400 with the reason when the rules refuse it (quorum, voters, secret ballot)."""

from communesplone.deliberations.lifecycle import meeting_of
from communesplone.deliberations.services.errors import validation_error
from communesplone.deliberations.votes import record_vote
from communesplone.deliberations.votes import VoteError
from communesplone.core.jsonbody import Choice
from communesplone.core.jsonbody import Count
from communesplone.core.jsonbody import Mapping
from communesplone.core.jsonbody import read_fields
from communesplone.core.jsonbody import read_json_body
from communesplone.core.jsonbody import Text
from communesplone.deliberations import _
from communesplone.deliberations.vocabularies import VOTE_CHOICES
from communesplone.deliberations.votes import MODES
from communesplone.deliberations.votes import OUTCOMES
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from zope.interface import alsoProvides


FIELDS = {
    "mode": Choice(_("label_vote_mode", default="Kind of vote"), MODES),
    "votes": Mapping(_("label_vote_votes", default="Votes"), Choice("", VOTE_CHOICES)),
    "counts": Mapping(_("label_vote_counts", default="Counts"), Count(""),
                      keys=Choice("", VOTE_CHOICES)),
    "outcome": Choice(_("label_vote_outcome", default="Outcome"), OUTCOMES),
    "reason": Text(_("label_vote_reason", default="Reason")),
}


class VotePost(Service):
    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        data = read_fields(read_json_body(self.request), FIELDS, self.request)
        try:
            vote = record_vote(
                self.context, meeting_of(self.context), data.get("mode"),
                votes=data.get("votes"), counts=data.get("counts"),
                outcome=data.get("outcome"), reason=data.get("reason") or "",
            )
        except VoteError as error:
            return validation_error(self.request, error.message, error.field)
        return {"@id": f"{self.context.absolute_url()}/@vote", "vote": vote,
                "outcome": self.context.outcome}
