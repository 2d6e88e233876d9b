"""The questions of a document type as rows of a form, stored as before.

``DocumentType.order_fields`` stays the list of dicts that REST, the order
form and :mod:`..fields` read (``{"name", "type", "required", "label",
"options", "min", "max", "past_only"}``, the label a text or a dict by
language). Staff edit it as rows (collective.z3cform.datagridfield): the
label one column per language, the options one a line, the bounds of a
number and the "no date in the future" of a date as their own columns.
:func:`to_row` and :func:`to_stored` convert one question; what a question
breaks is named per column (:func:`question_problems`), so the form shows it
in its row and REST refuses the same.
"""

from communesplone.core.rows import RowInt
from communesplone.core.rows import RowsList
from communesplone.core.rows import ShapedRow
from communesplone.eguichet import _
from communesplone.eguichet.fields import FIELD_TYPES
from communesplone.eguichet.fields import InvalidOrderFields
from communesplone.eguichet.fields import NAME_RE
from communesplone.eguichet.fields import field_problems
from zope import schema
from zope.interface import Interface
from zope.schema import ValidationError
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary

LANGUAGES = ("fr", "nl", "de", "en")
TYPE_TITLES = {
    "text": _("eguichet_question_type_text", default="Short text"),
    "longtext": _("eguichet_question_type_longtext", default="Long text"),
    "date": _("eguichet_question_type_date", default="Date"),
    "person": _("eguichet_question_type_person", default="Person (name and birth date)"),
    "number": _("eguichet_question_type_number", default="Whole number"),
    "choice": _("eguichet_question_type_choice", default="Choice in a list"),
}
TYPES = SimpleVocabulary([SimpleTerm(kind, kind, TYPE_TITLES[kind]) for kind in FIELD_TYPES])

MSG_NAME = _("eguichet_error_question_name",
             default="Lower-case letters, digits and _, starting with a letter (e.g. purpose).")
MSG_NAME_TWICE = _("eguichet_error_question_name_twice",
                   default="Another question has this name.")
MSG_LABEL = _("eguichet_error_question_label",
              default="Write the question in at least one language.")
MSG_OPTIONS = _("eguichet_error_question_options",
                default="A choice needs its options, one a line.")
MSG_BOUNDS = _("eguichet_error_question_bounds",
               default="The smallest number is above the largest.")


class InvalidQuestionName(ValidationError):
    __doc__ = MSG_NAME


def name_constraint(value):
    if value and not NAME_RE.match(value):
        raise InvalidQuestionName(value)
    return True


class IQuestionRow(Interface):
    """One question asked when ordering (the columns of the form)."""

    name = schema.TextLine(
        title=_("eguichet_label_question_name", default="Name (in the order's data)"),
        description=_("eguichet_help_question_name",
                      default="Lower-case letters, digits and _, e.g. purpose."),
        constraint=name_constraint, required=True)
    type = schema.Choice(title=_("eguichet_label_question_type", default="Kind of answer"),
                         vocabulary=TYPES, required=True, default="text")
    required = schema.Bool(title=_("eguichet_label_question_required",
                                   default="An answer is required"),
                           required=False, default=False)
    label_fr = schema.TextLine(title=_("eguichet_label_question_fr", default="Question in French"),
                               required=False)
    label_nl = schema.TextLine(title=_("eguichet_label_question_nl", default="Question in Dutch"),
                               required=False)
    label_de = schema.TextLine(title=_("eguichet_label_question_de", default="Question in German"),
                               required=False)
    label_en = schema.TextLine(title=_("eguichet_label_question_en",
                                       default="Question in English"), required=False)
    options = schema.Text(
        title=_("eguichet_label_question_options", default="Options (a choice), one a line"),
        required=False)
    min = RowInt(title=_("eguichet_label_question_min", default="Smallest number (a number)"),
                 required=False)
    max = RowInt(title=_("eguichet_label_question_max", default="Largest number (a number)"),
                 required=False)
    past_only = schema.Bool(
        title=_("eguichet_label_question_past_only",
                default="No date in the future (a date)"),
        required=False, default=True)


def default_language():
    """The site's language: where a label written in one language only goes."""
    from plone import api

    try:
        language = api.portal.get_default_language() or "fr"
    except Exception:  # no site (a script, a unit test)
        language = "fr"
    language = language.split("-")[0]
    return language if language in LANGUAGES else "fr"


def to_row(question):
    """A stored question -> the columns of its row."""
    if not isinstance(question, dict):
        return {}
    label = question.get("label")
    if isinstance(label, str):
        label = {default_language(): label}
    label = label if isinstance(label, dict) else {}
    options = question.get("options")
    row = {
        "name": question.get("name"),
        "type": question.get("type"),
        "required": bool(question.get("required", False)),
        "options": "\n".join(str(o) for o in options) if isinstance(options, list) else None,
        "min": question.get("min"),
        "max": question.get("max"),
        "past_only": question.get("past_only", True) is not False,
    }
    for language in LANGUAGES:
        row[f"label_{language}"] = label.get(language)
    return row


def to_stored(row):
    """The columns of a row -> the stored question (only the keys its kind uses)."""
    kind = row.get("type")
    question = {"name": (row.get("name") or "").strip(), "type": kind,
                "required": bool(row.get("required"))}
    question["label"] = {language: row[f"label_{language}"].strip() for language in LANGUAGES
                         if (row.get(f"label_{language}") or "").strip()}
    options = [line.strip() for line in (row.get("options") or "").splitlines() if line.strip()]
    if kind == "choice" or options:
        question["options"] = options
    if kind == "number":
        for bound in ("min", "max"):
            if row.get(bound) is not None:
                question[bound] = row[bound]
    if kind == "date" and row.get("past_only") is False:
        question["past_only"] = False
    return question


#: what :func:`~communesplone.eguichet.fields.field_problems` says -> (column, message)
PROBLEM_CELLS = {
    "bad name": ("name", MSG_NAME),
    "duplicate name": ("name", MSG_NAME_TWICE),
    "bad type": ("type", InvalidOrderFields.__doc__),
    "required must be true or false": ("required", InvalidOrderFields.__doc__),
    "bad label": ("label_fr", MSG_LABEL),
    "a choice needs options": ("options", MSG_OPTIONS),
}


def question_problems(questions):
    """``[(index, column, message)]`` of a list of stored questions (empty when fine)."""
    problems = []
    for index, problem in field_problems(questions):
        column, message = PROBLEM_CELLS.get(problem, ("name", InvalidOrderFields.__doc__))
        problems.append((index, column, message))
    for index, question in enumerate(questions if isinstance(questions, list) else ()):
        if isinstance(question, dict) and isinstance(question.get("min"), int) \
                and isinstance(question.get("max"), int) and question["min"] > question["max"]:
            problems.append((index, "min", MSG_BOUNDS))
    return problems


def check_question(question):
    """A stored question alone (REST, ``field.validate``): InvalidOrderFields when refused."""
    if question_problems([question]):
        raise InvalidOrderFields(question)


def question_list(**kw):
    """The ``order_fields`` field: the questions as rows, stored as before."""
    return RowsList(
        value_type=ShapedRow(schema=IQuestionRow, to_row=to_row, to_stored=to_stored,
                             check=check_question),
        problems=question_problems, **kw)
