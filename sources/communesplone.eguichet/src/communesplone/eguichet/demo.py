"""Demo content of communesplone.eguichet: an e-guichet with the common Belgian documents.

:func:`populate` is idempotent: a second call finds the catalog and adds
nothing. The policy's demo profile calls it as Manager, mails suppressed.
Fees are those many Walloon and Flemish communes charge (2026).
"""

from communesplone.core.assurance import AssuranceRecord
from communesplone.core.assurance import REQUEST_KEY
from communesplone.core.assurance import set_request_assurance
from communesplone.eguichet import _
from communesplone.eguichet.ordering import make_order
from communesplone.eguichet.payment import mark_paid
from plone import api
from zope.globalrequest import getRequest
from zope.i18n import translate

CATALOG_ID = "e-guichet"
PURPOSE = {"name": "purpose", "type": "choice", "required": True,
           "label": {"fr": "Motif", "nl": "Reden", "en": "Purpose"},
           "options": ["employeur", "école", "administration", "autre"]}
PERSON = {"name": "person", "type": "person", "required": True,
          "label": {"fr": "Personne concernée", "nl": "Betrokken persoon",
                    "en": "Person concerned"}}

DOCUMENTS = (
    ("certificat-de-residence",
     _("eguichet_demo_residence", default="Certificate of residence"),
     _("eguichet_demo_residence_description",
       default="Proof of your address in the population register, for an employer, a "
       "school or an administration."),
     _("eguichet_demo_theme_population", default="Population"),
     {"who_may_order": "self", "required_assurance": "substantial", "price": 3.0,
      "fee_post": 1.5, "delivery_methods": ["email", "post", "pickup"],
      "order_fields": [PURPOSE], "processing_days": 2,
      "processing_group": "communesplone-population"}),
    ("composition-de-menage",
     _("eguichet_demo_household", default="Household composition"),
     _("eguichet_demo_household_description",
       default="The members of your household as registered at your address."),
     _("eguichet_demo_theme_population", default="Population"),
     {"who_may_order": "household", "required_assurance": "substantial", "price": 3.0,
      "fee_post": 1.5, "delivery_methods": ["email", "post", "pickup"],
      "order_fields": [PURPOSE], "processing_days": 2,
      "processing_group": "communesplone-population"}),
    ("extrait-acte-de-naissance",
     _("eguichet_demo_birth", default="Birth certificate extract"),
     _("eguichet_demo_birth_description",
       default="An extract of a birth certificate drawn up in the commune."),
     _("eguichet_demo_theme_civil_status", default="Civil status"),
     {"who_may_order": "household", "required_assurance": "high", "price": 5.0,
      "fee_post": 1.5, "delivery_methods": ["email", "post", "pickup"],
      "order_fields": [PERSON, {"name": "event_date", "type": "date", "required": False,
                                "label": {"fr": "Date de naissance", "nl": "Geboortedatum",
                                          "en": "Date of birth"}}],
      "processing_days": 5, "processing_group": "communesplone-civil-status"}),
    ("certificat-de-vie",
     _("eguichet_demo_life", default="Certificate of life"),
     _("eguichet_demo_life_description",
       default="Proof that you are alive, often asked by a foreign pension fund."),
     _("eguichet_demo_theme_population", default="Population"),
     {"who_may_order": "self", "required_assurance": "substantial", "price": 2.5,
      "fee_post": 1.5, "delivery_methods": ["email", "post", "pickup"],
      "processing_days": 3, "processing_group": "communesplone-population"}),
    ("extrait-casier-judiciaire",
     _("eguichet_demo_criminal", default="Extract from the criminal record"),
     _("eguichet_demo_criminal_description",
       default="The extract (model 595 or 596.1-596.2 for work with minors); free of charge."),
     _("eguichet_demo_theme_population", default="Population"),
     {"who_may_order": "self", "required_assurance": "high", "price": 0.0,
      "delivery_methods": ["email", "pickup"], "processing_days": 5,
      "order_fields": [{"name": "model", "type": "choice", "required": True,
                        "label": {"fr": "Modèle", "nl": "Model", "en": "Model"},
                        "options": ["595", "596.1", "596.2"]},
                       {"name": "purpose_text", "type": "text", "required": True,
                        "label": {"fr": "Finalité", "nl": "Doel", "en": "Purpose"}}],
      "processing_group": "communesplone-population"}),
    ("certificat-de-nationalite",
     _("eguichet_demo_nationality", default="Certificate of nationality"),
     _("eguichet_demo_nationality_description",
       default="Proof of your Belgian nationality."),
     _("eguichet_demo_theme_civil_status", default="Civil status"),
     {"who_may_order": "self", "required_assurance": "substantial", "price": 5.0,
      "fee_post": 1.5, "delivery_methods": ["email", "post", "pickup"],
      "processing_days": 3, "processing_group": "communesplone-civil-status"}),
    ("legalisation-de-signature",
     _("eguichet_demo_legalisation", default="Legalisation of a signature"),
     _("eguichet_demo_legalisation_description",
       default="Book the legalisation: you sign the document at the counter, "
       "with your identity card."),
     _("eguichet_demo_theme_population", default="Population"),
     {"who_may_order": "self", "required_assurance": "low", "price": 2.5,
      "delivery_methods": ["pickup"], "max_quantity": 10, "processing_days": 1,
      "payment_before_processing": False,
      "order_fields": [{"name": "pages", "type": "number", "required": True, "min": 1,
                        "max": 20, "label": {"fr": "Nombre de documents",
                                             "nl": "Aantal documenten",
                                             "en": "Number of documents"}}],
      "processing_group": "communesplone-population"}),
)

#: Orderable by anyone, without an account: the order page gives a tracking link.
ANONYMOUS_DOCUMENT = (
    "copie-deliberation",
    _("eguichet_demo_deliberation", default="Copy of a council decision"),
    _("eguichet_demo_deliberation_description",
      default="A certified copy of a decision of the municipal council; anyone may ask for "
      "it, no account needed."),
    _("eguichet_demo_theme_council", default="Council"),
    {"who_may_order": "anyone", "required_assurance": "none", "price": 1.0,
     "delivery_methods": ["email", "pickup"], "processing_days": 5,
     "order_fields": [{"name": "decision", "type": "text", "required": True,
                       "label": {"fr": "Décision (date de la séance, objet)",
                                 "nl": "Besluit (datum van de zitting, onderwerp)",
                                 "en": "Decision (date of the meeting, subject)"}}],
     "processing_group": "communesplone-secretariat"},
)
DOCUMENTS = (ANONYMOUS_DOCUMENT,) + DOCUMENTS

ORDERS = (
    # document, applicant, e-mail, delivery, answers, what happens next
    ("certificat-de-residence", "Marie Dubois", "marie.dubois@example.org", "email",
     {"purpose": "employeur"}, ("paid", "take")),
    ("composition-de-menage", "Jan Peeters", "jan.peeters@example.org", "post",
     {"purpose": "école"}, ()),
    ("certificat-de-vie", "Fatima El Amrani", "fatima@example.org", "pickup", {},
     ("paid", "take", "mark_ready", "deliver")),
    ("legalisation-de-signature", "Luc Lambert", "luc.lambert@example.org", "pickup",
     {"pages": 2}, ()),
)


def _t(message, language):
    return translate(message, target_language=language)


def _demo_clerk(catalog):
    """The user who enters the demo orders.

    Whoever applies the demo profile (a Manager in the browser, the system
    user of ``communesplone start``, which has no id and so no identity to
    certify), the orders are made the same way, by this transient user.
    """
    from AccessControl.users import SimpleUser

    return SimpleUser(DEMO_CLERK, "", ["Manager"], []).__of__(catalog.acl_users)


DEMO_CLERK = "communesplone-demo"


def _orders(catalog):
    """A few orders, identified at the high level as the demo's citizens would be."""
    with api.env.adopt_user(user=_demo_clerk(catalog)):
        _make_orders(catalog)


def _make_orders(catalog):
    request = getRequest()
    previous = request.other.get(REQUEST_KEY)
    set_request_assurance(request, AssuranceRecord(level="high", user_id=DEMO_CLERK,
                                                   provider="demo", provider_title="Demo"))
    try:
        for doc_id, name, email, method, answers, steps in ORDERS:
            order = make_order(
                catalog, document_type=api.content.get_uuid(catalog[doc_id]), quantity=1,
                delivery_method=method, applicant_name=name, applicant_email=email,
                applicant_address="Rue de l'Église 12, 5000 Namur", answers=answers,
            )
            order.applicant_name = name  # the demo's citizens, not the demo's Manager
            for step in steps:
                if step == "paid":
                    mark_paid(order, comment="Demo")
                else:
                    api.content.transition(obj=order, transition=step)
            order.reindexObject()
    finally:
        if previous is None:
            request.other.pop(REQUEST_KEY, None)
        else:
            request.other[REQUEST_KEY] = previous


def populate(portal, language):
    """The e-guichet with eight documents and four orders; nothing when it exists.

    One document at each identity level: a council decision's copy anyone may
    order without an account, the legalisation at "low" (a password account
    whose e-mail address was confirmed), certificates at "substantial" and
    extracts at "high" (docs/eid.md).
    """
    if CATALOG_ID in portal.objectIds():
        return portal[CATALOG_ID]
    catalog = api.content.create(
        container=portal, type="DocumentCatalog", id=CATALOG_ID,
        title=_t(_("eguichet_demo_catalog", default="E-guichet"), language),
        description=_t(_("eguichet_demo_catalog_description",
                         default="Order your certificates and extracts online."), language),
    )
    for doc_id, title, description, theme, fields in DOCUMENTS:
        api.content.create(container=catalog, type="DocumentType", id=doc_id,
                           title=_t(title, language), description=_t(description, language),
                           theme=_t(theme, language), **fields)
    _orders(catalog)
    return catalog
