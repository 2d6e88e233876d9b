"""GET @agenda: the agenda builder of a meeting (secretariat): the agenda by part and
category, numbered, the items waiting for a meeting, what blocks freezing."""

from communesplone.deliberations.agenda_builder import overview
from plone.restapi.serializer.converters import json_compatible
from plone.restapi.services import Service


def serialize(meeting):
    data = overview(meeting)
    data["@id"] = f"{meeting.absolute_url()}/@agenda"
    return json_compatible(data)


class AgendaGet(Service):
    def reply(self):
        return serialize(self.context)
