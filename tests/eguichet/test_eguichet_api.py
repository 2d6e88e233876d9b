"""REST: POST an order to the catalog, server fields, 400s, @my-orders, @workflow."""

from eguichethelpers import order_json
from eguichethelpers import orders_in
from eguichethelpers import rest
from plone import api

import pytest
import transaction


def test_post_order_and_read_it_back(live):
    answer = rest("POST", live.url, "alice", json=order_json(live.residence, quantity=2,
                                                             delivery_method="post"))
    assert answer.status_code == 201, answer.text
    data = answer.json()
    assert data["@type"] == "DocumentOrder"
    assert data["reference"].endswith("-000001")
    assert data["total"] == 11.5 and data["payment_status"]["token"] == "unpaid"
    assert data["review_state"] == "awaiting_payment"
    assert data["structured_communication"].startswith("+++")
    assert "internal_notes" not in data  # the service's notes are not the applicant's
    again = rest("GET", data["@id"], "alice")
    assert again.status_code == 200
    assert again.json()["reference"] == data["reference"]


@pytest.mark.parametrize("field, value", [
    ("reference", "2020-000001"), ("total", 0), ("payment_status", "paid"),
    ("review_state", "delivered"), ("structured_communication", "+++000/0000/00097+++"),
    ("unit_price", 0.0),
])
def test_server_fields_are_refused(live, field, value):
    answer = rest("POST", live.url, "alice", json=order_json(live.residence, **{field: value}))
    assert answer.status_code == 400, answer.text
    error = answer.json()["error"]
    assert error["type"] == "ValidationError"
    assert [item["field"] for item in error["errors"]] == [field]
    assert orders_in(live.catalog) == []


@pytest.mark.parametrize("fields, bad", [
    ({"quantity": 0}, "quantity"),
    ({"quantity": 6}, "quantity"),
    ({"answers": {}}, "answers.purpose"),
    ({"answers": {"purpose": "spy"}}, "answers.purpose"),
    ({"applicant_email": "not-an-address"}, "applicant_email"),
    ({"delivery_method": "fax"}, "delivery_method"),
])
def test_bad_input_answers_400_and_saves_nothing(live, fields, bad):
    answer = rest("POST", live.url, "alice", json=order_json(live.residence, **fields))
    assert answer.status_code == 400, answer.text
    error = answer.json()["error"]
    assert error["type"] == "ValidationError"
    assert bad in [item["field"] for item in error["errors"]]
    assert all(item["message"] for item in error["errors"])
    assert orders_in(live.catalog) == []


def test_delivery_method_not_offered(live):
    answer = rest("POST", live.url, "alice",
                  json=order_json(live.regulation, delivery_method="pickup"))
    assert answer.status_code == 400
    [item] = answer.json()["error"]["errors"]
    assert item["field"] == "delivery_method" and "email, post" in item["message"]


def test_messages_are_translated(live):
    """A bilingual commune negotiates the language from the request (Accept-Language)."""
    api.portal.set_registry_record("plone.available_languages", ["fr", "nl", "en"])
    api.portal.set_registry_record("plone.use_request_negotiation", True)
    transaction.commit()
    dutch = rest("POST", live.url, "alice", json=order_json(live.residence, quantity=0),
                 headers={"Accept-Language": "nl"})
    [nl] = [i["message"] for i in dutch.json()["error"]["errors"] if i["field"] == "quantity"]
    assert nl == "Bestel tussen 1 en 5 exemplaren."
    answer = rest("POST", live.url, "alice", json=order_json(live.residence, quantity=0),
                  headers={"Accept-Language": "fr"})
    assert answer.status_code == 400
    english = rest("POST", live.url, "alice", json=order_json(live.residence, quantity=0),
                   headers={"Accept-Language": "en"})
    [fr] = [i["message"] for i in answer.json()["error"]["errors"] if i["field"] == "quantity"]
    [en] = [i["message"] for i in english.json()["error"]["errors"] if i["field"] == "quantity"]
    assert en == "Order between 1 and 5 copies."
    assert fr == "Commandez entre 1 et 5 exemplaires."


def test_assurance_below_the_type_answers_401(live):
    answer = rest("POST", live.url, "alice", json=order_json(
        live.birth, answers={"person": {"name": "Alice", "birth_date": "1990-01-01"}}))
    assert answer.status_code == 401, answer.text
    assert orders_in(live.catalog) == []


def test_anonymous_may_only_order_anyones_documents(live):
    refused = rest("POST", live.url, json=order_json(live.residence))
    assert refused.status_code == 401
    made = rest("POST", live.url, json=order_json(live.regulation, answers={}))
    assert made.status_code == 201, made.text
    [order] = orders_in(live.catalog)
    data = made.json()
    assert data["reference"] == order.reference and data["total"] == 2.0
    assert data["tracking_url"].endswith(f"token={order._tracking_token}")
    assert "internal_notes" not in data  # their own data only, not the service's
    # the same order read again by anonymous: nothing
    assert rest("GET", order.absolute_url()).status_code == 401
    assert order.get_local_roles_for_userid("Anonymous User") == ()
    assert len(order._tracking_token) >= 40


def test_my_orders(live):
    for user in ("alice", "bob"):
        assert rest("POST", live.url, user, json=order_json(
            live.residence, applicant_email=f"{user}@example.org")).status_code == 201
    mine = rest("GET", f"{live.portal.absolute_url()}/@my-orders", "alice")
    assert mine.status_code == 200
    items = mine.json()["items"]
    assert len(items) == 1 and items[0]["reference"].endswith("-000001")
    assert rest("GET", f"{live.portal.absolute_url()}/@my-orders").status_code == 401


def test_workflow_for_staff_only(live):
    made = rest("POST", live.url, "alice", json=order_json(live.regulation, answers={}))
    url = made.json()["@id"]
    for user in ("bob", "cedric", None):  # cannot even see it
        answer = rest("POST", f"{url}/@workflow/take", user)
        assert answer.status_code in (401, 403, 404), (user, answer.status_code)
        assert "reference" not in answer.text
    own = rest("POST", f"{url}/@workflow/take", "alice")  # sees it, may not process it
    assert own.status_code == 400 and own.json()["error"]["type"] == "WorkflowException"
    transaction.begin()
    assert api.content.get_state(orders_in(live.catalog)[0]) == "submitted"
    taken = rest("POST", f"{url}/@workflow/take", "paula")
    assert taken.status_code == 200, taken.text
    no_reason = rest("POST", f"{url}/@workflow/reject", "paula", json={})
    assert no_reason.status_code == 400, no_reason.text
    assert no_reason.json()["error"]["errors"][0]["field"] == "comment"
    rejected = rest("POST", f"{url}/@workflow/reject", "paula",
                    json={"comment": "Document inexistant"})
    assert rejected.status_code == 200, rejected.text
    transaction.begin()
    [order] = orders_in(live.catalog)
    assert api.content.get_state(order) == "rejected"
    assert order.rejection_reason == "Document inexistant"
    assert order.assignee == "paula"


def test_patch(live):
    made = rest("POST", live.url, "alice", json=order_json(live.regulation, answers={}))
    url = made.json()["@id"]
    own = rest("PATCH", url, "alice", json={"applicant_name": "Changed"})
    assert own.status_code in (401, 403)
    paid = rest("PATCH", url, "paula", json={"payment_status": "paid"})
    assert paid.status_code == 400
    assert paid.json()["error"]["errors"][0]["field"] == "payment_status"
    notes = rest("PATCH", url, "paula", json={"internal_notes": "Appelée le 3/3"})
    assert notes.status_code == 204, notes.text
    transaction.begin()
    [order] = orders_in(live.catalog)
    assert order.internal_notes == "Appelée le 3/3"
    assert order.applicant_name == "Alice Martin" and order.payment_status == "unpaid"
    assert rest("GET", url, "paula").json()["internal_notes"] == "Appelée le 3/3"
    assert "internal_notes" not in rest("GET", url, "alice").json()


def test_patch_delivered_file_is_checked(live):
    """The delivered PDF's checks hold over REST too: not a PDF, larger than the limit."""
    import base64

    api.portal.set_registry_record("communesplone.eguichet.max_upload_mb", 1)
    transaction.commit()
    made = rest("POST", live.url, "alice", json=order_json(live.regulation, answers={}))
    url = made.json()["@id"]

    def upload(data):
        return rest("PATCH", url, "paula", json={"delivered_file": {
            "data": base64.b64encode(data).decode(), "encoding": "base64",
            "filename": "certificat.pdf", "content-type": "application/pdf"}})

    not_pdf = upload(b"GIF89a, not a PDF")
    assert not_pdf.status_code == 400, not_pdf.text
    assert not_pdf.json()["error"]["errors"][0]["field"] == "delivered_file"
    too_large = upload(b"%PDF-1.7\n" + b"0" * (1024 * 1024 + 1))
    assert too_large.status_code == 400
    assert "1 MB" in too_large.json()["error"]["errors"][0]["message"]
    transaction.begin()
    [order] = orders_in(live.catalog)
    assert order.delivered_file is None
    fine = upload(b"%PDF-1.7\n%%EOF\n")
    assert fine.status_code == 204, fine.text
