"""``GET @identity-audit``: the identity audit log (Site Administrators)."""

from communesplone.core.audit import entries
from plone.restapi.services import Service


class IdentityAuditGet(Service):
    def reply(self):
        limit = min(int(self.request.form.get("limit", 200) or 200), 5000)
        return {
            "items": entries(
                limit=limit,
                user_id=self.request.form.get("user_id"),
                event=self.request.form.get("event"),
            )
        }
