"""MeetingItem: a point proposed by a service, put on a meeting's agenda, voted, decided.

Items live in their Assembly (the item pool); ``meeting`` holds the UID of the
meeting whose agenda they are on. Field ids used by clients:
``closed_session``, ``category``, ``proposing_service``, ``motivation``,
``decision``, ``financial_impact``, ``item_number``. The vote and the advices
are kept on the item and served by ``@vote`` and ``@advice``.
"""

from Acquisition import aq_inner
from Acquisition import aq_parent
from communesplone.deliberations import _
from decimal import Decimal
from plone.app.textfield import RichText
from plone.autoform import directives
from plone.dexterity.content import Container
from plone.supermodel import model
from zope import schema
from zope.interface import implementer

MANAGE = "communesplone.deliberations.ManageMeetings"


class IMeetingItem(model.Schema):
    """An agenda item."""

    title = schema.TextLine(title=_("label_item_title", default="Title"), required=True)
    proposing_service = schema.Choice(
        title=_("label_item_proposing_service", default="Proposing service"),
        vocabulary="communesplone.deliberations.ProposingServices",
        required=True,
    )
    rapporteur = schema.Choice(
        title=_("label_item_rapporteur", default="Rapporteur"),
        vocabulary="communesplone.deliberations.Members",
        required=False,
    )
    category = schema.Choice(
        title=_("label_item_category", default="Category"),
        vocabulary="communesplone.deliberations.Categories",
        required=True,
    )
    closed_session = schema.Bool(
        title=_("label_item_closed_session", default="Closed session (huis clos)"),
        required=False, default=False,
    )
    urgent = schema.Bool(title=_("label_item_urgent", default="Urgent"), required=False,
                         default=False)
    urgency_justification = schema.Text(
        title=_("label_item_urgency_justification", default="Justification of the urgency"),
        required=False, default="", missing_value="",
    )
    legal_basis = schema.Text(title=_("label_item_legal_basis", default="Legal basis"),
                              required=False, default="", missing_value="")
    motivation = RichText(title=_("label_item_motivation", default="Motivation (considérant que…)"),
                          required=False)
    decision = RichText(title=_("label_item_decision", default="Decision (DÉCIDE : Article 1…)"),
                        required=False)
    financial_impact = schema.Decimal(
        title=_("label_item_financial_impact", default="Financial impact (EUR)"),
        required=False, min=Decimal(0),
    )
    budget_article = schema.TextLine(
        title=_("label_item_budget_article", default="Budget article"),
        required=False, default="", missing_value="",
    )
    directives.write_permission(meeting=MANAGE)
    meeting = schema.Choice(
        title=_("label_item_meeting", default="Meeting"),
        description=_("help_item_meeting",
                      default="The meeting whose agenda the item goes on "
                              "(set by the secretariat)."),
        vocabulary="communesplone.deliberations.OpenMeetings",
        required=False,
    )
    item_number = schema.Int(title=_("label_item_number", default="Number in the meeting"),
                             readonly=True, required=False)
    year_number = schema.Int(title=_("label_item_year_number", default="Number in the year"),
                             readonly=True, required=False)
    late = schema.Bool(title=_("label_item_late", default="Late item"), readonly=True,
                       required=False)
    outcome = schema.TextLine(title=_("label_item_outcome", default="Outcome of the vote"),
                              readonly=True, required=False)
    origin = schema.TextLine(title=_("label_item_origin", default="Comes from (item UID)"),
                             readonly=True, required=False)


@implementer(IMeetingItem)
class MeetingItem(Container):
    """An item; annexes are its children."""

    item_number = None
    year_number = None
    late = False
    outcome = None
    origin = None
    insertion = 0

    def get_assembly(self):
        return aq_parent(aq_inner(self))

    def is_public(self):
        """Public items of an assembly that sits in public: what citizens may see."""
        assembly = self.get_assembly()
        return bool(getattr(assembly, "public_sessions", True)) and not self.closed_session
