"""Interfaces of communesplone.core: its browser layer and the commune settings."""

from communesplone.core import _
from communesplone.core.constraints import closing_days_constraint
from communesplone.core.constraints import iban_constraint
from communesplone.core.constraints import nis_code_constraint
from communesplone.core.constraints import primary_color_constraint
from plone.autoform import directives
from plone.supermodel import model
from z3c.form.browser.checkbox import CheckBoxFieldWidget
from zope import schema
from zope.interface import Attribute
from zope.interface import Interface
from zope.publisher.interfaces.browser import IDefaultBrowserLayer


class ICommunesploneCoreLayer(IDefaultBrowserLayer):
    """Marker for the browser layer of communesplone.core."""


class ICommuneSettings(model.Schema):
    """The commune's identity, stored in the registry (prefix ``communesplone.core``).

    Every add-on reads these instead of asking again: the name on documents,
    the IBAN for payments, the address on letters, the languages offered.
    """

    commune_name = schema.TextLine(
        title=_("label_commune_name", default="Name of the commune"),
        description=_(
            "help_commune_name",
            default="As printed on documents, e.g. Commune de Namur or Gemeente Gent.",
        ),
        required=True,
        default="",
    )

    nis_code = schema.TextLine(
        title=_("label_nis_code", default="NIS/INS code"),
        description=_(
            "help_nis_code",
            default="The five-digit code of the commune given by Statbel, e.g. 92094.",
        ),
        required=False,
        default="",
        constraint=nis_code_constraint,
    )

    postal_address = schema.Text(
        title=_("label_postal_address", default="Postal address"),
        description=_(
            "help_postal_address",
            default="The address of the administration, as on letters.",
        ),
        required=False,
        default="",
    )

    # The name and address in the commune's other languages (a Dutch reader of a
    # Brussels commune reads "Gemeente Elsene", "Elsensesteenweg 168"). Left empty,
    # the ones above are shown. The form shows only the languages the commune
    # serves besides its own (controlpanel.py), as for the opening hours.
    commune_name_fr = schema.TextLine(
        title=_("label_commune_name_fr", default="Name of the commune in French"),
        description=_("help_commune_name_language",
                      default="Left empty, the name above is shown."),
        required=False, default="", missing_value="")
    postal_address_fr = schema.Text(
        title=_("label_postal_address_fr", default="Postal address in French"),
        description=_("help_postal_address_language",
                      default="Left empty, the address above is shown."),
        required=False, default="", missing_value="")
    commune_name_nl = schema.TextLine(
        title=_("label_commune_name_nl", default="Name of the commune in Dutch"),
        description=_("help_commune_name_language",
                      default="Left empty, the name above is shown."),
        required=False, default="", missing_value="")
    postal_address_nl = schema.Text(
        title=_("label_postal_address_nl", default="Postal address in Dutch"),
        description=_("help_postal_address_language",
                      default="Left empty, the address above is shown."),
        required=False, default="", missing_value="")
    commune_name_de = schema.TextLine(
        title=_("label_commune_name_de", default="Name of the commune in German"),
        description=_("help_commune_name_language",
                      default="Left empty, the name above is shown."),
        required=False, default="", missing_value="")
    postal_address_de = schema.Text(
        title=_("label_postal_address_de", default="Postal address in German"),
        description=_("help_postal_address_language",
                      default="Left empty, the address above is shown."),
        required=False, default="", missing_value="")
    commune_name_en = schema.TextLine(
        title=_("label_commune_name_en", default="Name of the commune in English"),
        description=_("help_commune_name_language",
                      default="Left empty, the name above is shown."),
        required=False, default="", missing_value="")
    postal_address_en = schema.Text(
        title=_("label_postal_address_en", default="Postal address in English"),
        description=_("help_postal_address_language",
                      default="Left empty, the address above is shown."),
        required=False, default="", missing_value="")

    email = schema.TextLine(
        title=_("label_commune_email", default="E-mail"),
        description=_(
            "help_commune_email",
            default="Sender of the notifications and address given to citizens.",
        ),
        required=False,
        default="",
    )

    phone = schema.TextLine(
        title=_("label_commune_phone", default="Phone"),
        required=False,
        default="",
    )

    iban = schema.TextLine(
        title=_("label_commune_iban", default="IBAN"),
        description=_(
            "help_commune_iban",
            default="The account citizens pay fees to, e.g. BE71 0961 2345 6769.",
        ),
        required=False,
        default="",
        constraint=iban_constraint,
    )

    directives.widget("languages", CheckBoxFieldWidget)  # one box a language, no script
    languages = schema.List(
        title=_("label_commune_languages", default="Enabled languages"),
        description=_(
            "help_commune_languages",
            default="The languages in which the commune serves its citizens.",
        ),
        value_type=schema.Choice(vocabulary="communesplone.core.Languages"),
        required=True,
        default=["fr"],
        missing_value=[],
    )

    model.fieldset(
        "portal",
        label=_("fieldset_commune_portal", default="Site appearance"),
        fields=["primary_color", "opening_hours", "opening_hours_fr", "opening_hours_nl",
                "opening_hours_de", "opening_hours_en", "accessibility_pages", "privacy_pages"],
    )

    primary_color = schema.TextLine(
        title=_("label_commune_primary_color", default="Primary colour"),
        description=_(
            "help_commune_primary_color",
            default="The colour of the header, the buttons and the links, e.g. #1d4f91. "
            "White text on it must stay readable (contrast of at least 4.5:1). "
            "The logo is set in Site Setup > Site.",
        ),
        required=False,
        default="#1d4f91",
        constraint=primary_color_constraint,
    )

    opening_hours = schema.List(
        title=_("label_commune_opening_hours", default="Opening hours of the administration"),
        description=_(
            "help_commune_opening_hours",
            default="One line per row, as citizens read it, e.g. "
            "\"Monday to Friday: 8.30 – 12.00\".",
        ),
        value_type=schema.TextLine(),
        required=False,
        default=[],
        missing_value=[],
    )

    # The same hours in the commune's other languages (a Dutch reader of a Brussels
    # commune reads "Maandag tot vrijdag"). Left empty, the lines above are shown.
    # The form shows only the languages the commune serves besides its own.
    opening_hours_fr = schema.List(
        title=_("label_commune_opening_hours_fr", default="Opening hours in French"),
        description=_("help_commune_opening_hours_language",
                      default="Left empty, the opening hours above are shown."),
        value_type=schema.TextLine(), required=False, default=[], missing_value=[])
    opening_hours_nl = schema.List(
        title=_("label_commune_opening_hours_nl", default="Opening hours in Dutch"),
        description=_("help_commune_opening_hours_language",
                      default="Left empty, the opening hours above are shown."),
        value_type=schema.TextLine(), required=False, default=[], missing_value=[])
    opening_hours_de = schema.List(
        title=_("label_commune_opening_hours_de", default="Opening hours in German"),
        description=_("help_commune_opening_hours_language",
                      default="Left empty, the opening hours above are shown."),
        value_type=schema.TextLine(), required=False, default=[], missing_value=[])
    opening_hours_en = schema.List(
        title=_("label_commune_opening_hours_en", default="Opening hours in English"),
        description=_("help_commune_opening_hours_language",
                      default="Left empty, the opening hours above are shown."),
        value_type=schema.TextLine(), required=False, default=[], missing_value=[])

    accessibility_pages = schema.List(
        title=_("label_commune_accessibility_pages", default="Accessibility statement"),
        description=_(
            "help_commune_accessibility_pages",
            default="The page of the statement, one per language, as a path in the site "
            "(e.g. /declaration-accessibilite) or a full address. Linked from every page.",
        ),
        value_type=schema.TextLine(),
        required=False,
        default=[],
        missing_value=[],
    )

    privacy_pages = schema.List(
        title=_("label_commune_privacy_pages", default="Privacy notice"),
        description=_(
            "help_commune_privacy_pages",
            default="The page of the privacy notice, one per language, as a path in the "
            "site (e.g. /vie-privee) or a full address. Linked from every page.",
        ),
        value_type=schema.TextLine(),
        required=False,
        default=[],
        missing_value=[],
    )

    model.fieldset(
        "calendar",
        label=_("fieldset_commune_calendar", default="Working days"),
        fields=["closing_days"],
    )

    closing_days = schema.List(
        title=_("label_commune_closing_days", default="Closing days"),
        description=_(
            "help_commune_closing_days",
            default="Days the offices close besides weekends and the ten legal public "
            "holidays, one per line: 26/12 for every year, 27/09/2027 for that year "
            "only. Processing times and advice delays in working days skip them.",
        ),
        value_type=schema.TextLine(),
        constraint=closing_days_constraint,
        required=False,
        default=[],
        missing_value=[],
    )

    model.fieldset(
        "assurance",
        label=_("fieldset_assurance", default="Identity assurance"),
        fields=[
            "assurance_lifetime_low",
            "assurance_lifetime_substantial",
            "assurance_lifetime_high",
        ],
    )

    assurance_lifetime_low = schema.Int(
        title=_("label_assurance_lifetime_low", default="Lifetime of a low assurance (minutes)"),
        required=True,
        default=240,
        min=1,
        max=1440,
    )

    assurance_lifetime_substantial = schema.Int(
        title=_(
            "label_assurance_lifetime_substantial",
            default="Lifetime of a substantial assurance (minutes)",
        ),
        required=True,
        default=60,
        min=1,
        max=1440,
    )

    assurance_lifetime_high = schema.Int(
        title=_("label_assurance_lifetime_high", default="Lifetime of a high assurance (minutes)"),
        description=_(
            "help_assurance_lifetime_high",
            default="After this delay a citizen identified with the eID card must "
            "identify again before a service that requires the high level.",
        ),
        required=True,
        default=30,
        min=1,
        max=1440,
    )

    model.fieldset(
        "sessions",
        label=_("fieldset_sessions", default="Sessions"),
        fields=["session_idle_hours"],
    )

    session_idle_hours = schema.Int(
        title=_("label_session_idle_hours",
                default="Session lifetime without activity (hours)"),
        description=_(
            "help_session_idle_hours",
            default="Staff and citizens who do nothing on the site for this long must "
            "log in again. Logging out, or changing one's password, ends the session "
            "at once, on every device.",
        ),
        # Not required: a form posted without it (a script, an older page) keeps 8 hours.
        required=False,
        default=8,
        min=1,
        max=168,
    )

    model.fieldset(
        "opendata",
        label=_("fieldset_open_data", default="Open data"),
        fields=["open_data_license"],
    )

    open_data_license = schema.Choice(
        title=_("label_open_data_license", default="Licence of the open data"),
        description=_(
            "help_open_data_license",
            default="The licence reusers read in the council's data (OParl) and the "
            "list of the commune's open data. Leave it empty to state no licence.",
        ),
        vocabulary="communesplone.core.OpenDataLicenses",
        required=False,
        default="https://creativecommons.org/licenses/by/4.0/",
    )


class IHoldsRequests(Interface):
    """A container citizens add their requests to (a room, the e-guichet, the
    directory): adding, renaming or removing one of its items leaves its creators,
    owner and modification date as they were (see ``communesplone.core.containers``)."""


class IMySpaceSection(Interface):
    """One section of a citizen's own space ("Mon espace", ``@@my-space``).

    Each add-on registers a named utility for what the member asked of it (orders,
    bookings, directory entries), so core lists them without importing the add-ons.
    """

    order = Attribute("Position on the page, smallest first.")
    title = Attribute("The section's heading (a message).")
    empty_text = Attribute("What to say when the member has nothing here (a message).")
    action_title = Attribute("The call to action under the section (a message).")

    def action_url(portal):
        """Where the member goes to ask for something here; None when the site has
        no such place (then the section shows no call to action)."""

    def items(user_id, request):
        """The member's own items, newest or soonest first: dicts with ``title``,
        ``url``, ``state`` (in words) and, when they apply, ``reference``,
        ``payment`` and ``when`` (in words), every text in the request's language."""

    def links(portal):
        """Further pages of the member's own (``[(message, url)]``), e.g. what is
        stored about them."""


class IInboxKind(Interface):
    """One kind of thing that waits for staff in the inbox "À traiter" (``@@inbox``).

    Each add-on registers a named utility per kind (orders to take, bookings to
    confirm, entries to moderate…) and indexes its content with
    ``communesplone.core.inbox.queue_keys``, so core lists them from the catalog
    without importing the add-ons nor waking an object.
    """

    order = Attribute("Position among the kinds, smallest first.")
    title = Attribute("What waits, in the plural (a message): \"Orders to take\".")
    actions = Attribute(
        "``{state: (transition id, ...)}``: the transitions the row offers in that "
        "state, to those who process the thing (their titles come from the workflow).")

    def detail(brain, request):
        """A short line under the row's title from the brain's metadata (a reference,
        an amount, a resource), in the request's language; never personal data."""

    # Optional: ``row_title(brain, request)``, the row's title when the stored title
    # is in the site's language only (a booking's period): from the brain too.
