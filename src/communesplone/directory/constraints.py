"""zope.schema constraints of the directory's fields, each with a translated message.

They raise a :class:`zope.schema.ValidationError` subclass whose docstring is
the message (z3c.form shows it on the field; the REST deserializer puts it in
the ``errors`` list). Empty values pass: ``required`` decides about those.
"""

from communesplone.directory import _
from communesplone.directory.categories import normalise
from communesplone.directory.hours import HoursError
from communesplone.directory.hours import parse_hours
from urllib.parse import urlsplit
from zope.schema import ValidationError

import re

_EMAIL = re.compile(r"^[^@\s<>,;\"']+@[^@\s<>,;\"']+\.[A-Za-z]{2,}$")
_PHONE = re.compile(r"^\+?[0-9 ./()\-]{6,25}$")
LANGUAGES = ("fr", "nl", "en", "de")
TRANSLATED_FIELDS = ("title", "description", "text")


class InvalidEmail(ValidationError):
    __doc__ = _("directory_error_email", default="This is not a valid e-mail address.")


class InvalidURL(ValidationError):
    __doc__ = _("directory_error_url",
                default="This is not a valid web address (it starts with https:// or http://).")


class InvalidPhone(ValidationError):
    __doc__ = _("directory_error_phone",
                default="This is not a valid phone number (e.g. +32 81 24 60 11).")


class InvalidLatitude(ValidationError):
    __doc__ = _("directory_error_latitude",
                default="The latitude is a number from -90 to 90 (e.g. 50.4669).")


class InvalidLongitude(ValidationError):
    __doc__ = _("directory_error_longitude",
                default="The longitude is a number from -180 to 180 (e.g. 4.8675).")


class InvalidCategories(ValidationError):
    __doc__ = _("directory_error_categories",
                default="Write one category a line, its levels separated by \">\" "
                "(e.g. Commerce > Alimentation > Boulangerie).")


class InvalidTranslations(ValidationError):
    __doc__ = _("directory_error_translations",
                default="Translations are given per language (fr, nl, en, de) with "
                "title, description and text.")


class InvalidJSON(ValidationError):
    __doc__ = _("directory_error_json",
                default="This is not valid JSON (see the example under the field).")


class InvalidHours(ValidationError):
    __doc__ = _("directory_error_hours",
                default="These opening hours cannot be read: give per weekday ranges "
                "such as 09:00-12:00, and closures as dates (2026-12-24).")


class HoursEndBeforeStart(ValidationError):
    __doc__ = _("directory_error_hours_end",
                default="An opening range ends before it starts.")


class HoursOverlap(ValidationError):
    __doc__ = _("directory_error_hours_overlap",
                default="Two opening ranges of the same day overlap.")


class ClosureEndBeforeStart(ValidationError):
    __doc__ = _("directory_error_closure_end",
                default="An exceptional closure ends before it starts.")


def email_constraint(value):
    if value and not _EMAIL.match(value):
        raise InvalidEmail(value)
    return True


def url_constraint(value):
    if not value:
        return True
    try:
        parts = urlsplit(value)
        host = parts.hostname or ""
    except ValueError:
        raise InvalidURL(value) from None
    if parts.scheme not in ("http", "https") or "." not in host \
            or any(char.isspace() for char in value):
        raise InvalidURL(value)
    return True


def phone_constraint(value):
    if value and (not _PHONE.match(value) or sum(c.isdigit() for c in value) < 6):
        raise InvalidPhone(value)
    return True


def latitude_constraint(value):
    if value is not None and not -90.0 <= value <= 90.0:
        raise InvalidLatitude(value)
    return True


def longitude_constraint(value):
    if value is not None and not -180.0 <= value <= 180.0:
        raise InvalidLongitude(value)
    return True


def category_line_constraint(value):
    try:
        normalise(value)
    except ValueError:
        raise InvalidCategories(value) from None
    return True


HOURS_ERRORS = {
    "end_before_start": HoursEndBeforeStart,
    "overlap": HoursOverlap,
    "closure_end_before_start": ClosureEndBeforeStart,
}


def hours_constraint(value):
    """Opening hours as :mod:`communesplone.directory.hours` reads them."""
    try:
        parse_hours(value)
    except HoursError as error:
        raise HOURS_ERRORS.get(error.code, InvalidHours)(error.detail) from None
    return True


def translations_constraint(value):
    """``{"nl": {"title": ..., "description": ..., "text": ...}, ...}``; every part optional."""
    if not value:
        return True
    if not isinstance(value, dict):
        raise InvalidTranslations(str(value))
    for language, texts in value.items():
        if language not in LANGUAGES or not isinstance(texts, dict):
            raise InvalidTranslations(language)
        for name, text in texts.items():
            if name not in TRANSLATED_FIELDS or not isinstance(text, str) or len(text) > 20000:
                raise InvalidTranslations(f"{language}.{name}")
    return True
