"""The news and events folders' pages, and an event's "when", in the reader's words.

Thin views over :mod:`communesplone.policy.listings`.
"""

from communesplone.core.languages import request_language
from communesplone.core.languages import translated_description
from communesplone.core.languages import translated_title
from communesplone.policy import listings
from plone.app.event.browser.event_summary import EventSummaryView
from plone.app.event.browser.event_view import EventView
from plone.event.interfaces import IEventAccessor
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile


class NewsListingView(BrowserView):
    """``news_listing``: the layout of the news folder (``structure.FOLDERS``)."""

    index = ViewPageTemplateFile("templates/listing.pt")
    kind = "news"

    def __call__(self):
        self.language = request_language(self.request)
        self.title = translated_title(self.context, self.language)
        self.description = translated_description(self.context, self.language)
        self.items = [
            {"title": brain.Title, "url": brain.getURL(), "description": brain.Description,
             "when": listings.news_when(brain, self.language)}
            for brain in listings.news_of(self.context, self.language)]
        self.past, self.past_url = False, None
        return self.index()


class EventsListingView(NewsListingView):
    """``events_listing``: the layout of the events folder; ``?past=1`` the past ones."""

    kind = "events"

    def __call__(self):
        self.language = request_language(self.request)
        self.title = translated_title(self.context, self.language)
        self.description = translated_description(self.context, self.language)
        self.past = bool(self.request.form.get("past"))
        self.items = [
            {"title": brain.Title, "url": brain.getURL(), "description": brain.Description,
             "when": listings.brain_period(brain, self.language), "location": brain.location}
            for brain in listings.events_of(self.context, self.language, past=self.past)]
        url = self.context.absolute_url()
        self.past_url = url if self.past else f"{url}?past=1"
        return self.index()


class EventPage(EventView):
    """An event's page without plone.app.event's hidden list of ISO dates (a screen
    reader reads it out): the same data as schema.org attributes."""

    index = ViewPageTemplateFile("templates/event_view.pt")

    def __call__(self):
        return self.index()


class EventSummary(EventSummaryView):
    """An event's card (when, where, contact, iCal) with its dates in words and no
    "(Europe/Brussels / UTC100)" line: plone.app.event's view, our template."""

    index = ViewPageTemplateFile("templates/event_summary.pt")

    def __call__(self):
        return self.index()

    def when(self):
        data = IEventAccessor(self.context)
        return listings.event_period(data.start, data.end, request_language(self.request),
                                     whole_day=data.whole_day, open_end=data.open_end)
