"""Vocabularies of communesplone.eguichet (ids are stable API values, titles translated)."""

from communesplone.core.groups import SHARED_GROUPS
from communesplone.eguichet import _
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


def _vocabulary(items):
    return SimpleVocabulary([SimpleTerm(value, value, title) for value, title in items])


WHO_MAY_ORDER = _vocabulary([
    ("self", _("eguichet_who_self", default="The person themself")),
    ("household", _("eguichet_who_household", default="A member of the household")),
    ("anyone", _("eguichet_who_anyone", default="Anyone")),
])

ASSURANCE_LEVELS = _vocabulary([
    ("none", _("eguichet_assurance_none", default="None (an e-mail address is enough)")),
    # What each level asks, never a means the commune may not have configured.
    ("low", _("eguichet_assurance_low_account",
              default="Low (an account whose e-mail address was confirmed)")),
    ("substantial", _("eguichet_assurance_substantial_state",
                      default="Substantial (a means recognised by the Belgian State)")),
    ("high", _("eguichet_assurance_high_strongest",
               default="High (the strongest means recognised by the Belgian State)")),
])

DELIVERY_METHODS = _vocabulary([
    ("email", _("eguichet_delivery_email", default="By e-mail (PDF)")),
    ("post", _("eguichet_delivery_post", default="By post")),
    ("pickup", _("eguichet_delivery_pickup", default="Pick-up at the office")),
])

PAYMENT_STATUSES = _vocabulary([
    ("unpaid", _("eguichet_payment_unpaid", default="Unpaid")),
    ("paid", _("eguichet_payment_paid", default="Paid")),
    ("waived", _("eguichet_payment_waived", default="Free of charge")),
    ("refunded", _("eguichet_payment_refunded", default="Refunded")),
])

LANGUAGES = _vocabulary([
    ("fr", "Français"),
    ("nl", "Nederlands"),
    ("en", "English"),
    ("de", "Deutsch"),
])

#: The processing services an order may go to (ids of core's shared groups).
SERVICE_GROUP_IDS = ("communesplone-population", "communesplone-civil-status",
                     "communesplone-secretariat", "communesplone-finance")


@provider(IVocabularyFactory)
def service_groups_vocabulary(context):
    """The core service groups that process orders."""
    titles = dict(SHARED_GROUPS)
    return SimpleVocabulary([
        SimpleTerm(group_id, group_id, titles[group_id])
        for group_id in SERVICE_GROUP_IDS if group_id in titles
    ])
