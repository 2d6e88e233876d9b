"""Assembly: an organ that deliberates (council, college, CPAS council, permanent bureau).

It holds its members, its item categories, the services that may propose
items, its regime (the legal numbers) and its item templates. It is also the
*item pool*: every MeetingItem of the assembly lives in it, and a Meeting's
agenda references items by UID (see ``communesplone.deliberations.agenda``).
"""

from communesplone.deliberations import _
from communesplone.core.rows import BlockRowsWidgetFactory
from communesplone.deliberations.regimes import DEFAULT_REGIME
from communesplone.deliberations.rows import complete_row
from communesplone.deliberations.rows import FUNCTIONS  # noqa: F401 - its old home
from communesplone.deliberations.rows import ICategoryRow
from communesplone.deliberations.rows import IMemberRow
from communesplone.deliberations.rows import ITemplateRow
from communesplone.deliberations.rows import Row
from datetime import date
from decimal import Decimal
from plone.autoform import directives
from plone.dexterity.content import Container
from plone.supermodel import model
from zope import schema
from zope.interface import implementer
from zope.interface import Invalid
from zope.interface import invariant

#: Who reads an assembly's configuration (see ``IAssembly``'s read permissions).
MODIFY = "cmf.ModifyPortalContent"


def default_categories():
    """The Walloon council's usual categories; the reserved ones vote by secret ballot."""
    return [complete_row(row, ICategoryRow) for row in [
        {"id": "general", "title": "Administration générale", "order": 10,
         "secret_ballot": False},
        {"id": "minutes", "title": "Procès-verbal", "parent": "general", "order": 1,
         "secret_ballot": False},
        {"id": "finances", "title": "Finances", "order": 20, "secret_ballot": False},
        {"id": "public-works", "title": "Travaux", "order": 30, "secret_ballot": False},
        {"id": "education", "title": "Enseignement", "order": 40, "secret_ballot": False},
        {"id": "staff", "title": "Personnel", "order": 90, "secret_ballot": False},
        {"id": "nominations", "title": "Nominations", "parent": "staff", "order": 1,
         "secret_ballot": True},
        {"id": "discipline", "title": "Matières disciplinaires", "parent": "staff", "order": 2,
         "secret_ballot": True},
        {"id": "candidates", "title": "Présentation de candidats", "parent": "staff",
         "order": 3, "secret_ballot": True},
    ]]


def default_templates():
    """The recurring item every council meeting starts with."""
    return [{"title": "Approbation du procès-verbal de la séance précédente",
             "category": "minutes", "closed_session": False,
             "motivation": "", "decision": "<p>Le procès-verbal est approuvé.</p>"}]


class IAssembly(model.Schema):
    """An organ of the commune that deliberates."""

    title = schema.TextLine(title=_("label_assembly_title", default="Name"), required=True)
    kind = schema.Choice(
        title=_("label_assembly_kind", default="Kind"),
        vocabulary="communesplone.deliberations.AssemblyKinds",
        default="council",
    )
    regime = schema.Choice(
        title=_("label_assembly_regime", default="Legal regime"),
        description=_("help_assembly_regime",
                      default="Sets the legal delays and thresholds; each can be "
                              "overridden below."),
        vocabulary="communesplone.deliberations.Regimes",
        default=DEFAULT_REGIME,
    )
    public_sessions = schema.Bool(
        title=_("label_assembly_public_sessions",
                default="Its meetings are public (agenda and decisions published)"),
        default=True,
        required=False,
    )
    directives.widget("members", BlockRowsWidgetFactory)
    members = schema.List(
        title=_("label_assembly_members", default="Members"),
        description=_("help_assembly_members_rows",
                      default="One line per member. The login gives access to the agendas; "
                              "the dates of the mandate are written 2024-12-02."),
        value_type=Row(schema=IMemberRow),
        default=[],
        required=False,
    )
    president = schema.TextLine(
        title=_("label_assembly_president", default="Presides by default (member id)"),
        required=False,
    )
    secretary = schema.TextLine(
        title=_("label_assembly_secretary", default="Secretary by default (member id)"),
        required=False,
    )
    directives.widget("categories", BlockRowsWidgetFactory)
    categories = schema.List(
        title=_("label_assembly_categories", default="Item categories"),
        description=_("help_assembly_categories_rows",
                      default="One line per category. The parent is another category's id; "
                              "the order sorts the agenda; secret ballot forces a secret vote."),
        value_type=Row(schema=ICategoryRow),
        defaultFactory=default_categories,
        required=False,
    )
    proposing_services = schema.List(
        title=_("label_assembly_proposing_services", default="Services that may propose items"),
        value_type=schema.Choice(vocabulary="communesplone.deliberations.Services"),
        default=[],
        required=False,
    )
    directives.widget("item_templates", BlockRowsWidgetFactory)
    item_templates = schema.List(
        title=_("label_assembly_item_templates", default="Item templates"),
        description=_("help_assembly_item_templates_rows",
                      default="Recurring items added to every new meeting, one per line."),
        value_type=Row(schema=ITemplateRow),
        defaultFactory=default_templates,
        required=False,
    )
    convocation_days = schema.Int(
        title=_("label_assembly_convocation_days",
                default="Clear days between the convocation and the meeting"),
        description=_("help_assembly_override", default="Empty: the regime's number."),
        required=False, min=0,
    )
    publication_days = schema.Int(
        title=_("label_assembly_publication_days",
                default="Clear days between the publication of the agenda and the meeting"),
        description=_("help_assembly_override", default="Empty: the regime's number."),
        required=False, min=0,
    )
    finance_threshold = schema.Decimal(
        title=_("label_assembly_finance_threshold",
                default="Amount (EUR) above which the finance director's advice is required"),
        description=_("help_assembly_override", default="Empty: the regime's number."),
        required=False, min=Decimal(0),
    )
    advice_days = schema.Int(
        title=_("label_assembly_advice_days", default="Working days for an advice"),
        description=_("help_assembly_override", default="Empty: the regime's number."),
        required=False, min=1,
    )
    advice_days_urgent = schema.Int(
        title=_("label_assembly_advice_days_urgent",
                default="Working days for an advice on an urgent item"),
        description=_("help_assembly_override", default="Empty: the regime's number."),
        required=False, min=1,
    )

    # The assembly's configuration is its managers' (docs/deliberations.md, "What is
    # public, and when"): REST and forms give it only to those who may change the
    # assembly. Citizens read the members by name, function and group on the assembly
    # page and in OParl, never their e-mail or login.
    directives.read_permission(
        members=MODIFY, proposing_services=MODIFY, item_templates=MODIFY,
        finance_threshold=MODIFY, advice_days=MODIFY, advice_days_urgent=MODIFY)

    @invariant
    def known_officers(data):
        """The president, the secretary and category parents must exist."""
        members = {m.get("id") for m in (getattr(data, "members", None) or [])}
        for name in ("president", "secretary"):
            value = getattr(data, name, None)
            if value and value not in members:
                raise Invalid(_("error_assembly_unknown_member",
                                default="${member} is not a member of this assembly.",
                                mapping={"member": value}))
        categories = getattr(data, "categories", None) or []
        ids = [c.get("id") for c in categories]
        if len(ids) != len(set(ids)):
            raise Invalid(_("error_assembly_duplicate_category",
                            default="Two categories have the same id."))
        for category in categories:
            if category.get("parent") and category["parent"] not in ids:
                raise Invalid(_("error_assembly_unknown_parent",
                                default="Unknown parent category ${parent}.",
                                mapping={"parent": category["parent"]}))


#: the fields whose default is a list computed and checked row by row:
#: stored on creation (:func:`store_json_defaults`), not recomputed on every read
JSON_FIELDS = ("members", "categories", "item_templates")


def store_json_defaults(assembly):
    """Store the default of each JSON field the assembly was created without.

    Dexterity answers a missing attribute with the field's default, computed
    and validated against its JSON schema on every read (17 ms for the
    categories): an agenda reads them once per item.
    """
    for name in JSON_FIELDS:
        if name not in assembly.__dict__:
            setattr(assembly, name, IAssembly[name].bind(assembly).default)


@implementer(IAssembly)
class Assembly(Container):
    """An assembly and its item pool."""

    def group_id(self):
        """The Plone group of this assembly's members (read access to its agendas)."""
        return f"communesplone-assembly-{self.getId()}"

    def member_map(self):
        """``{member id: member}``."""
        return {m["id"]: m for m in (self.members or [])}

    def members_in_office(self, day):
        """The voting members whose mandate covers ``day`` (a date)."""
        result = []
        for member in self.members or []:
            if member.get("voting") is False:
                continue
            start = member.get("mandate_start")
            end = member.get("mandate_end")
            if start and date.fromisoformat(start) > day:
                continue
            if end and date.fromisoformat(end) < day:
                continue
            result.append(member)
        return result

    def category_map(self):
        """``{category id: category}``."""
        return {c["id"]: c for c in (self.categories or [])}

    def category_sort_key(self, category_id, categories=None):
        """The orders of the category and its ancestors, root first: a stable agenda sort key.

        Sorting many items or categories: pass ``categories`` (:meth:`category_map`)
        once rather than reading the field for each.
        """
        if categories is None:
            categories = self.category_map()
        key = []
        seen = set()
        current = categories.get(category_id)
        while current is not None and current["id"] not in seen:
            seen.add(current["id"])
            key.insert(0, current.get("order") or 0)
            current = categories.get(current.get("parent"))
        return tuple(key) if key else (10**6,)

    def is_secret_category(self, category_id):
        """True when the law reserves the category (or an ancestor) to secret ballot."""
        categories = self.category_map()
        seen = set()
        current = categories.get(category_id)
        while current is not None and current["id"] not in seen:
            if current.get("secret_ballot"):
                return True
            seen.add(current["id"])
            current = categories.get(current.get("parent"))
        return False
