"""Identity assurance: the type's level is required; a certified identity fills and locks
the applicant's name and birth date. With core's ``certify()`` and, end to end, an eID
login through communesplone.eid."""

from communesplone.core.assurance import certify
from communesplone.core.assurance import InsufficientAssurance
from datetime import date
from eguichethelpers import order
from eguichethelpers import order_json
from eguichethelpers import orders_in
from eguichethelpers import PASSWORD
from plone import api

import pytest
import requests
import transaction

PERSON = {"person": {"name": "Léa Martin", "birth_date": "2019-05-04"}}


def _certify(request, level, user_id="alice"):
    return certify(request, user_id=user_id, level=level, provider="test",
                   provider_title="Test provider", given_names="Alice Marie",
                   surname="Martin", national_number="85073003328")


def test_without_assurance_the_order_is_refused(site):
    with api.env.adopt_user("alice"), pytest.raises(InsufficientAssurance) as info:
        order(site.catalog, site.birth, answers=PERSON)
    # alice's password account (confirmed e-mail address) is "low" (docs/eid.md)
    assert info.value.required_level == "high" and info.value.reason == "insufficient_level"
    assert info.value.current.level == "low"
    assert orders_in(site.catalog) == []


def test_a_lower_level_is_refused(site):
    with api.env.adopt_user("alice"):
        _certify(site.portal.REQUEST, "substantial")
        with pytest.raises(InsufficientAssurance) as info:
            order(site.catalog, site.birth, answers=PERSON)
    assert info.value.reason == "insufficient_level"


def test_certified_identity_fills_and_locks_the_applicant(site):
    with api.env.adopt_user("alice"):
        _certify(site.portal.REQUEST, "high")
        made = order(site.catalog, site.birth, answers=PERSON,
                     applicant_name="Mallory Impostor")
    assert made.applicant_name == "Alice Marie Martin"  # not what the form said
    assert made.applicant_birth_date == date(1985, 7, 30)
    assert made._national_number == "85073003328"
    assert made.assurance["level"] == "high" and made.assurance["provider"] == "test"
    assert "national_number" not in made.assurance
    assert made.answers == {"person": {"name": "Léa Martin", "birth_date": "2019-05-04"}}
    assert made.get_local_roles_for_userid("communesplone-civil-status") == ("Reviewer",)
    assert made.get_local_roles_for_userid("communesplone-population") == ()


def test_order_page_masks_the_number_for_the_applicant(site):
    from communesplone.eguichet.browser.order import OrderView

    with api.env.adopt_user("alice"):
        _certify(site.portal.REQUEST, "high")
        made = order(site.catalog, site.birth, answers=PERSON)
        mine = {row["value"] for row in OrderView(made, site.portal.REQUEST).applicant()}
    with api.env.adopt_user("cedric"):
        staff = {row["value"] for row in OrderView(made, site.portal.REQUEST).applicant()}
    assert "85.07.30-xxx.xx" in mine and "85.07.30-033.28" not in mine
    assert "85.07.30-033.28" in staff


def test_browser_form_shows_the_step_up_page(live):
    page = requests.get(f"{live.birth.absolute_url()}/@@order", auth=("alice", PASSWORD),
                        timeout=60)
    assert page.status_code == 401
    assert "Belgian eID card" in page.text  # the step-up page offers the eID
    assert 'name="applicant_name"' not in page.text


def test_rest_answers_401_json_with_the_reason(live):
    answer = requests.post(live.url, auth=("alice", PASSWORD), timeout=60,
                           headers={"Accept": "application/json"},
                           json=order_json(live.birth, answers=PERSON))
    assert answer.status_code == 401
    error = answer.json()["error"]
    assert error["type"] == "InsufficientAssurance"
    assert error["required_level"] == "high" and error["reason"] == "insufficient_level"
    assert error["current_level"] == "low"  # a password account (docs/eid.md)
    assert orders_in(live.catalog) == []


# --- end to end with the eID card --------------------------------------------------


@pytest.fixture
def eid_site(live, tmp_path):
    from communesplone.eid.testing_pki import pem
    from communesplone.eid.testing_pki import TestPKI
    from communesplone.eid.verification import clear_caches

    pki = TestPKI()
    files = pki.write_files(tmp_path)
    api.portal.set_registry_record("communesplone.eid.trust_anchors", pem(pki.root.certificate))
    api.portal.set_registry_record("communesplone.eid.intermediate_certificates",
                                   pem(pki.citizen_ca.certificate))
    api.portal.set_registry_record("communesplone.eid.crl_files", [str(files["crl.pem"])])
    api.portal.set_registry_record("communesplone.eid.check_revocation", True)
    transaction.commit()
    clear_caches()
    yield live, pki
    clear_caches()


def test_order_with_the_eid_card(eid_site):
    from communesplone.eid.testing_pki import nginx_escaped

    live, pki = eid_site
    portal_url = live.portal.absolute_url()
    leaf = pki.issue_leaf("Jan Pieter", "Specimen", "85073003328")
    session = requests.Session()
    login = session.get(f"{portal_url}/@@eid-login", allow_redirects=False, timeout=60,
                        headers={"X-Client-Cert": nginx_escaped(leaf),
                                 "X-Eid-Proxy-Secret": api.portal.get_registry_record(
                                     "communesplone.eid.proxy_secret")})
    assert login.status_code == 302, login.text
    form = session.get(f"{live.birth.absolute_url()}/@@order", timeout=60)
    assert form.status_code == 200
    assert 'value="Jan Pieter Specimen"' in form.text and "readonly" in form.text
    answer = session.post(live.url, timeout=60, headers={"Accept": "application/json"},
                          json=order_json(live.birth, answers=PERSON,
                                          applicant_name="Someone Else",
                                          applicant_email="jan@example.org"))
    assert answer.status_code == 201, answer.text
    data = answer.json()
    assert data["applicant_name"] == "Jan Pieter Specimen"
    assert data["applicant_birth_date"] == "1985-07-30"
    assert data["assurance"]["provider"] == "eid" and data["assurance"]["level"] == "high"
    mine = session.get(f"{portal_url}/@my-orders", timeout=60,
                       headers={"Accept": "application/json"}).json()
    assert [item["reference"] for item in mine["items"]] == [data["reference"]]
