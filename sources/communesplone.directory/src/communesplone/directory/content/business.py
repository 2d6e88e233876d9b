"""Business: one entry of the directory (a shop, a craftsman, an association, ...).

Field ids are part of the API: ``enterprise_number``, ``categories``,
``street``, ``number``, ``box``, ``postcode``, ``locality``, ``latitude``,
``longitude``, ``phone``, ``email``, ``website``, ``opening_hours``; the name
and short description are ``title`` and ``description`` (behavior
``plone.basic``), the long description ``text``. ``translations`` holds the
Dutch, English, German (or French) texts: ``{"nl": {"title": ..,
"description": .., "text": ..}}``, edited as one row a language
(:mod:`communesplone.directory.translations`); what is missing falls back to
the site-language fields.
"""

from communesplone.core.constraints import be_postcode_constraint
from communesplone.core.constraints import enterprise_number_constraint
from communesplone.directory import _
from communesplone.directory.constraints import InvalidJSON
from communesplone.core.constraints import email_constraint
from communesplone.directory.constraints import hours_constraint
from communesplone.directory.constraints import latitude_constraint
from communesplone.directory.constraints import longitude_constraint
from communesplone.directory.constraints import phone_constraint
from communesplone.directory.constraints import url_constraint
from communesplone.directory.hours import safe_hours
from communesplone.directory.translations import translations_field
from communesplone.directory.interfaces import IBusinessMarker
from communesplone.directory.permissions import MODERATE_ID
from communesplone.directory.vocabularies import ACCESSIBILITY
from communesplone.directory.vocabularies import LANGUAGES
from communesplone.directory.vocabularies import PAYMENTS
from communesplone.directory.vocabularies import categories_source
from communesplone.core.rows import BlockRowsWidgetFactory
from communesplone.core.textlimits import limit_texts
from plone.app.textfield import RichText
from plone.autoform import directives
from plone.dexterity.content import Container
from plone.namedfile.field import NamedBlobImage
from plone.schema import IJSONField
from plone.schema import JSONField
from plone.supermodel import model
from zope import schema
from zope.interface import implementer
from zope.schema.interfaces import IFloat

import json

#: The shape is checked by our constraints (translated messages), not by JSON Schema.
ANY_JSON = json.dumps({})


class JSONText(JSONField):
    """A JSON field whose text form is JSON only (plone.schema's also tries Python
    literals, and lets a ``SyntaxError`` through: a traceback instead of a message)."""

    def fromUnicode(self, value):
        try:
            data = json.loads(value)
        except ValueError:
            raise InvalidJSON(value) from None
        self.validate(data)
        return data


class IHoursField(IJSONField):
    """The opening hours: a form shows and reads them as people write them
    (``directory.converters.HoursConverter``); the REST API keeps the JSON."""


@implementer(IHoursField)
class HoursText(JSONText):
    """:class:`JSONText` whose form widget speaks words ("lundi-vendredi 9h-18h")."""


class ICoordinate(IFloat):
    """A latitude or longitude in degrees (WGS 84)."""


@implementer(ICoordinate)
class Coordinate(schema.Float):
    """A float that forms show with all its decimals (see ``directory.converters``)."""


class IBusiness(model.Schema, IBusinessMarker):
    """An entry of the business directory."""

    text = RichText(
        title=_("label_business_text", default="Long description"),
        required=False,
    )
    enterprise_number = schema.TextLine(
        title=_("label_business_enterprise_number", default="Enterprise number (KBO/BCE)"),
        description=_("help_business_enterprise_number",
                      default="E.g. 0403.019.261; may stay empty for an association."),
        required=False,
        default="",
        missing_value="",
        constraint=enterprise_number_constraint,
    )
    categories = schema.List(
        title=_("label_business_categories", default="Categories"),
        value_type=schema.Choice(source=categories_source),
        required=False,
        default=[],
        missing_value=[],
    )

    model.fieldset("address", label=_("fieldset_business_address", default="Address"),
                   fields=["street", "number", "box", "postcode", "locality",
                           "latitude", "longitude"])
    street = schema.TextLine(title=_("label_business_street", default="Street"),
                             required=False, default="", missing_value="")
    number = schema.TextLine(title=_("label_business_number", default="Number"),
                             required=False, default="", missing_value="", max_length=10)
    box = schema.TextLine(title=_("label_business_box", default="Box"),
                          required=False, default="", missing_value="", max_length=10)
    postcode = schema.TextLine(
        title=_("label_business_postcode", default="Postcode"),
        required=False, default="", missing_value="", constraint=be_postcode_constraint,
    )
    locality = schema.TextLine(title=_("label_business_locality", default="Locality"),
                               required=False, default="", missing_value="")
    latitude = Coordinate(
        title=_("label_business_latitude", default="Latitude"),
        description=_("help_business_latitude", default="E.g. 50.4669 (WGS 84)."),
        required=False, constraint=latitude_constraint,
    )
    longitude = Coordinate(
        title=_("label_business_longitude", default="Longitude"),
        description=_("help_business_longitude", default="E.g. 4.8675 (WGS 84)."),
        required=False, constraint=longitude_constraint,
    )

    model.fieldset("contact", label=_("fieldset_business_contact", default="Contact"),
                   fields=["phone", "email", "website", "social_links", "languages"])
    phone = schema.TextLine(title=_("label_business_phone", default="Phone"),
                            required=False, default="", missing_value="",
                            constraint=phone_constraint)
    email = schema.TextLine(title=_("label_business_email", default="E-mail"),
                            required=False, default="", missing_value="",
                            constraint=email_constraint)
    website = schema.TextLine(title=_("label_business_website", default="Website"),
                              required=False, default="", missing_value="",
                              constraint=url_constraint)
    social_links = schema.List(
        title=_("label_business_social_links", default="Social networks"),
        description=_("help_business_social_links", default="One web address a line."),
        value_type=schema.TextLine(constraint=url_constraint),
        required=False, default=[], missing_value=[],
    )
    languages = schema.List(
        title=_("label_business_languages", default="Languages spoken"),
        value_type=schema.Choice(vocabulary=LANGUAGES),
        required=False, default=[], missing_value=[],
    )

    model.fieldset("hours", label=_("fieldset_business_hours", default="Opening hours"),
                   fields=["opening_hours"])
    opening_hours = HoursText(
        title=_("label_business_opening_hours", default="Opening hours"),
        description=_(
            "help_business_opening_hours_text",
            default="As on your door, e.g. \u00ab lundi-vendredi 9h-18h, samedi 9h-12h \u00bb "
            "or \u00ab 9h30-12h, 13h-17h30, fermé le lundi \u00bb; a day not named is closed. "
            "Exceptional closures: \u00ab fermé du 24/12/2026 au 26/12/2026 (Fêtes) \u00bb.",
        ),
        schema=ANY_JSON,
        required=False,
        default={},
        missing_value={},
        constraint=hours_constraint,
    )

    model.fieldset("services", label=_("fieldset_business_services", default="Services"),
                   fields=["accessibility", "accessibility_notes", "payment_methods", "logo"])
    accessibility = schema.List(
        title=_("label_business_accessibility", default="Accessibility"),
        value_type=schema.Choice(vocabulary=ACCESSIBILITY),
        required=False, default=[], missing_value=[],
    )
    accessibility_notes = schema.Text(
        title=_("label_business_accessibility_notes", default="Accessibility, details"),
        required=False, default="", missing_value="",
    )
    payment_methods = schema.List(
        title=_("label_business_payment_methods", default="Payment methods"),
        value_type=schema.Choice(vocabulary=PAYMENTS),
        required=False, default=[], missing_value=[],
    )
    logo = NamedBlobImage(title=_("label_business_logo", default="Logo"), required=False)

    model.fieldset("translations", label=_("fieldset_business_translations",
                                           default="Translations"),
                   fields=["translations"])
    directives.widget("translations", BlockRowsWidgetFactory)
    translations = translations_field(
        title=_("label_business_translations", default="Translations"),
        description=_(
            "help_business_translations_rows",
            default="One row a language: the entry's name and descriptions in that "
            "language. What is left empty is shown in the site's language.",
        ),
        required=False, default={}, missing_value={},
    )

    model.fieldset("moderation", label=_("fieldset_business_moderation", default="Moderation"),
                   fields=["submitter_email", "last_confirmed"])
    directives.read_permission(submitter_email=MODERATE_ID)
    directives.write_permission(submitter_email=MODERATE_ID)
    submitter_email = schema.TextLine(
        title=_("label_business_submitter_email", default="E-mail of the person who proposed it"),
        required=False, default="", missing_value="", constraint=email_constraint,
    )
    directives.write_permission(last_confirmed=MODERATE_ID)
    last_confirmed = schema.Datetime(
        title=_("label_business_last_confirmed", default="Data last confirmed on"),
        required=False,
    )


limit_texts(IBusiness)  # names 200, free text 5,000, no control characters


@implementer(IBusiness)
class Business(Container):
    """An entry of the directory; may hold Images (its photos)."""

    def hours(self):
        """The parsed opening hours (:data:`~communesplone.directory.hours.EMPTY` if none)."""
        return safe_hours(getattr(self, "opening_hours", None))

    def address_lines(self):
        """``["Rue de Fer 25 bte 2", "5000 Namur"]`` (only the parts that are known)."""
        first = " ".join(part for part in (self.street, self.number) if part)
        if self.box:
            first = f"{first} bte {self.box}" if first else f"bte {self.box}"
        second = " ".join(part for part in (self.postcode, self.locality) if part)
        return [line for line in (first, second) if line]

    def translated(self, name, language):
        """The text ``name`` (title, description, text) in ``language``, else the site's."""
        texts = (getattr(self, "translations", None) or {}).get((language or "")[:2]) or {}
        value = texts.get(name)
        if value:
            return value
        if name == "text":
            return self.text.output if getattr(self, "text", None) else ""
        return getattr(self, name, "") or ""
