"""BusinessDirectory: the container of the entries, its categories and its rules."""

from communesplone.directory import _
from communesplone.directory.categories import parse_lines
from communesplone.directory.constraints import category_line_constraint
from communesplone.directory.constraints import category_name_line_constraint
from communesplone.directory.interfaces import IBusinessDirectoryMarker
from communesplone.directory.vocabularies import ASSURANCE_CHOICES
from communesplone.core.containers import HoldsRequests
from communesplone.core.interfaces import IHoldsRequests
from plone.supermodel import model
from zope import schema
from zope.interface import implementer
from zope.interface import Invalid
from zope.interface import invariant

DEFAULT_MODERATOR_GROUP = "communesplone-economy"
CATEGORY_LANGUAGES = ("fr", "nl", "de", "en")


class IBusinessDirectory(model.Schema, IBusinessDirectoryMarker):
    """A directory of businesses (title and description come from behaviors)."""

    categories = schema.List(
        title=_("label_directory_categories", default="Categories"),
        description=_(
            "help_directory_categories",
            default="One category a line, its levels separated by \">\", e.g. "
            "Commerce > Alimentation > Boulangerie.",
        ),
        value_type=schema.TextLine(constraint=category_line_constraint),
        required=False,
        default=[],
        missing_value=[],
    )
    # The categories' names in the commune's other languages, one level name a line
    # ("Boulangerie = Bakkerij"): a Dutch reader of a Brussels commune filters on
    # "Bakkerij". In the "Translations" tab, beside the title's translations.
    model.fieldset("translations", label=_("fieldset_translations", default="Translations"),
                   fields=[f"category_names_{code}" for code in CATEGORY_LANGUAGES])
    category_names_fr = schema.List(
        title=_("label_directory_category_names_fr", default="Categories in French"),
        description=_("help_directory_category_names",
                      default="One name a line: the name used above, \"=\", its translation "
                      "(e.g. Boulangerie = Bakkerij). A name left out is shown as written "
                      "above."),
        value_type=schema.TextLine(constraint=category_name_line_constraint),
        required=False, default=[], missing_value=[])
    category_names_nl = schema.List(
        title=_("label_directory_category_names_nl", default="Categories in Dutch"),
        description=_("help_directory_category_names",
                      default="One name a line: the name used above, \"=\", its translation "
                      "(e.g. Boulangerie = Bakkerij). A name left out is shown as written "
                      "above."),
        value_type=schema.TextLine(constraint=category_name_line_constraint),
        required=False, default=[], missing_value=[])
    category_names_de = schema.List(
        title=_("label_directory_category_names_de", default="Categories in German"),
        description=_("help_directory_category_names",
                      default="One name a line: the name used above, \"=\", its translation "
                      "(e.g. Boulangerie = Bakkerij). A name left out is shown as written "
                      "above."),
        value_type=schema.TextLine(constraint=category_name_line_constraint),
        required=False, default=[], missing_value=[])
    category_names_en = schema.List(
        title=_("label_directory_category_names_en", default="Categories in English"),
        description=_("help_directory_category_names",
                      default="One name a line: the name used above, \"=\", its translation "
                      "(e.g. Boulangerie = Bakkerij). A name left out is shown as written "
                      "above."),
        value_type=schema.TextLine(constraint=category_name_line_constraint),
        required=False, default=[], missing_value=[])

    reserved_categories = schema.List(
        title=_("label_directory_reserved_categories", default="Reserved categories"),
        description=_(
            "help_directory_reserved_categories",
            default="Categories that only the directory's editors may give (e.g. a label "
            "granted by the commune). One a line, as written above.",
        ),
        value_type=schema.TextLine(constraint=category_line_constraint),
        required=False,
        default=[],
        missing_value=[],
    )
    self_registration = schema.Bool(
        title=_("label_directory_self_registration", default="Businesses may register themselves"),
        description=_("help_directory_self_registration",
                      default="Anyone may propose an entry; editors moderate it."),
        required=False,
        default=True,
    )
    moderate_owner_edits = schema.Bool(
        title=_("label_directory_moderate_owner_edits",
                default="Changes by a business to its published entry need moderation"),
        required=False,
        default=True,
    )
    claim_assurance = schema.Choice(
        title=_("label_directory_claim_assurance",
                default="To edit its entry, a business owner needs"),
        vocabulary=ASSURANCE_CHOICES,
        required=True,
        default="none",
    )
    moderator_group = schema.TextLine(
        title=_("label_directory_moderator_group", default="Group of the editors"),
        description=_("help_directory_moderator_group",
                      default="Its members moderate the entries and receive the notifications."),
        required=True,
        default=DEFAULT_MODERATOR_GROUP,
    )

    @invariant
    def reserved_are_categories(data):
        reserved = set(parse_lines(getattr(data, "reserved_categories", None) or []))
        known = set(parse_lines(getattr(data, "categories", None) or []))
        if reserved - known:
            raise Invalid(_("directory_error_reserved_unknown",
                            default="Every reserved category must be one of the categories."))


@implementer(IBusinessDirectory, IHoldsRequests)
class BusinessDirectory(HoldsRequests):
    """Holds the Businesses of the commune."""
