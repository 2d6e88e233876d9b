"""``GET @identity-assurance``: the current person's assurance record, masked."""

from communesplone.core.assurance import get_assurance
from plone.restapi.services import Service


class IdentityAssuranceGet(Service):
    def reply(self):
        return get_assurance(self.request).masked()
