"""What the commune's front page (``@@commune-home``) shows: services, news, events.

Plain functions over the catalog, so the view stays thin. A service tile shows only
when its add-on is installed and the visitor can see its folder, found by portal type
(a commune may rename or move the folders).
"""

from communesplone.core.dates import local
from communesplone.core.dates import when_text
from communesplone.policy import _
from DateTime import DateTime
from plone import api
from plone.base.utils import get_installer

#: The services of the front page, in the order a visitor scans them:
#: (add-on, portal type of its top folder, tile id, title, description).
SERVICES = (
    ("communesplone.eguichet", "DocumentCatalog", "documents",
     _("tile_documents_title", default="Request a document"),
     _("tile_documents_description",
       default="Certificates, extracts and copies, ordered online and paid by transfer.")),
    ("communesplone.booking", "ResourceFolder", "booking",
     _("tile_booking_title", default="Book a room or equipment"),
     _("tile_booking_description",
       default="The commune's halls, rooms and equipment: see when they are free and book.")),
    ("communesplone.directory", "BusinessDirectory", "directory",
     _("tile_directory_title", default="Shops and associations"),
     _("tile_directory_description",
       default="Find a shop, a craftsman or a club near you, or add your own.")),
    ("communesplone.deliberations", "Assembly", "council",
     _("tile_council_title", default="Town council"),
     _("tile_council_description",
       default="Agendas of the next meetings and the decisions taken.")),
)

NEWS_COUNT = 3
EVENTS_COUNT = 3


def top_folder(portal_type):
    """The brain of the visitor's nearest-to-the-root folder of ``portal_type``, or None."""
    brains = api.content.find(portal_type=portal_type, sort_on="getObjPositionInParent")
    if not brains:
        return None
    return min(brains, key=lambda brain: len(brain.getPath().split("/")))


def service_tiles(portal):
    """The tiles of the installed services whose folder the visitor can see."""
    installer = get_installer(portal)
    tiles = []
    for addon, portal_type, tile_id, title, description in SERVICES:
        if not installer.is_product_installed(addon):
            continue
        folder = top_folder(portal_type)
        if folder is None:
            continue
        tiles.append({"id": tile_id, "title": title, "description": description,
                      "url": folder.getURL()})
    return tiles


def language_filter(language):
    """The items in the page's language and those written for every language."""
    return {"Language": [language, ""]} if language else {}


def latest_news(language, count=NEWS_COUNT):
    """The latest published news in ``language`` (or language-neutral), newest first."""
    return api.content.find(portal_type="News Item", sort_on="effective",
                            sort_order="descending", sort_limit=count,
                            **language_filter(language))[:count]


def upcoming_events(language, count=EVENTS_COUNT, now=None):
    """The next events (or those under way), soonest first."""
    now = now or DateTime()
    return api.content.find(portal_type="Event", end={"query": now, "range": "min"},
                            sort_on="start", sort_limit=count,
                            **language_filter(language))[:count]


def event_when(brain, language):
    """When an event starts, in words (core's dates); only the day for a whole-day event."""
    start = local(brain.start)
    whole_day = (start.hour, start.minute) == (0, 0)
    return when_text(start, language, with_time=not whole_day)


def news_when(brain, language):
    """The day a news item was published, in words."""
    return when_text(brain.effective, language, with_time=False)
