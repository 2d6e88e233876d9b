"""An entry's page: its texts in the reader's language, opening hours in words, open now,
contact, and the schema.org ``LocalBusiness`` JSON-LD."""

from communesplone.directory import _
from communesplone.directory.permissions import MODERATE
from communesplone.directory import exports
from communesplone.directory.categories import translated_leaf
from communesplone.core.dates import site_zone
from communesplone.directory.hours import describe_closures
from communesplone.directory.hours import is_open
from communesplone.directory.hours import next_change
from communesplone.directory.hours import week_table
from communesplone.directory.hours import when_words
from communesplone.directory.browser.directory import MapResources
from communesplone.directory.vocabularies import ACCESSIBILITY
from communesplone.directory.vocabularies import category_names
from communesplone.directory.vocabularies import LANGUAGES
from communesplone.directory.vocabularies import PAYMENTS
from datetime import datetime
from html import escape
from plone import api
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zope.i18n import translate


def term_titles(vocabulary, values, request):
    return [translate(vocabulary.getTerm(value).title, context=request)
            for value in values or () if value in vocabulary]


class BusinessView(MapResources, BrowserView):
    index = ViewPageTemplateFile("templates/business.pt")

    def __call__(self):
        self.update()
        return self.index()

    def update(self):
        context = self.context
        self.language = api.portal.get_current_language() or "fr"
        self.now = datetime.now(site_zone())
        hours = context.hours()
        self.has_hours = any(hours.weekly)
        self.open_now = is_open(hours, self.now)
        today = self.now.weekday()
        self.hours_rows = [{"day": day, "hours": text, "today": index == today}
                           for index, (day, text) in enumerate(week_table(hours, self.language))]
        self.closure_lines = describe_closures(hours, self.language, today=self.now.date())
        change = next_change(hours, self.now) if self.has_hours else None
        self.status = self._status(change)
        self.status_class = "business-status " + (
            "business-open" if self.open_now else "business-closed")
        self.title = context.translated("title", self.language)
        self.description = context.translated("description", self.language)
        self.text_html = self._text()
        self.record = exports.record(context)
        names = category_names(context, self.language)
        self.categories = [translated_leaf(category, names)
                           for category in context.categories or ()]
        self.accessibility = term_titles(ACCESSIBILITY, context.accessibility, self.request)
        self.payments = term_titles(PAYMENTS, context.payment_methods, self.request)
        self.languages = term_titles(LANGUAGES, context.languages, self.request)
        self.json_ld = exports.script_json(exports.json_ld(self.record, self.language))
        self.photos = [
            {"src": f"{brain.getURL()}/@@images/image/preview", "alt": brain.Title or ""}
            for brain in api.content.find(context=context, depth=1, portal_type="Image",
                                          sort_on="getObjPositionInParent")]
        self.logo_alt = translate(_("directory_logo_alt", default="Logo of ${title}",
                                    mapping={"title": self.title}), context=self.request)
        may_edit = api.user.has_permission("Modify portal content", obj=context)
        self.claim_url = None if may_edit else f"{context.absolute_url()}/@@claim"
        self.osm_url = None
        self.geojson_url = None
        if context.latitude is not None and context.longitude is not None:
            self.osm_url = (f"https://www.openstreetmap.org/?mlat={context.latitude}"
                            f"&mlon={context.longitude}#map=18/{context.latitude}/"
                            f"{context.longitude}")
            self.geojson_url = f"{context.absolute_url()}/@@export-geojson"

    def moderation(self):
        """For a moderator of a pending (or rejected) entry: who proposed it and the actions.

        ``None`` for everyone else: a citizen never sees it.
        """
        if not api.user.has_permission(MODERATE, obj=self.context):
            return None
        workflow = api.portal.get_tool("portal_workflow")
        actions = [t for t in workflow.getTransitionsFor(self.context)
                   if t["id"] in ("publish", "reject")]
        if not actions:
            return None
        context = self.context
        creator = (context.listCreators() or ("",))[0]
        user = api.user.get(userid=creator) if creator else None
        name = (user.getProperty("fullname") if user is not None else "") or creator
        proposer = ", ".join(part for part in (
            name, getattr(context, "submitter_email", "") or
            (user.getProperty("email") if user is not None else "")) if part)
        state = workflow.getWorkflowsFor(context)[0].states.get(api.content.get_state(context))
        url = f"{context.absolute_url()}/@@transition-form"
        return {
            "state": translate(state.title, domain="plone", context=self.request),
            "proposer": proposer,
            "modified": context.modified().strftime("%d/%m/%Y %H:%M"),
            "publish_url": url if any(t["id"] == "publish" for t in actions) else None,
            "reject_url": f"{url}?workflow_action=reject"
            if any(t["id"] == "reject" for t in actions) else None,
        }

    def _status(self, change):
        """"Ouvert maintenant, jusqu'à 12 h" / "Fermé maintenant, ouvre le lundi à 9 h"."""
        if not self.has_hours:
            return ""
        if self.open_now:
            message = _("directory_open_now", default="Open now")
            if change is not None and change.date() == self.now.date():
                _day, time = when_words(change, self.now, self.language)
                message = _("directory_open_until", default="Open now, until ${time}",
                            mapping={"time": time})
        else:
            message = _("directory_closed_now", default="Closed now")
            if change is not None:
                day, time = when_words(change, self.now, self.language)
                message = _("directory_closed_opens", default="Closed now, opens on ${day} at "
                            "${time}", mapping={"day": day, "time": time})
        return translate(message, context=self.request)

    def _text(self):
        """The long description: the translation (plain text) or the rich text of the site."""
        texts = (self.context.translations or {}).get(self.language) or {}
        if texts.get("text"):
            paragraphs = [part.strip() for part in texts["text"].split("\n\n") if part.strip()]
            return "".join(f"<p>{escape(part)}</p>" for part in paragraphs)
        text = getattr(self.context, "text", None)
        return text.output if text is not None else ""

    def contact(self):
        """``[(label, text, href)]`` of the known contact data."""
        record = self.record
        items = []
        if record["phone"]:
            tel = "".join(char for char in record["phone"] if char.isdigit() or char == "+")
            items.append((_("label_business_phone", default="Phone"), record["phone"],
                          f"tel:{tel}"))
        if record["email"]:
            items.append((_("label_business_email", default="E-mail"), record["email"],
                          f"mailto:{record['email']}"))
        if record["website"]:
            items.append((_("label_business_website", default="Website"), record["website"],
                          record["website"]))
        for link in record["social_links"]:
            items.append((_("label_business_social_links", default="Social networks"), link,
                          link))
        return [(translate(label, context=self.request), text, href)
                for label, text, href in items]

    def services(self):
        """``[(label, text)]``: accessibility, payment methods, languages."""
        items = [
            (_("label_business_accessibility", default="Accessibility"),
             ", ".join(self.accessibility)),
            (_("label_business_accessibility_notes", default="Accessibility, details"),
             self.record["accessibility_notes"]),
            (_("label_business_payment_methods", default="Payment methods"),
             ", ".join(self.payments)),
            (_("label_business_languages", default="Languages spoken"),
             ", ".join(self.languages)),
        ]
        return [(translate(label, context=self.request), text) for label, text in items if text]
