"""ResourceFolder: the container of a commune's bookable resources."""

from plone.dexterity.content import Container
from plone.supermodel import model
from zope.interface import implementer


class IResourceFolder(model.Schema):
    """A folder of resources (title and description come from behaviors)."""


@implementer(IResourceFolder)
class ResourceFolder(Container):
    """Holds Resources."""
