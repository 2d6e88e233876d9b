"""The editors' dashboard of a directory as a table (``communesplone.core.tables``):
name, category, locality, state, proposed by, last update, from brains; publish the
selected entries, or reject them with a reason (mailed to who proposed them)."""

from communesplone.core.tables import BatchAction
from communesplone.core.tables import Column
from communesplone.core.tables import NO_ACCOUNT
from communesplone.core.tables import Table
from communesplone.directory import _
from communesplone.directory.categories import SEPARATOR
from communesplone.directory.categories import leaf

NAME = "directory"


def categories_text(brain, cells):
    """The entry's own categories (the column holds their ancestors too), last level."""
    found = list(brain.business_categories or ())
    own = [category for category in found
           if not any(other.startswith(category + SEPARATOR) for other in found)]
    return ", ".join(leaf(category) for category in own)


TABLE = Table(
    name=NAME,
    portal_types=("Business",),
    columns=[
        Column("name", _("directory_table_name", default="Name"), lambda b, c: b.Title),
        Column("category", _("directory_table_category", default="Category"),
               categories_text),
        Column("locality", _("directory_table_locality", default="Locality"),
               lambda b, c: b.business_locality),
        Column("state", _("directory_table_state", default="State"), lambda b, c: c.state(b)),
        Column("proposed_by", _("directory_table_proposed_by", default="Proposed by"),
               lambda b, c: c.member(b.Creator, unknown=NO_ACCOUNT)),
        Column("modified", _("directory_table_modified", default="Last update"),
               lambda b, c: c.day(b.modified)),
    ],
    actions=[
        BatchAction("publish", _("directory_table_publish", default="Publish")),
        BatchAction("reject", _("directory_table_reject", default="Reject…"),
                    needs_reason=True),
    ],
    sort_options=[
        ("modified", _("directory_table_sort_modified", default="Last update")),
        ("sortable_title", _("directory_table_sort_name", default="Name")),
        ("created", _("directory_table_sort_created", default="Date proposed")),
    ],
    default_sort="modified",
)
