"""zope.schema constraints of the directory's fields, each with a translated message.

They raise a :class:`zope.schema.ValidationError` subclass whose docstring is
the message (z3c.form shows it on the field; the REST deserializer puts it in
the ``errors`` list). Empty values pass: ``required`` decides about those.
"""

from communesplone.directory import _
from communesplone.directory.categories import normalise
from communesplone.directory.categories import parse_name_line
from communesplone.directory.hours import HoursError
from communesplone.core.calendar import WEEKDAYS
from communesplone.directory.hours import parse_hours
from communesplone.directory.hours import parse_text
from communesplone.directory.hours import to_data
from urllib.parse import urlsplit
from zope.schema import ValidationError

import re

_PHONE = re.compile(r"^\+?[0-9 ./()\-]{6,25}$")
LANGUAGES = ("fr", "nl", "en", "de")
TRANSLATED_FIELDS = ("title", "description", "text")


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


class InvalidCategoryName(ValidationError):
    __doc__ = _("directory_error_category_name",
                default="Write one name a line, the category's name, \"=\" and its "
                "translation (e.g. Boulangerie = Bakkerij).")


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


def category_name_line_constraint(value):
    try:
        parse_name_line(value)
    except ValueError:
        raise InvalidCategoryName(value) from None
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


#: what a person is told when hours typed as text cannot be read (``${words}``: what was typed)
HOURS_TEXT_MESSAGES = {
    "text": _("directory_error_hours_words",
              default="We did not understand \u00ab ${words} \u00bb. Write for example "
              "\u00ab lundi-vendredi 9h-18h, samedi 9h-12h \u00bb or "
              "\u00ab 9h30-12h, 13h-17h30, fermé le lundi \u00bb."),
    "days_without_hours": _("directory_error_hours_days",
                            default="Which hours for \u00ab ${words} \u00bb? Add them "
                            "(\u00ab ${words} 9h-18h \u00bb) or write \u00ab fermé \u00bb."),
    "end_before_start": _("directory_error_hours_range",
                          default="\u00ab ${words} \u00bb ends before it starts: write the "
                          "opening time first (9h-18h)."),
    "time": _("directory_error_hours_time",
              default="\u00ab ${words} \u00bb is not a time of day (from 0h to 24h)."),
    "date": _("directory_error_hours_date",
              default="\u00ab ${words} \u00bb is not a date: write it as 24/12/2026."),
    "overlap": _("directory_error_hours_overlap_day",
                 default="Two opening ranges of ${words} overlap."),
}
DAY_MESSAGES = {
    "monday": _("weekday_monday", default="Monday"),
    "tuesday": _("weekday_tuesday", default="Tuesday"),
    "wednesday": _("weekday_wednesday", default="Wednesday"),
    "thursday": _("weekday_thursday", default="Thursday"),
    "friday": _("weekday_friday", default="Friday"),
    "saturday": _("weekday_saturday", default="Saturday"),
    "sunday": _("weekday_sunday", default="Sunday"),
}


class HoursTextError(ValidationError):
    """Hours typed as text that cannot be read; the message names the words concerned."""

    def __init__(self, code, detail):
        super().__init__(detail)
        self.code = code
        self.detail = detail

    def doc(self):
        message = HOURS_TEXT_MESSAGES.get(self.code, HOURS_TEXT_MESSAGES["text"])
        words = self.detail
        if self.code == "overlap" and words in WEEKDAYS:
            words = DAY_MESSAGES[words]
        return _(message, default=message.default, mapping={"words": words})


def read_hours_text(value):
    """Hours as people type them -> the stored form; :class:`HoursTextError` when not read."""
    try:
        return to_data(parse_text(value or ""))
    except HoursError as error:
        raise HoursTextError(error.code, error.detail) from None


def hours_text_constraint(value):
    read_hours_text(value)
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
