"""Containers that citizens add their requests to (a room, the e-guichet, the directory).

Plone re-indexes a folder in full when an item is added to it, renamed in it or
removed from it (``notifyContainerModified`` fires an ``IObjectModifiedEvent`` on
the folder, and plone.dexterity's ``reindexOnModify`` calls ``reindexObject()``).
A full re-index calls ``notifyModified``, which sets the folder's modification date
and, when its list of creators is empty (content made by a setup script, the demo),
adds the current user to it. So a citizen booking a room became one of the room's
creators and was shown on it ("par Marie Dupont") to every visitor: a privacy defect.

``HoldsRequests`` keeps the container's Dublin Core as its editors left it while
items come and go: the items are the citizens' data, not a change of the room.
The container is still re-indexed (its listing metadata stays right).
"""

from Acquisition import aq_base
from contextlib import contextmanager
from plone.dexterity.content import Container


class HoldsRequests(Container):
    """The base class of such containers; the class declares :class:`IHoldsRequests`.

    A Dexterity container, not a plain mixin placed before ``Container``: with a
    plain class first in its bases, the content lost the marker interfaces of its
    behaviors (translations, exclude from navigation...), measured on Plone 6.2.
    """

    @contextmanager
    def _items_changing(self):
        """While an item is added, renamed or removed, the container is not "modified"."""
        base = aq_base(self)
        base._v_items_changing = getattr(base, "_v_items_changing", 0) + 1
        try:
            yield
        finally:
            base._v_items_changing -= 1

    def _setObject(self, *args, **kwargs):
        with self._items_changing():
            return super()._setObject(*args, **kwargs)

    def _delObject(self, *args, **kwargs):
        with self._items_changing():
            return super()._delObject(*args, **kwargs)

    def manage_renameObject(self, *args, **kwargs):
        with self._items_changing():
            return super().manage_renameObject(*args, **kwargs)

    def notifyModified(self):
        """Creators and modification date change only when the container itself does."""
        if getattr(aq_base(self), "_v_items_changing", 0):
            return
        super().notifyModified()
