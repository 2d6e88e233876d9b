"""Vocabularies of communesplone.booking (ids are stable, titles translated)."""

from communesplone.booking import _
from plone import api
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


def _vocabulary(items):
    return SimpleVocabulary([SimpleTerm(value, value, title) for value, title in items])


KINDS = _vocabulary([
    ("room", _("resource_kind_room", default="Meeting room")),
    ("hall", _("resource_kind_hall", default="Hall")),
    ("sports", _("resource_kind_sports", default="Sports facility")),
    ("vehicle", _("resource_kind_vehicle", default="Vehicle")),
    ("equipment", _("resource_kind_equipment", default="Equipment")),
    ("other", _("resource_kind_other", default="Other")),
])

AUDIENCES = _vocabulary([
    ("anonymous", _("audience_anonymous", default="Anyone, with an e-mail address")),
    ("members", _("audience_members", default="Registered members")),
    ("certified", _("audience_certified", default="Citizens with a certified identity")),
    ("groups", _("audience_groups", default="Members of the given groups")),
])

PRICE_UNITS = _vocabulary([
    ("slot", _("price_unit_slot", default="per slot")),
    ("day", _("price_unit_day", default="per day")),
])

PAYMENTS = _vocabulary([
    ("informative", _("payment_informative", default="Informative price, paid on the spot")),
    ("transfer", _("payment_transfer", default="Bank transfer with a structured communication")),
])

QUOTA_PERIODS = _vocabulary([
    ("week", _("quota_period_week", default="per week")),
    ("month", _("quota_period_month", default="per month")),
    ("year", _("quota_period_year", default="per year")),
])

RECURRENCES = _vocabulary([
    ("none", _("recurrence_none", default="Once")),
    ("weekly", _("recurrence_weekly", default="Every week")),
    ("monthly", _("recurrence_monthly", default="Every month")),
])


@provider(IVocabularyFactory)
def resources_vocabulary(context):
    """Every Resource of the site (UID -> title), for "is part of"."""
    catalog = api.portal.get_tool("portal_catalog")
    terms = [
        SimpleTerm(brain.UID, brain.UID, brain.Title)
        for brain in catalog.unrestrictedSearchResults(portal_type="Resource",
                                                       sort_on="sortable_title")
    ]
    return SimpleVocabulary(terms)


@provider(IVocabularyFactory)
def groups_vocabulary(context):
    """The site's groups (id -> title)."""
    terms = [
        SimpleTerm(group.getId(), group.getId(), group.getProperty("title") or group.getId())
        for group in api.group.get_groups()
    ]
    return SimpleVocabulary(terms)
