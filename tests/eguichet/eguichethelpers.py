"""Helpers of the e-guichet tests: a catalog, document types, people, REST calls."""

from plone import api
from types import SimpleNamespace

PASSWORD = "secret-password-123"
IBAN = "BE71096123456769"
PEOPLE = {
    "alice": ("Alice Martin", None),
    "bob": ("Bob Peeters", None),
    "paula": ("Paula Population", "communesplone-population"),
    "cedric": ("Cédric Civil", "communesplone-civil-status"),
}

RESIDENCE_FIELDS = [
    {"name": "purpose", "type": "choice", "required": True,
     "label": {"fr": "Motif", "nl": "Reden", "en": "Purpose"},
     "options": ["employer", "school", "other"]},
    {"name": "remark", "type": "text", "required": False, "label": "Remark"},
]
BIRTH_FIELDS = [
    {"name": "person", "type": "person", "required": True, "label": "Person concerned"},
    {"name": "event_date", "type": "date", "required": False, "label": "Date of birth"},
    {"name": "copies_for", "type": "number", "required": False, "label": "Copies", "min": 1,
     "max": 3},
]


def make_type(catalog, id_, **fields):
    values = {
        "title": id_.replace("-", " ").title(),
        "theme": "Population",
        "who_may_order": "self",
        "required_assurance": "none",
        "order_fields": [],
        "delivery_methods": ["email", "post", "pickup"],
        "fee_post": 1.5,
        "price": 5.0,
        "max_quantity": 5,
        "processing_days": 3,
        "processing_group": "communesplone-population",
        "payment_before_processing": True,
        "active": True,
    }
    values.update(fields)
    with api.env.adopt_roles(["Manager"]):
        return api.content.create(container=catalog, type="DocumentType", id=id_, **values)


def make_site(portal):
    api.portal.set_registry_record("communesplone.core.commune_name", "Commune de Demo")
    api.portal.set_registry_record("communesplone.core.iban", IBAN)
    with api.env.adopt_roles(["Manager"]):
        catalog = api.content.create(container=portal, type="DocumentCatalog", id="e-guichet",
                                     title="E-guichet")
        for user_id, (fullname, group) in PEOPLE.items():
            api.user.create(email=f"{user_id}@example.org", username=user_id, password=PASSWORD,
                            properties={"fullname": fullname})
            if group:
                api.group.add_user(groupname=group, username=user_id)
    residence = make_type(catalog, "certificat-de-residence", title="Certificat de résidence",
                          order_fields=RESIDENCE_FIELDS)
    birth = make_type(catalog, "extrait-de-naissance", title="Extrait d'acte de naissance",
                      theme="État civil", who_may_order="household", required_assurance="high",
                      order_fields=BIRTH_FIELDS, price=0.0, fee_post=0.0,
                      processing_group="communesplone-civil-status")
    regulation = make_type(catalog, "reglement", title="Copie d'un règlement",
                           who_may_order="anyone", required_assurance="none", price=2.0,
                           fee_post=0.0, delivery_methods=["email", "post"],
                           payment_before_processing=False)
    return SimpleNamespace(portal=portal, catalog=catalog, residence=residence, birth=birth,
                           regulation=regulation, url=catalog.absolute_url())


def order_data(doctype, **fields):
    data = {
        "document_type": api.content.get_uuid(doctype),
        "quantity": 1,
        "delivery_method": "email",
        "applicant_name": "Alice Martin",
        "applicant_email": "alice@example.org",
        "applicant_address": "Rue de Fer 1, 5000 Namur",
        "answers": {"purpose": "employer"} if doctype.getId() == "certificat-de-residence"
        else {},
    }
    data.update(fields)
    return data


def order(catalog, doctype, **fields):
    """Make an order as the current user; a refusal is rolled back as the publisher does."""
    from communesplone.eguichet.ordering import make_order

    return make_order(catalog, **order_data(doctype, **fields))


def rest(method, url, user=None, **kwargs):
    import requests

    headers = {"Accept": "application/json"}
    headers.update(kwargs.pop("headers", {}))
    if "json" in kwargs:
        headers["Content-Type"] = "application/json"
    auth = (user, PASSWORD) if user else None
    return requests.request(method, url, headers=headers, auth=auth, timeout=60, **kwargs)


def order_json(doctype, **fields):
    data = {"@type": "DocumentOrder"}
    data.update(order_data(doctype, **fields))
    return data


def orders_in(catalog):
    import transaction

    transaction.begin()
    return [obj for obj in catalog.objectValues() if obj.portal_type == "DocumentOrder"]
