"""Interfaces of communesplone.booking: its browser layer."""

from zope.publisher.interfaces.browser import IDefaultBrowserLayer


class IBookingLayer(IDefaultBrowserLayer):
    """Marker for the browser layer of communesplone.booking."""
