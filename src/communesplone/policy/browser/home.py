"""The commune's front page: its services, news, events, hours and contact."""

from communesplone.core import identity
from communesplone.core.languages import request_language
from communesplone.core.languages import translated_description
from communesplone.policy import frontpage
from communesplone.policy import structure
from plone import api
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile


class CommuneHomeView(BrowserView):
    """``@@commune-home``, the layout of the site root set by communesplone.policy."""

    index = ViewPageTemplateFile("templates/home.pt")

    def __call__(self):
        portal = api.portal.get()
        self.language = request_language(self.request)
        self.tiles = frontpage.service_tiles(portal)
        self.news = [
            {"title": brain.Title, "url": brain.getURL(), "description": brain.Description,
             "date": frontpage.news_when(brain, self.language)}
            for brain in frontpage.latest_news(self.language)
        ]
        self.events = [
            {"title": brain.Title, "url": brain.getURL(), "location": brain.location,
             "when": frontpage.event_when(brain, self.language)}
            for brain in frontpage.upcoming_events(self.language)
        ]
        self.news_url = self._folder_url("news_folder")
        self.events_url = self._folder_url("events_folder")
        self.contact = identity.contact(self.language)
        self.lead = translated_description(portal, self.language)
        return self.index()

    def _folder_url(self, role):
        folder = structure.folder_of(role)
        return folder.absolute_url() if folder is not None else None
