"""The rows of an assembly's tables (members, categories, item templates).

Each table is a ``schema.List`` of :class:`Row` edited with
collective.z3cform.datagridfield: one line per member, one per category, one
per template, each checked on its own with the message in its row (and
readable without JavaScript: the grid is a table of ordinary fields). The
stored value stays a list of plain dicts, so REST reads and writes the same
JSON as when these were JSON fields; a row sent without an optional key is
completed (:func:`~communesplone.core.rows.complete_row`), as the upgrade step
completes the rows stored before. The grid's pieces are core's
(:mod:`communesplone.core.rows`), shared with the other add-ons' tables.
"""

from communesplone.core.rows import complete_row  # noqa: F401 - its old home
from communesplone.core.rows import Row  # noqa: F401 - its old home
from communesplone.core.rows import RowInt
from communesplone.deliberations import _
from datetime import date
from zope import schema
from zope.interface import Interface
from zope.schema import ValidationError
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary

import re

FUNCTIONS = ("bourgmestre", "echevin", "conseiller", "president", "directeur_general",
             "directeur_financier", "president_cpas", "membre")
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
#: the functions in words (the same messages as the public list of members)
FUNCTION_TITLES = {
    "bourgmestre": _("delib_public_role_bourgmestre", default="Mayor"),
    "echevin": _("delib_public_role_echevin", default="Alderman"),
    "conseiller": _("delib_public_role_conseiller", default="Councillor"),
    "president": _("delib_public_role_president", default="Chair of the council"),
    "directeur_general": _("delib_public_role_directeur_general", default="Director-general"),
    "directeur_financier": _("delib_public_role_directeur_financier",
                             default="Finance director"),
    "president_cpas": _("delib_public_role_president_cpas",
                        default="Chair of the social action centre"),
    "membre": _("delib_public_role_membre", default="Member"),
}
FUNCTION_VOCABULARY = SimpleVocabulary(
    [SimpleTerm(value, value, FUNCTION_TITLES[value]) for value in FUNCTIONS])


class InvalidRowId(ValidationError):
    __doc__ = _("error_row_id",
                default="Lower-case letters, digits, - and _ only (e.g. marie-dupont).")


class InvalidIsoDate(ValidationError):
    __doc__ = _("error_row_date", default="A date as 2024-12-02 (year-month-day).")


def row_id_constraint(value):
    if value and not _ID.match(value):
        raise InvalidRowId(value)
    return True


def iso_date_constraint(value):
    if value:
        try:
            date.fromisoformat(value)
        except ValueError:
            raise InvalidIsoDate(value) from None
    return True


class IMemberRow(Interface):
    id = schema.TextLine(title=_("label_member_id", default="Id"),
                         constraint=row_id_constraint, required=True)
    name = schema.TextLine(title=_("label_member_name", default="Name"), required=True,
                           min_length=1)
    function = schema.Choice(title=_("label_member_function", default="Function"),
                             vocabulary=FUNCTION_VOCABULARY, required=False)
    party = schema.TextLine(title=_("label_member_party", default="Group"), required=False)
    mandate_start = schema.TextLine(
        title=_("label_member_mandate_start", default="Mandate from (YYYY-MM-DD)"),
        constraint=iso_date_constraint, required=False)
    mandate_end = schema.TextLine(
        title=_("label_member_mandate_end", default="Mandate until (YYYY-MM-DD)"),
        constraint=iso_date_constraint, required=False)
    user_id = schema.TextLine(title=_("label_member_user_id", default="Login"),
                              required=False)
    email = schema.TextLine(title=_("label_member_email", default="E-mail"), required=False)
    #: a member stored without ``voting`` votes (the code reads ``voting is False``)
    voting = schema.Bool(title=_("label_member_voting", default="Votes"), required=False,
                         default=True)


class ICategoryRow(Interface):
    id = schema.TextLine(title=_("label_category_id", default="Id"),
                         constraint=row_id_constraint, required=True)
    title = schema.TextLine(title=_("label_category_title", default="Title"), required=True,
                            min_length=1)
    parent = schema.TextLine(title=_("label_category_parent", default="Parent (id)"),
                             required=False)
    order = RowInt(title=_("label_category_order", default="Order"), required=False)
    secret_ballot = schema.Bool(title=_("label_category_secret_ballot", default="Secret ballot"),
                                required=False)


class ITemplateRow(Interface):
    title = schema.TextLine(title=_("label_template_title", default="Title"), required=True,
                            min_length=1)
    category = schema.TextLine(title=_("label_template_category", default="Category (id)"),
                               required=False)
    closed_session = schema.Bool(title=_("label_template_closed_session",
                                         default="Closed session"), required=False)
    motivation = schema.Text(title=_("label_template_motivation", default="Motivation"),
                             required=False)
    decision = schema.Text(title=_("label_template_decision", default="Decision"),
                           required=False)
