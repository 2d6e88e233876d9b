"""Annex: a file attached to a MeetingItem, public or not.

A non-public annex is seen only by the staff and the assembly members, even
when its item is public (see ``visibility``).
"""

from communesplone.deliberations import _
from plone.dexterity.content import Item
from plone.namedfile.field import NamedBlobFile
from plone.supermodel import model
from plone.supermodel.directives import primary
from zope import schema
from zope.interface import implementer


class IAnnex(model.Schema):
    """A file of an item."""

    title = schema.TextLine(title=_("label_annex_title", default="Title"), required=True)
    primary("file")
    file = NamedBlobFile(title=_("label_annex_file", default="File"), required=True)
    public = schema.Bool(
        title=_("label_annex_public", default="Public annex"),
        description=_("help_annex_public",
                      default="Published with the item; otherwise only the staff and the "
                              "assembly members see it."),
        required=False, default=False,
    )


@implementer(IAnnex)
class Annex(Item):
    """An annex."""
