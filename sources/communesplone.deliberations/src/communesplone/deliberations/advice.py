"""Advices asked of other services about an item, and the finance director's rule.

An item whose financial impact is above the regime's threshold gets an advice
request to the finance service when it is proposed, due in the regime's
working days (fewer when the item is urgent); it cannot be validated before
that advice is given (favourable, unfavourable or with remarks: the law asks
for the advice, not for a favourable one).
"""

from communesplone.deliberations import _
from communesplone.core.calendar import add_working_days
from communesplone.core.inbox import INBOX_INDEXES
from communesplone.deliberations.regimes import rules_for
from communesplone.deliberations.vocabularies import ADVICE_ANSWERS
from communesplone.deliberations.roles import sync_item_roles
from communesplone.deliberations.roles import user_services
from datetime import date
from datetime import datetime
from datetime import UTC
from plone import api
from zope.globalrequest import getRequest
from zope.i18n import translate

FINANCE = "communesplone-finance"


class AdviceError(ValueError):
    def __init__(self, message, field="advice"):
        super().__init__(translate(message, context=getRequest()))
        self.message = message
        self.field = field


def needs_finance_advice(item):
    threshold = rules_for(item.get_assembly()).finance_threshold
    return item.financial_impact is not None and item.financial_impact > threshold


def request_advice(item, service, today=None):
    """Ask ``service`` for an advice (once); return the request."""
    today = today or date.today()
    rules = rules_for(item.get_assembly())
    days = rules.advice_days_urgent if item.urgent else rules.advice_days
    advices = list(getattr(item, "advices", None) or [])
    for advice in advices:
        if advice["service"] == service:
            return advice
    advice = {"service": service, "requested": today.isoformat(),
              "due": add_working_days(today, days).isoformat(),
              "answer": None, "comment": "", "answered_by": None, "answered_at": None}
    advices.append(advice)
    item.advices = advices

    sync_item_roles(item)
    item.reindexObject(idxs=["delib_advice_pending", *INBOX_INDEXES])
    return advice


def give_advice(item, service, answer, comment=""):
    """Record ``service``'s answer; the current user must belong to that service."""

    if answer not in ADVICE_ANSWERS:
        raise AdviceError(_("error_advice_answer",
                            default="An advice is favourable, unfavourable or with remarks."),
                          "answer")
    if service not in user_services():
        raise AdviceError(_("error_advice_not_your_service",
                            default="Only the service asked for the advice can give it."),
                          "service")
    advices = [dict(a) for a in getattr(item, "advices", None) or []]
    for advice in advices:
        if advice["service"] == service:
            if advice["answer"]:
                raise AdviceError(_("error_advice_given", default="This advice was already given."),
                                  "service")
            advice.update(answer=answer, comment=comment or "",
                          answered_by=api.user.get_current().getId(),
                          answered_at=datetime.now(UTC).isoformat())
            item.advices = advices
            item.reindexObject(idxs=["delib_advice_pending", *INBOX_INDEXES])
            return advice
    raise AdviceError(_("error_advice_not_asked",
                        default="No advice was asked of this service."), "service")


def missing_finance_advice(item):
    """True when the finance advice is required and not given yet."""
    if not needs_finance_advice(item):
        return False
    return not any(a["service"] == FINANCE and a["answer"]
                   for a in getattr(item, "advices", None) or [])
