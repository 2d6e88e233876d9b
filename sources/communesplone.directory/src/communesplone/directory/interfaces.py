"""Interfaces of communesplone.directory: its browser layer and its content markers."""

from zope.interface import Interface
from zope.publisher.interfaces.browser import IDefaultBrowserLayer


class IDirectoryLayer(IDefaultBrowserLayer):
    """Marker for the browser layer of communesplone.directory."""


class IBusinessDirectoryMarker(Interface):
    """What every BusinessDirectory provides (its schema extends it).

    Here, below the content modules, so that a module the schemas import (the
    categories vocabulary) can recognise a directory without importing them.
    """


class IBusinessMarker(Interface):
    """What every Business provides (its schema extends it); see above."""
