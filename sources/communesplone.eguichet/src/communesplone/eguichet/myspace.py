"""The member's orders in their own space ("Mon espace", communesplone.core.myspace)."""

from communesplone.core.interfaces import IMySpaceSection
from communesplone.core.dates import when_text
from communesplone.core.myspace import language_of
from communesplone.core.myspace import state_title
from communesplone.eguichet import _
from communesplone.eguichet.listing import document_title_in
from communesplone.eguichet.listing import document_titles
from communesplone.eguichet.listing import order_brains
from communesplone.eguichet.vocabularies import PAYMENT_STATUSES
from plone import api
from zope.i18n import translate
from zope.interface import implementer


@implementer(IMySpaceSection)
class OrdersSection:
    order = 10
    title = _("myspace_orders_title", default="My document requests")
    empty_text = _("myspace_orders_empty", default="You have not ordered anything yet.")
    action_title = _("myspace_orders_action", default="Ask for a document")

    def action_url(self, portal):
        brains = api.content.find(context=portal, portal_type="DocumentCatalog",
                                  sort_on="path", sort_limit=1)
        return brains[0].getURL() if brains else None

    def items(self, user_id, request):
        """From the catalog: the orders the member made (``Creator``) and may see."""
        language = language_of(request)
        found = []
        titles = document_titles(language)
        for brain in order_brains(Creator=user_id):
            payment = brain.eguichet_payment
            found.append({
                "title": document_title_in(brain.eguichet_document, language, titles)
                or brain.Title,
                "url": brain.getURL(),
                "reference": brain.eguichet_reference,
                "state": state_title("DocumentOrder", brain.review_state, request),
                "payment": (translate(PAYMENT_STATUSES.getTerm(payment).title, context=request)
                            if payment in PAYMENT_STATUSES and brain.eguichet_amount
                            else ""),
                "when": when_text(brain.created, language, with_time=False),
            })
        return found

    def links(self, portal):
        return [(_("myspace_orders_stored", default="What is stored about me"),
                 f"{portal.absolute_url()}/@@my-order-data")]
