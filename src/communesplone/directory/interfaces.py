"""Interfaces of communesplone.directory: its browser layer."""

from zope.publisher.interfaces.browser import IDefaultBrowserLayer


class IDirectoryLayer(IDefaultBrowserLayer):
    """Marker for the browser layer of communesplone.directory."""
