"""``GET <booking>/@occurrences``: the occurrences a booking holds now."""

from communesplone.booking.content.resource import site_timezone
from plone.restapi.services import Service


def occurrences_json(booking):
    return [{"index": index, "start": start.isoformat(), "end": end.isoformat()}
            for index, start, end in booking.occurrences(site_timezone())]


class OccurrencesGet(Service):
    def reply(self):
        return {"@id": f"{self.context.absolute_url()}/@occurrences",
                "items": occurrences_json(self.context)}
