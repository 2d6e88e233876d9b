"""Order listings from catalog brains: mine, the dashboard's, the accounting export."""

from communesplone.eguichet import _
from DateTime import DateTime
from communesplone.eguichet.deadlines import local_date
from communesplone.core.languages import translated_title
from communesplone.core.workflow_titles import state_title
from communesplone.eguichet.vocabularies import PAYMENT_STATUSES
from plone import api
from zope.i18n import translate

#: Dashboard filters: id -> (title, extra catalog query, builder of the query needing ``now``).
FILTERS = ("new", "mine", "awaiting_payment", "late", "all")
FILTER_TITLES = {
    "new": _("eguichet_filter_new", default="New"),
    "mine": _("eguichet_filter_mine", default="Mine"),
    "awaiting_payment": _("eguichet_filter_awaiting_payment", default="Awaiting payment"),
    "late": _("eguichet_filter_late", default="Late"),
    "all": _("eguichet_filter_all", default="All"),
}
OPEN_STATES = ("submitted", "in_progress", "ready")


def document_titles(language=None):
    """``{title as written in any language: title in language}`` of the document
    types, from one catalog query (their ``language_texts`` column)."""
    titles = {}
    for brain in api.content.find(portal_type="DocumentType"):
        shown = translated_title(brain, language)
        texts_by_language = brain.language_texts
        if not isinstance(texts_by_language, dict):
            texts_by_language = {}
        for texts in texts_by_language.values():
            if texts.get("title"):
                titles.setdefault(texts["title"], shown)
        titles[brain.Title] = shown
    return titles


def document_title_in(title, language=None, titles=None):
    """The title of a document as an order recorded it (in the language it was
    ordered in), in ``language``; as recorded when the type is gone or renamed."""
    titles = document_titles(language) if titles is None else titles
    return titles.get(title, title)


def filter_query(name, user_id=None, now=None):
    """The catalog query of a dashboard filter."""
    if name == "new":
        return {"review_state": "submitted"}
    if name == "mine":
        return {"eguichet_assignee": user_id or "", "review_state": OPEN_STATES}
    if name == "awaiting_payment":
        return {"review_state": "awaiting_payment"}
    if name == "late":
        return {"review_state": OPEN_STATES,
                "eguichet_due": {"query": DateTime(now) if now else DateTime(), "range": "max"}}
    return {}


def order_brains(context=None, **query):
    """Orders the current user may see (catalog security), newest first."""
    query.setdefault("sort_on", "created")
    query.setdefault("sort_order", "descending")
    if context is not None:
        query["context"] = context
    return api.content.find(portal_type="DocumentOrder", **query)


def summary(brain):
    """A JSON-ready line of an order from its brain (no object woken)."""
    due = brain.eguichet_due
    return {
        "@id": brain.getURL(),
        "UID": brain.UID,
        "reference": brain.eguichet_reference,
        "document": brain.eguichet_document,
        "review_state": brain.review_state,
        "total": brain.eguichet_amount,
        "payment_status": brain.eguichet_payment,
        "delivery_method": brain.eguichet_delivery,
        "quantity": brain.eguichet_quantity,
        "created": brain.created.ISO8601() if brain.created else None,
        "due": due.ISO8601() if due else None,
        # the day in the commune's timezone: an order due at 00:30 in Brussels is
        # due the day before in UTC
        "due_day": local_date(due.asdatetime()).isoformat() if due else None,
        "assignee": brain.eguichet_assignee,
    }


def my_orders(user_id):
    return [summary(brain) for brain in order_brains(Creator=user_id)]


def with_state_title(row, request):
    """``row`` (a :func:`summary`) with its state and payment in the reader's words
    (``state_title``, ``payment_title``), for a page; the JSON keeps the ids."""
    payment = row["payment_status"]
    return dict(row, state_title=state_title(row["review_state"], "DocumentOrder", request),
                payment_title=translate(PAYMENT_STATUSES.getTerm(payment).title, context=request)
                if payment in PAYMENT_STATUSES else "")
