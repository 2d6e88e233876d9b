"""The e-guichet page (documents by theme) and a document type's page."""

from communesplone.core.translating import Translates
from communesplone.core.payment import amount_text
from communesplone.core.assurance import LEVEL_TITLES
from communesplone.core.dates import day_text
from communesplone.core.languages import request_language
from communesplone.core.languages import translated_description
from communesplone.core.languages import translated_title
from communesplone.core.means import LEVEL_MEANINGS
from communesplone.eguichet import _
from communesplone.eguichet.staff import is_staff
from communesplone.eguichet.deadlines import due_day
from communesplone.eguichet.deadlines import local_date
from communesplone.eguichet.themes import theme_in
from communesplone.eguichet.vocabularies import DELIVERY_METHODS
from datetime import datetime
from datetime import UTC
from itertools import groupby
from plone import api
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zope.i18n import translate


class CatalogView(BrowserView):
    """The active document types, grouped by theme (catalog brains only)."""

    index = ViewPageTemplateFile("templates/catalog.pt")

    def __call__(self):
        return self.index()

    def themes(self):
        brains = api.content.find(
            context=self.context, portal_type="DocumentType", eguichet_active=True,
            sort_on="sortable_title",
        )
        other = translate(_("eguichet_theme_other", default="Other documents"),
                          context=self.request)
        language = request_language(self.request)
        items = sorted(
            ({"theme": theme_in(brain.eguichet_theme, language) or other,
              "title": translated_title(brain),
              "description": translated_description(brain), "url": brain.getURL(),
              "price": self.price_text(brain.eguichet_amount)} for brain in brains),
            key=lambda item: (item["theme"].lower(), item["title"].lower()),
        )
        return [{"title": theme, "id": f"theme-{index}", "documents": list(documents)}
                for index, (theme, documents) in enumerate(groupby(items,
                                                                   key=lambda i: i["theme"]))]

    def price_text(self, value):
        return price_text(value, self.request)

    def staff(self):
        return is_staff(self.context)


def price_text(value, request):
    """ "2,50 €", or "gratuit" / "gratis" for a document or a delivery that costs
    nothing (never "€ 0,00" beside "gratuit" in its description)."""
    if not float(value or 0):
        return translate(_("eguichet_free", default="free"), context=request)
    return amount_text(value)


class DocumentTypeView(Translates, BrowserView):
    index = ViewPageTemplateFile("templates/document_type.pt")

    def __call__(self):
        return self.index()

    def facts(self):
        context = self.context
        methods = ", ".join(
            f"{self.t(DELIVERY_METHODS.getTerm(m).title)} ("
            + (f"+{amount_text(context.fee(m))}" if context.fee(m)
               else price_text(0, self.request)) + ")"
            for m in context.delivery_methods or () if m in DELIVERY_METHODS)
        rows = [
            (_("eguichet_label_price", default="Unit price (EUR)"),
             price_text(context.price, self.request)),
            (_("eguichet_label_delivery_methods", default="Delivery methods offered"), methods),
            (_("eguichet_label_processing_working_days",
               default="Processing time announced (working days)"),
             str(context.processing_days)),
            (_("eguichet_label_expected_today", default="Expected date if you order today"),
             day_text(due_day(local_date(datetime.now(UTC)), context.processing_days),
                      request_language(self.request))),
            (_("eguichet_label_required_assurance", default="Identity assurance required"),
             self.level_text()),
        ]
        return [{"label": self.t(label), "value": value} for label, value in rows]

    def level_text(self):
        """The level and, in plain words, what it asks of the person."""
        if self.context.allows_anonymous():
            return self.t(_("eguichet_level_anyone",
                            default="None: anyone may order it, without an account."))
        level = self.context.required_assurance
        title = self.t(LEVEL_TITLES[level])
        return f"{title[:1].upper()}{title[1:]}. {self.t(LEVEL_MEANINGS[level])}"

    def order_url(self):
        return f"{self.context.absolute_url()}/@@order" if self.context.active else None
