"""REST: create and read entries with the issue's field ids; 400 per field; who sees what."""

from directoryhelpers import CATEGORIES
from directoryhelpers import HOURS
from directoryhelpers import entries_of
from directoryhelpers import make_business
from directoryhelpers import rest
from plone import api

import transaction

FULL = {
    "@type": "Business",
    "title": "Boulangerie Dubois",
    "description": "Pain au levain et viennoiseries",
    "text": {"data": "<p>Depuis 1952.</p>", "content-type": "text/html"},
    "enterprise_number": "0403.019.261",
    "categories": [CATEGORIES[0]],
    "street": "Rue de Fer", "number": "25", "box": "2", "postcode": "5000",
    "locality": "Namur", "latitude": 50.4669, "longitude": 4.8675,
    "phone": "+32 81 24 60 11", "email": "info@dubois.be",
    "website": "https://www.dubois.be",
    "social_links": ["https://www.facebook.com/dubois"],
    "languages": ["fr", "nl"],
    "opening_hours": HOURS,
    "accessibility": ["wheelchair"],
    "payment_methods": ["cash", "bancontact"],
    "translations": {"nl": {"title": "Bakkerij Dubois", "description": "Zuurdesembrood"}},
}


def test_editor_creates_with_every_field(live):
    answer = rest("POST", live["url"], "eva", json=FULL)
    assert answer.status_code == 201, answer.text
    data = answer.json()
    for name in ("enterprise_number", "categories", "street", "number", "box", "postcode",
                 "locality", "latitude", "longitude", "phone", "email", "website",
                 "opening_hours"):
        value = data[name]
        if name == "categories":
            value = [item["token"] if isinstance(item, dict) else item for item in value]
            assert value in ([CATEGORIES[0]], [CATEGORIES[0].encode().hex()])
        else:
            assert value == FULL[name], name
    assert data["review_state"] == "private"
    transaction.begin()
    business = live["directory"]["boulangerie-dubois"]
    assert business.categories == [CATEGORIES[0]]
    assert business.translated("title", "nl") == "Bakkerij Dubois"
    assert business.translated("title", "de") == "Boulangerie Dubois"  # fallback
    assert business.translated("text", "nl") == "<p>Depuis 1952.</p>"


def test_bad_input_answers_400_per_field_and_saves_nothing(live):
    bad = dict(FULL, enterprise_number="0403019262", postcode="500", email="info@",
               website="www.dubois", latitude=91.0, longitude=-181.0,
               opening_hours={"weekly": {"monday": [["18:00", "09:00"]]}})
    answer = rest("POST", live["url"], "eva", json=bad)
    assert answer.status_code == 400, answer.text
    error = answer.json()["error"]
    assert error["type"] == "ValidationError"
    fields = {item["field"]: item["message"] for item in error["errors"]}
    assert set(fields) == {"enterprise_number", "postcode", "email", "website", "latitude",
                           "longitude", "opening_hours"}
    assert "0403.019.261" in fields["enterprise_number"]
    assert "ends before it starts" in fields["opening_hours"]
    transaction.begin()
    assert entries_of(live["directory"]) == []


def test_members_cannot_create_nor_see_unpublished(live):
    answer = rest("POST", live["url"], "alice", json=FULL)
    assert answer.status_code in (401, 403)
    assert rest("POST", live["url"], None, json=FULL).status_code == 401
    pending = make_business(live["directory"], "en-attente", state="pending")
    rejected = make_business(live["directory"], "refusee", state="rejected")
    published = make_business(live["directory"], "publiee")
    transaction.commit()
    for obj in (pending, rejected):
        assert rest("GET", obj.absolute_url()).status_code == 401
        assert rest("GET", obj.absolute_url(), "bob").status_code in (401, 403)
        assert rest("GET", obj.absolute_url(), "eva").status_code == 200
    answer = rest("GET", published.absolute_url())
    assert answer.status_code == 200
    assert answer.json()["postcode"] == "5000"
    assert "submitter_email" not in answer.json()
    found = rest("GET", f"{live['portal'].absolute_url()}/@search?portal_type=Business")
    assert [item["@id"] for item in found.json()["items"]] == [published.absolute_url()]


def test_owner_edits_only_their_own_entry(live):
    own = make_business(live["directory"], "chez-alice", owner="alice")
    other = make_business(live["directory"], "chez-bob", owner="bob")
    transaction.commit()
    answer = rest("PATCH", own.absolute_url(), "alice", json={"phone": "+32 81 00 00 00"})
    assert answer.status_code == 204, answer.text
    answer = rest("PATCH", other.absolute_url(), "alice", json={"phone": "+32 81 00 00 00"})
    assert answer.status_code in (401, 403)
    transaction.begin()
    assert own.phone == "+32 81 00 00 00"
    assert other.phone == ""
    # the directory moderates owners' changes: back to pending, not public
    assert api.content.get_state(obj=own) == "pending"
    assert rest("GET", own.absolute_url()).status_code == 401
    # an owner cannot give a reserved category nor set reserved fields
    answer = rest("PATCH", own.absolute_url(), "alice",
                  json={"categories": ["Label > Commerce équitable"]})
    assert answer.status_code == 400, answer.text
    answer = rest("PATCH", own.absolute_url(), "alice",
                  json={"submitter_email": "x@example.org", "review_state": "published"})
    transaction.begin()
    assert own.submitter_email == ""
    assert api.content.get_state(obj=own) == "pending"
    # JSON that cannot be read: a message, not a server error
    answer = rest("PATCH", own.absolute_url(), "alice", json={"opening_hours": "{bad"})
    assert answer.status_code == 400, answer.text
    assert answer.json()["error"]["errors"][0]["field"] == "opening_hours"


def test_editor_edit_stays_published(live):
    business = make_business(live["directory"], "chez-eva")
    transaction.commit()
    answer = rest("PATCH", business.absolute_url(), "eva",
                  json={"categories": ["Label > Commerce équitable"]})
    assert answer.status_code == 204, answer.text
    transaction.begin()
    assert api.content.get_state(obj=business) == "published"
    assert business.categories == ["Label > Commerce équitable"]
