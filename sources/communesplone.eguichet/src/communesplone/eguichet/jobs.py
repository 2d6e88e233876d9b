"""The daily job: anonymise the orders closed longer ago than the retention period.

Run it from cron through the console command (see docs/eguichet.md)::

    communesplone eguichet anonymise   # calls anonymise_expired(portal, now)

What is kept: the reference, the document, quantity, delivery method,
amounts, payment status and dates, the state and its history's dates (the
figures for statistics and accounting). What goes: the applicant's name,
e-mail, phone, address, birth date and national number, the delivery
address, the answers, the internal notes, the delivered file and the
tracking token.
"""

from communesplone.eguichet import logger
from DateTime import DateTime
from datetime import datetime
from datetime import timedelta
from datetime import UTC
from plone import api

CLOSED_STATES = ("delivered", "rejected", "cancelled")
ANONYMOUS = "—"


def retention_days():
    return api.portal.get_registry_record("communesplone.eguichet.retention_days",
                                          default=365) or 365


def anonymise(order):
    """Strip ``order`` of its personal data, keep its figures."""
    order.applicant_name = ANONYMOUS
    order.applicant_email = ""
    order.applicant_phone = ""
    order.applicant_address = ""
    order.delivery_address = ""
    order.applicant_birth_date = None
    order.answers = dict.fromkeys(order.answers or {}, ANONYMOUS)
    order.internal_notes = ""
    order.rejection_reason = ANONYMOUS if order.rejection_reason else order.rejection_reason
    order.delivered_file = None
    if isinstance(order.assurance, dict):
        order.assurance = {key: order.assurance.get(key) for key in ("level", "provider")}
    for attribute in ("_national_number", "_tracking_token"):
        if attribute in order.__dict__:
            delattr(order, attribute)
    order.anonymised = True
    order.reindexObject()


def anonymise_expired(portal, now=None):
    """Anonymise every order closed before ``now`` minus the retention; return their references."""
    now = now or datetime.now(UTC)
    limit = now - timedelta(days=retention_days())
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(
        portal_type="DocumentOrder",
        review_state=CLOSED_STATES,
        eguichet_anonymised=False,
        eguichet_closed={"query": DateTime(limit.isoformat()), "range": "max"},
        path="/".join(portal.getPhysicalPath()),
    )
    done = []
    for brain in brains:
        order = brain._unrestrictedGetObject()
        anonymise(order)
        done.append(order.reference)
    if done:
        logger.info("Anonymised %d orders past the retention period", len(done))
    return done


#: Run by ``communesplone jobs run`` (communesplone.policy.jobs).
JOBS = {"eguichet-retention": anonymise_expired}
