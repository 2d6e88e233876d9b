"""GET @publication-register[?sha256=<hex>]: the public register, or the entries of a hash."""

from communesplone.deliberations import register
from plone.restapi.services import Service


class RegisterGet(Service):
    def reply(self):
        base = f"{self.context.absolute_url()}/@@publication-register"
        digest = (self.request.form.get("sha256") or "").strip().lower()
        entries = register.entries()
        if digest:
            entries = [e for e in entries if e["sha256"] == digest]
        return {"@id": f"{self.context.absolute_url()}/@publication-register",
                "items": [dict(e, download=f"{base}/download?id={e['id']}") for e in entries],
                "items_total": len(entries)}
