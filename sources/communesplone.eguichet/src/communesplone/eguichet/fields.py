"""The typed fields a DocumentType asks for beyond the applicant, and their answers.

A DocumentType stores ``order_fields``, a list of dicts::

    {"name": "purpose", "type": "choice", "required": true,
     "label": {"fr": "Motif", "nl": "Reden", "en": "Purpose"},
     "options": ["employer", "school", "other"]}

``type`` is one of :data:`FIELD_TYPES`. An order stores ``answers``, a dict
from field name to value (a ``person`` answer is ``{"name": ..., "birth_date":
"YYYY-MM-DD"}``). Both are checked here, in plain Python, so the browser form,
the REST API and ``api.content.create`` share one rule set.
"""

from communesplone.eguichet import _
from datetime import date
from zope.schema import ValidationError

import re

FIELD_TYPES = ("text", "longtext", "date", "person", "number", "choice")
NAME_RE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
MAX_TEXT = 500
MAX_LONGTEXT = 4000

MSG_REQUIRED = _("eguichet_error_required", default="This field is required.")
MSG_DATE = _("eguichet_error_date", default="Enter a date as YYYY-MM-DD, e.g. 2024-03-15.")
MSG_DATE_FUTURE = _("eguichet_error_date_future", default="This date cannot be in the future.")
MSG_NUMBER = _("eguichet_error_number", default="Enter a whole number.")
MSG_NUMBER_RANGE = _("eguichet_error_number_range",
                     default="Enter a number between ${min} and ${max}.")
MSG_CHOICE = _("eguichet_error_choice", default="Choose one of the options offered.")
MSG_PERSON = _("eguichet_error_person",
               default="Give the name and the birth date (YYYY-MM-DD) of the person concerned.")
MSG_TEXT = _("eguichet_error_text", default="Enter a text of at most ${max} characters.")
MSG_UNKNOWN = _("eguichet_error_unknown_field", default="This document does not ask for this.")


class InvalidOrderFields(ValidationError):
    __doc__ = _(
        "eguichet_error_order_fields",
        default="The fields of the order are not valid: each needs a unique name "
        "(lower-case letters, digits, _), a type among text, longtext, date, person, "
        "number, choice, a label, and options for a choice.",
    )


def label_of(field, language):
    """The field's label in ``language`` (then French, then any)."""
    label = field.get("label") or field["name"]
    if isinstance(label, dict):
        return label.get(language) or label.get("fr") or next(iter(label.values()), field["name"])
    return label


def field_problems(fields):
    """A list of (index, reason) for a badly defined list of fields (empty when fine)."""
    if not isinstance(fields, list):
        return [(None, "not a list")]
    problems = []
    names = set()
    for index, field in enumerate(fields):
        if not isinstance(field, dict):
            problems.append((index, "not an object"))
            continue
        name = field.get("name")
        if not isinstance(name, str) or not NAME_RE.match(name):
            problems.append((index, "bad name"))
        elif name in names:
            problems.append((index, "duplicate name"))
        names.add(name)
        if field.get("type") not in FIELD_TYPES:
            problems.append((index, "bad type"))
        if not isinstance(field.get("required", False), bool):
            problems.append((index, "required must be true or false"))
        label = field.get("label")
        if not (isinstance(label, str) and label.strip()) and not (
            isinstance(label, dict) and label and all(isinstance(v, str) for v in label.values())
        ):
            problems.append((index, "bad label"))
        if field.get("type") == "choice":
            options = field.get("options")
            if not isinstance(options, list) or not options or not all(
                isinstance(option, str) and option for option in options
            ):
                problems.append((index, "a choice needs options"))
    return problems


def order_fields_constraint(value):
    """zope.schema constraint of ``DocumentType.order_fields``."""
    if value in (None, []):
        return True
    if field_problems(value):
        raise InvalidOrderFields(value)
    return True


def _parse_date(value):
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        return None


def _empty(value):
    return value is None or (isinstance(value, str) and not value.strip()) or value == {}


def _clean_text(field, value, limit):
    if not isinstance(value, str) or len(value) > limit:
        return None, _(MSG_TEXT, mapping={"max": limit})
    if field["type"] == "text" and ("\n" in value or "\r" in value):
        return None, _(MSG_TEXT, mapping={"max": limit})
    return value.strip(), None


def _clean_date(field, value, today):
    parsed = _parse_date(value)
    if parsed is None:
        return None, MSG_DATE
    if field.get("past_only", True) and parsed > today:
        return None, MSG_DATE_FUTURE
    return parsed.isoformat(), None


def _clean_number(field, value):
    if isinstance(value, bool):
        return None, MSG_NUMBER
    if isinstance(value, str) and re.fullmatch(r"\s*-?\d+\s*", value):
        value = int(value)
    if not isinstance(value, int):
        return None, MSG_NUMBER
    low, high = field.get("min", 0), field.get("max", 999)
    if not low <= value <= high:
        return None, _(MSG_NUMBER_RANGE, mapping={"min": low, "max": high})
    return value, None


def _clean_person(field, value, today):
    if not isinstance(value, dict):
        return None, MSG_PERSON
    name = value.get("name")
    born = _parse_date(value.get("birth_date"))
    if not isinstance(name, str) or not name.strip() or len(name) > 200 or "\n" in name \
            or born is None or born > today:
        return None, MSG_PERSON
    return {"name": name.strip(), "birth_date": born.isoformat()}, None


def clean_answer(field, value, today=None):
    """(cleaned value, None) or (None, translatable message) for one answer."""
    today = today or date.today()
    kind = field["type"]
    if kind == "text":
        return _clean_text(field, value, MAX_TEXT)
    if kind == "longtext":
        return _clean_text(field, value, MAX_LONGTEXT)
    if kind == "date":
        return _clean_date(field, value, today)
    if kind == "number":
        return _clean_number(field, value)
    if kind == "choice":
        if value not in field.get("options", ()):
            return None, MSG_CHOICE
        return value, None
    return _clean_person(field, value, today)


def validate_answers(fields, answers, today=None):
    """Check ``answers`` against ``fields``: (cleaned answers, [(field path, message)]).

    Field paths are ``answers.<name>`` so that an API client and the form can
    link each message to its input. Unknown keys are refused rather than
    stored silently.
    """
    answers = answers if isinstance(answers, dict) else {}
    cleaned, errors = {}, []
    known = {field["name"] for field in fields}
    for key in answers:
        if key not in known:
            errors.append((f"answers.{key}", MSG_UNKNOWN))
    for field in fields:
        value = answers.get(field["name"])
        if _empty(value):
            if field.get("required"):
                errors.append((f"answers.{field['name']}", MSG_REQUIRED))
            continue
        value, error = clean_answer(field, value, today)
        if error is not None:
            errors.append((f"answers.{field['name']}", error))
        else:
            cleaned[field["name"]] = value
    return cleaned, errors
