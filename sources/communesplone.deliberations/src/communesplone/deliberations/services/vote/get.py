"""GET @vote: the vote of an item (counts only for a secret vote), its outcome, its quorum."""

from plone.restapi.services import Service


class VoteGet(Service):
    def reply(self):
        vote = getattr(self.context, "vote", None)
        return {"@id": f"{self.context.absolute_url()}/@vote", "vote": vote,
                "outcome": self.context.outcome}
