"""Scheduled work: the yearly "please confirm your data" mail to every published business.

Run daily from the command line (see ``docs/directory.md``); an entry is asked
once a year: when neither its data was confirmed nor a request was sent in
the last :data:`YEAR`. The mail holds a signed link (no storage) that
confirms the data in one click, and the link to the entry.
"""

from communesplone.core.assurance import seal
from communesplone.core.assurance import unseal
from communesplone.directory import logger
from communesplone.directory.mails import send_data_confirmation_request
from communesplone.directory.mails import submitter_emails
from communesplone.core.system import with_manager_roles
from datetime import UTC
from datetime import datetime
from datetime import timedelta
from plone import api
from urllib.parse import urlencode

YEAR = timedelta(days=365)
TOKEN_PURPOSE = "directory-confirm-data"
TOKEN_SECONDS = 60 * 24 * 3600  # the link works for 60 days


def _aware(moment):
    if moment is None:
        return None
    if hasattr(moment, "asdatetime"):  # Zope DateTime (creation_date)
        moment = moment.asdatetime()
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def confirm_url(business):
    token = seal(business.UID(), TOKEN_PURPOSE)
    return f"{business.absolute_url()}/@@confirm-data?{urlencode({'token': token})}"


def token_matches(business, token):
    """Whether ``token`` is this entry's (untampered, younger than 60 days)."""
    return bool(token) and unseal(token, TOKEN_PURPOSE, TOKEN_SECONDS) == business.UID()


def due(business, now):
    """Whether the entry should be asked now."""
    last = max(filter(None, (
        _aware(getattr(business, "last_confirmed", None)),
        _aware(getattr(business, "confirmation_requested", None)),
        _aware(business.created()),
    )))
    return now - last >= YEAR


def recipients(business):
    found = set(submitter_emails(business))
    if business.email:
        found.add(business.email)
    return sorted(found)


def send_confirmation_requests(portal, now=None):
    """Mail every published entry that is due; return the number of mails handed over."""
    now = _aware(now) or datetime.now(UTC)
    sent = 0
    with with_manager_roles():
        brains = api.content.find(context=portal, portal_type="Business",
                                  review_state="published")
        for brain in brains:
            business = brain.getObject()
            if not due(business, now):
                continue
            emails = recipients(business)
            if not emails:
                continue
            if send_data_confirmation_request(business, emails, confirm_url(business)):
                business.confirmation_requested = now
                sent += 1
    logger.info("Yearly data confirmation: %d mails", sent)
    return sent


#: Run by ``communesplone jobs run`` (communesplone.policy.jobs).
JOBS = {"directory-confirmations": send_confirmation_requests}
