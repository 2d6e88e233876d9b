"""POST @vote: record the vote of an item (``mode``, ``votes`` or ``counts``, ``outcome``,
``reason``); 400 with the reason when the rules refuse it (quorum, voters, secret ballot)."""

from communesplone.deliberations.lifecycle import meeting_of
from communesplone.deliberations.services.errors import validation_error
from communesplone.deliberations.votes import record_vote
from communesplone.deliberations.votes import VoteError
from communesplone.core.jsonbody import read_json_body
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from zope.interface import alsoProvides


class VotePost(Service):
    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        data = read_json_body(self.request)
        if not isinstance(data, dict):
            data = {}
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
