"""``@@propose-business``: anyone proposes an entry (z3c.form); ``@@confirm-proposal``: the
mailed link that sends it to moderation.

Guards: a honeypot field (bots fill it; people never see it), a rate limit per
client address, the e-mail confirmation. The form's schema holds only the
fields a proposer may set: no state, no owner, no reserved field, and the
categories offered exclude the ones the editors reserve.
"""

from communesplone.core.notifications import can_send_mail
from communesplone.directory import _
from communesplone.directory import mails
from communesplone.core.constraints import email_constraint
from communesplone.directory.constraints import InvalidLatitude
from communesplone.directory.constraints import InvalidLongitude
from communesplone.directory.constraints import hours_text_constraint
from communesplone.directory.constraints import read_hours_text
from communesplone.directory.constraints import latitude_constraint
from communesplone.directory.constraints import longitude_constraint
from communesplone.directory.content.business import IBusiness
from communesplone.directory.registration import LIMITER
from communesplone.directory.registration import add_proposal
from communesplone.directory.registration import confirm_proposal
from communesplone.directory.registration import pending_proposal
from communesplone.directory.registration import proposal_errors
from communesplone.directory.vocabularies import ACCESSIBILITY
from communesplone.directory.vocabularies import LANGUAGES
from communesplone.directory.vocabularies import PAYMENTS
from communesplone.directory.vocabularies import categories_source
from communesplone.directory.hours import describe
from communesplone.directory.hours import parse_hours
from communesplone.core.textlimits import limit_texts
from plone import api
from plone.autoform import directives
from plone.autoform.form import AutoExtensibleForm
from plone.protect import CheckAuthenticator
from plone.supermodel import model
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from urllib.parse import urlencode
from z3c.form import button
from z3c.form import form
from z3c.form.browser.checkbox import CheckBoxFieldWidget
from z3c.form.interfaces import IErrorViewSnippet
from zExceptions import Forbidden
from zope import schema
from zope.component import getMultiAdapter
from zope.i18n import translate
from zope.interface import Invalid

import copy


def coordinate(text):
    """``"50,4669"`` or ``"50.4669"`` -> 50.4669; None when empty; ValueError otherwise."""
    text = (text or "").strip().replace(",", ".")
    return float(text) if text else None


def latitude_text_constraint(value):
    try:
        return latitude_constraint(coordinate(value))
    except ValueError:
        raise InvalidLatitude(value) from None


def longitude_text_constraint(value):
    try:
        return longitude_constraint(coordinate(value))
    except ValueError:
        raise InvalidLongitude(value) from None


def _like(name):
    """A copy of the entry's field ``name``, ordered where it is used in this schema."""
    clone = copy.copy(IBusiness[name])
    schema.Field.order += 1
    clone.order = schema.Field.order
    clone.interface = None
    return clone


class IProposal(model.Schema):
    """What a business proposes about itself (see ``registration.PROPOSAL_FIELDS``)."""

    submitter_email = schema.TextLine(
        title=_("label_proposal_submitter_email", default="Your e-mail"),
        description=_("help_proposal_submitter_email",
                      default="We send you a link to confirm your proposal; it is not published."),
        required=True, constraint=email_constraint,
    )
    title = schema.TextLine(title=_("label_proposal_title", default="Name of the business"),
                            required=True)
    description = schema.TextLine(
        title=_("label_proposal_description", default="Short description"), required=False,
        default="", missing_value="")
    enterprise_number = _like("enterprise_number")
    directives.widget("categories", CheckBoxFieldWidget)
    categories = schema.List(
        title=_("label_business_categories", default="Categories"),
        value_type=schema.Choice(source=categories_source),
        required=False, default=[], missing_value=[],
    )
    street = _like("street")
    number = _like("number")
    box = _like("box")
    postcode = _like("postcode")
    locality = _like("locality")
    latitude = schema.TextLine(
        title=_("label_business_latitude", default="Latitude"),
        description=_("help_business_latitude", default="E.g. 50.4669 (WGS 84)."),
        required=False, default="", missing_value="", constraint=latitude_text_constraint)
    longitude = schema.TextLine(
        title=_("label_business_longitude", default="Longitude"),
        description=_("help_business_longitude", default="E.g. 4.8675 (WGS 84)."),
        required=False, default="", missing_value="", constraint=longitude_text_constraint)
    phone = _like("phone")
    email = _like("email")
    website = _like("website")
    opening_hours = schema.Text(
        title=_("label_business_opening_hours", default="Opening hours"),
        description=_("help_proposal_opening_hours",
                      default="As you would write them on your door, e.g. "
                      "\u00ab lundi-vendredi 9h-18h, samedi 9h-12h \u00bb, "
                      "\u00ab 9h30-12h, 13h-17h30, fermé le lundi \u00bb. "
                      "A day you do not name is closed."),
        required=False, default="", missing_value="", constraint=hours_text_constraint)
    directives.widget("languages", CheckBoxFieldWidget)
    languages = schema.List(title=_("label_business_languages", default="Languages spoken"),
                            value_type=schema.Choice(vocabulary=LANGUAGES), required=False,
                            default=[], missing_value=[])
    directives.widget("payment_methods", CheckBoxFieldWidget)
    payment_methods = schema.List(
        title=_("label_business_payment_methods", default="Payment methods"),
        value_type=schema.Choice(vocabulary=PAYMENTS), required=False, default=[],
        missing_value=[])
    directives.widget("accessibility", CheckBoxFieldWidget)
    accessibility = schema.List(
        title=_("label_business_accessibility", default="Accessibility"),
        value_type=schema.Choice(vocabulary=ACCESSIBILITY), required=False, default=[],
        missing_value=[])
    #: The honeypot: hidden from people by the page's style, filled by bots.
    homepage = schema.TextLine(
        title=_("label_proposal_honeypot", default="Leave this field empty"),
        required=False, default="", missing_value="")


limit_texts(IProposal)  # names 200, free text 5,000, no control characters


class ProposeForm(AutoExtensibleForm, form.Form):
    """The proposal form (anonymous or logged in)."""

    schema = IProposal
    ignoreContext = True
    enableCSRFProtection = True
    label = _("directory_propose_title", default="Propose a business")
    description = _("directory_propose_description",
                    default="Your entry is published once the commune's editors have checked it.")
    template = ViewPageTemplateFile("templates/propose.pt")
    sent = False
    hours_lines = ()
    mail_works = True

    def update(self):
        if not getattr(self.context, "self_registration", False):
            raise Forbidden("Self-registration is closed")
        super().update()

    def updateWidgets(self):
        super().updateWidgets()
        if not api.user.is_anonymous() and not self.request.form.get(
                "form.widgets.submitter_email"):
            self.widgets["submitter_email"].value = api.user.get_current().getProperty(
                "email") or ""
        self.widgets["homepage"].autocomplete = "off"

    def show_field_errors(self, errors):
        """Each refusal of the entry's schema beside its field, as a widget error."""
        for name, message in errors:
            widget = self.widgets.get(name)
            invalid = Invalid(message)
            if widget is None:
                self.status = translate(message, context=self.request)
                continue
            view = getMultiAdapter((invalid, self.request, widget, widget.field, self,
                                    self.context), IErrorViewSnippet)
            view.update()
            widget.error = view
            self.widgets.errors += (view,)
        self.status = self.formErrorsMessage

    def client_address(self):
        return self.request.getClientAddr() or "unknown"

    @button.buttonAndHandler(_("directory_propose_button", default="Send my proposal"),
                             name="send")
    def handle_send(self, action):
        data, errors = self.extractData()
        if errors:
            self.status = self.formErrorsMessage
            return
        if not LIMITER.hit(self.client_address()):
            self.status = translate(_(
                "directory_error_rate_limit",
                default="Too many proposals were sent from your connection; please try again "
                "in an hour."), context=self.request)
            self.request.response.setStatus(429)
            return
        if data.get("homepage"):
            self.sent = True
            return  # a bot: it sees the same thanks, nothing is kept nor sent
        values = dict(data)
        values["latitude"] = coordinate(data.get("latitude"))
        values["longitude"] = coordinate(data.get("longitude"))
        values["opening_hours"] = read_hours_text(data.get("opening_hours"))
        refused = proposal_errors(self.context, values)
        if refused:
            self.show_field_errors(refused)
            return
        self.sent = True
        self.mail_works = can_send_mail()
        self.hours_lines = describe(parse_hours(values["opening_hours"]),
                                    api.portal.get_current_language() or "fr")
        user_id = None if api.user.is_anonymous() else api.user.get_current().getId()
        token = add_proposal(self.context, values, data["submitter_email"], user_id)
        url = f"{self.context.absolute_url()}/@@confirm-proposal?{urlencode({'token': token})}"
        mails.send_confirmation_link(data["submitter_email"], data["title"], url)


class ConfirmProposalView(BrowserView):
    """GET shows a button (mail scanners open links; they do not press buttons); POST confirms."""

    index = ViewPageTemplateFile("templates/confirm-proposal.pt")

    def __call__(self):
        self.token = self.request.form.get("token") or ""
        self.business = None
        self.valid = pending_proposal(self.context, self.token) is not None
        if self.valid and self.request.method == "POST":
            CheckAuthenticator(self.request)
            self.business = confirm_proposal(self.context, self.token)
            self.valid = self.business is not None
        if not self.valid and self.business is None:
            self.request.response.setStatus(404)
        return self.index()
