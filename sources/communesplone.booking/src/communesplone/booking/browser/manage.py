"""Managers' pages: the printable day sheet of a resource and the bookings dashboard."""

from communesplone.core.translating import Translates
from communesplone.booking import _
from communesplone.booking.availability import taken_entries
from communesplone.booking.browser.faceted import booking_row
from communesplone.booking.content.booking import MANAGE_BOOKINGS
from communesplone.booking.content.resource import site_timezone
from communesplone.booking.mails import format_period
from communesplone.core.workflow_titles import state_title
from communesplone.booking.rules import attach
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from plone import api
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zExceptions import Unauthorized
from zope.i18n import translate

STATES = ("pending", "confirmed", "refused", "cancelled")
BATCH = 100


def _day(value, default):
    try:
        return date.fromisoformat((value or "").strip())
    except ValueError:
        return default


class DaySheetView(Translates, BrowserView):
    """``<resource>/@@day-sheet?day=2026-03-16``: every booking of the day, to print."""

    index = ViewPageTemplateFile("templates/day-sheet.pt")

    def __call__(self):
        tz = site_timezone()
        self.day = _day(self.request.form.get("day"), datetime.now(tz).date())
        start = attach(datetime.combine(self.day, time()), tz)
        self.entries = [self._row(entry) for entry in
                        taken_entries(self.context, start, start + timedelta(days=1), True)]
        self.previous_day = (self.day - timedelta(days=1)).isoformat()
        self.next_day = (self.day + timedelta(days=1)).isoformat()
        self.language = api.portal.get_current_language() or "fr"
        return self.index()

    def _row(self, entry):
        start, end = (datetime.fromisoformat(entry[name]) for name in ("start", "end"))
        return {
            "period": f"{start:%H:%M}–{end:%H:%M}" if start.date() == end.date()
            else format_period(start, end),
            "via": entry.get("via", ""),
            "requester_name": entry.get("requester_name", ""),
            "organisation": entry.get("organisation", ""),
            "purpose": entry.get("purpose", ""),
            "attendees": entry.get("attendees", ""),
            "state": entry.get("state", ""),
            "state_title": state_title(entry.get("state", ""), "Booking", self.request),
        }


class BookingsDashboardView(Translates, BrowserView):
    """``<resource folder>/@@bookings-dashboard``: the bookings of the folder, pending first.

    Filters (a plain GET form, no JavaScript needed): state, resource, from a
    day on. Each pending booking has its confirm button and its refuse form
    (the reason is required) posting to ``@@booking-transition``. Only people
    who manage at least one resource of the folder may open it, and the
    catalog shows each of them only the bookings they may see.
    """

    index = ViewPageTemplateFile("templates/bookings-dashboard.pt")

    def __call__(self):
        self.managed = self._managed_resources()
        if not self.managed:
            raise Unauthorized("Only the managers of these resources see their bookings")
        return self.index()

    def _managed_resources(self):
        catalog = api.portal.get_tool("portal_catalog")
        brains = catalog(portal_type="Resource", sort_on="sortable_title",
                         path="/".join(self.context.getPhysicalPath()))
        return [brain for brain in brains
                if api.user.has_permission(MANAGE_BOOKINGS, obj=brain.getObject())]

    def filters(self):
        form = self.request.form
        tz = site_timezone()
        return {
            "state": form.get("state") if form.get("state") in STATES else "",
            "resource": form.get("resource") or "",
            "from": _day(form.get("from"), datetime.now(tz).date()).isoformat(),
        }

    def state_options(self):
        workflow = api.portal.get_tool("portal_workflow")
        current = self.filters()["state"]
        options = [{"value": "", "title": self.t(_("booking_all_states", default="All")),
                    "selected": not current}]
        for state in STATES:
            options.append({
                "value": state,
                "title": translate(workflow.getTitleForStateOnType(state, "Booking"),
                                   domain="plone", context=self.request),
                "selected": state == current})
        return options

    def resource_options(self):
        current = self.filters()["resource"]
        return [{"value": "", "title": self.t(_("booking_all_resources", default="All")),
                 "selected": not current}] + [
            {"value": brain.UID, "title": brain.Title, "selected": current == brain.UID}
            for brain in self.managed]

    def bookings(self):
        """Catalog brains of the bookings asked for, pending first, then by start."""
        filters = self.filters()
        tz = site_timezone()
        paths = [brain.getPath() for brain in self.managed
                 if filters["resource"] in ("", brain.UID)]
        query = {"portal_type": "Booking", "path": {"query": paths, "depth": 1},
                 "sort_on": "start"}
        if filters["state"]:
            query["review_state"] = filters["state"]
        since = attach(datetime.combine(date.fromisoformat(filters["from"]), time()), tz)
        query["end"] = {"query": since, "range": "min"}
        catalog = api.portal.get_tool("portal_catalog")
        brains = sorted(catalog(**query)[:BATCH],
                        key=lambda brain: brain.review_state != "pending")
        titles = {brain.getPath(): brain.Title for brain in self.managed}
        return [booking_row(brain, brain.getObject(),
                            titles.get(brain.getPath().rsplit("/", 1)[0], ""), self.request)
                for brain in brains]

    def came_from(self):
        query = self.request.get("QUERY_STRING", "")
        url = f"{self.context.absolute_url()}/@@bookings-dashboard"
        return f"{url}?{query}" if query else url
