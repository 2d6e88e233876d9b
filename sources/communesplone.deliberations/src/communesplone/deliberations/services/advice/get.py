"""GET @advice: the advices asked about an item (staff, the proposing service, the advisers)."""

from AccessControl import getSecurityManager
from plone.restapi.services import Service
from zExceptions import Unauthorized


class AdviceGet(Service):
    def reply(self):
        user = getSecurityManager().getUser()
        roles = set(user.getRolesInContext(self.context))
        if not roles & {"Manager", "Site Administrator", "Reviewer", "Editor", "Owner",
                        "Adviser"}:
            raise Unauthorized("advices")
        return {"@id": f"{self.context.absolute_url()}/@advice",
                "items": list(getattr(self.context, "advices", None) or [])}
