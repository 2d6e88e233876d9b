"""Content: order made through the API, snapshot, reference, workflow, local roles."""

from eguichethelpers import order
from plone import api

import pytest


def test_order_snapshot_and_reference(site):
    with api.env.adopt_user("alice"):
        made = order(site.catalog, site.residence, quantity=2, delivery_method="post")
    year = made.reference[:4]
    assert made.reference == f"{year}-000001"
    assert made.getId().startswith("order-") and made.Title() == made.reference
    assert made.document_title == "Certificat de résidence"
    assert made.unit_price == 5.0 and made.delivery_fee == 1.5 and made.total == 11.5
    assert made.payment_status == "unpaid"
    assert made.structured_communication == f"+++{year[:3]}/{year[3]}000/00194+++" or \
        made.structured_communication.startswith(f"+++{year[:3]}/{year[3]}000/001")
    assert api.content.get_state(made) == "awaiting_payment"
    assert made.get_local_roles_for_userid("alice") == ("Owner",)
    assert made.get_local_roles_for_userid("communesplone-population") == ("Reviewer",)
    second = None
    with api.env.adopt_user("bob"):
        second = order(site.catalog, site.residence, applicant_email="bob@example.org")
    assert second.reference == f"{year}-000002"


def test_free_order_goes_straight_to_submitted(site):
    with api.env.adopt_user("alice"):
        made = order(site.catalog, site.regulation, delivery_method="email")
    assert made.total == 2.0
    assert api.content.get_state(made) == "submitted"  # pay later: processing first


@pytest.mark.parametrize("fields, bad", [
    ({"quantity": 0}, "quantity"),
    ({"quantity": 6}, "quantity"),
    ({"delivery_method": "pickup"}, "delivery_method"),
    ({"answers": {}}, "answers.purpose"),
    ({"answers": {"purpose": "holiday"}}, "answers.purpose"),
    ({"answers": {"purpose": "school", "colour": "red"}}, "answers.colour"),
])
def test_bad_orders_leave_nothing(site, fields, bad):
    from communesplone.eguichet.errors import OrderInvalid

    doctype = site.regulation if bad == "delivery_method" else site.residence
    if bad == "delivery_method":
        fields = dict(fields, answers={})
    with api.env.adopt_user("alice"), pytest.raises(OrderInvalid) as info:
        order(site.catalog, doctype, **fields)
    assert bad in [field for field, _m in info.value.errors]
    assert [o for o in site.catalog.objectValues() if o.portal_type == "DocumentOrder"] == []


@pytest.mark.parametrize("fields", [
    [{"name": "Bad Name", "type": "text", "label": "x"}],
    [{"name": "a", "type": "colour", "label": "x"}],
    [{"name": "a", "type": "choice", "label": "x"}],
    [{"name": "a", "type": "text", "label": "x"}, {"name": "a", "type": "date", "label": "y"}],
    [{"name": "a", "type": "text", "label": "x", "required": "yes"}],
    [{"name": "a", "type": "text"}],
])
def test_order_fields_are_validated(fields):
    from communesplone.eguichet.content.document_type import IDocumentType
    from communesplone.eguichet.fields import InvalidOrderFields

    with pytest.raises(InvalidOrderFields) as info:
        IDocumentType["order_fields"].validate(fields)
    assert info.value.doc().default.startswith("The fields of the order are not valid")


def test_good_order_fields_pass():
    from communesplone.eguichet.content.document_type import IDocumentType
    from eguichethelpers import BIRTH_FIELDS
    from eguichethelpers import RESIDENCE_FIELDS

    IDocumentType["order_fields"].validate(RESIDENCE_FIELDS + BIRTH_FIELDS)


def test_answers_of_each_type(site):
    from communesplone.eguichet.fields import validate_answers
    from datetime import date
    from eguichethelpers import BIRTH_FIELDS

    cleaned, errors = validate_answers(BIRTH_FIELDS, {
        "person": {"name": " Léa ", "birth_date": "2019-05-04"},
        "event_date": "2019-05-04", "copies_for": "2"}, today=date(2026, 1, 1))
    assert errors == []
    assert cleaned == {"person": {"name": "Léa", "birth_date": "2019-05-04"},
                       "event_date": "2019-05-04", "copies_for": 2}
    _cleaned, errors = validate_answers(BIRTH_FIELDS, {
        "person": {"name": "Léa"}, "event_date": "2030-01-01", "copies_for": 9},
        today=date(2026, 1, 1))
    assert [field for field, _m in errors] == ["answers.person", "answers.event_date",
                                               "answers.copies_for"]


def test_edit_form_renders_for_a_manager(live):
    """(``++add++<type>`` answers 404 on this test stack for every type, Plone's
    Document included: reported to the lead, see docs/eguichet.md.)"""
    from plone.app.testing import SITE_OWNER_NAME
    from plone.app.testing import SITE_OWNER_PASSWORD

    import requests

    auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    edit = requests.get(f"{live.residence.absolute_url()}/@@edit", auth=auth, timeout=60)
    assert edit.status_code == 200, edit.text[:500]
    assert "form.widgets.order_fields" in edit.text and "purpose" in edit.text
