"""The "Identity providers" control panel: one row a provider (posted as a browser without
JavaScript does), the registry record and ``@controlpanels/identity-providers`` keep the
JSON list; a wrong issuer, level or identifier is refused beside its cell, nothing is lost;
citizens cannot read nor change it."""

from communesplone.eid.oidc_settings import parse_providers
from communesplone.eid.provider_rows import to_row
from communesplone.eid.provider_rows import to_stored
from formposts import AUTH
from formposts import form_values
from formposts import save
from plone import api
from plone.app.testing import TEST_USER_NAME
from plone.app.testing import TEST_USER_PASSWORD

import html
import json
import pytest
import requests
import transaction

RECORD = "communesplone.eid.oidc.providers"
FAS = {"id": "fas", "title": "CSAM (itsme, eID, TOTP)",
       "issuer": "https://idp.iamfas.belgium.be/fas/oauth2",
       "client_id": "namur-client", "client_secret": "s3cret-value",
       "scopes": ["openid", "profile", "egovnrn"],
       "acr_levels": {"urn:be:fedict:iam:fas:Level500": "high",
                      "urn:be:fedict:iam:fas:Level400": "substantial"},
       "attribute_map": {"givenName": "given_names", "surname": "surname",
                         "egovNRN": "national_number"},
       "enabled": True}
#: written before the rows, without the keys that have a default
SHORT = {"id": "keycloak", "title": "Keycloak", "issuer": "https://sso.namur.be/realms/c",
         "client_id": "plone", "client_secret": "other", "acr_levels": {"gold": "high"},
         "enabled": False}
CELL = "form.widgets.providers.{}.widgets.{}"


def _record(site_url):
    """The record as the server holds it (read through REST: the test's own connection
    may keep the registry it read before)."""
    answer = requests.get(f"{site_url}/@controlpanels/identity-providers", auth=AUTH,
                          headers={"Accept": "application/json"}, timeout=60)
    return answer.json()["data"]["providers"]


def _configs(text):
    return [(config, enabled) for config, enabled in parse_providers(text)]


@pytest.fixture
def site_url(functional):
    api.portal.set_registry_record(RECORD, json.dumps([FAS, SHORT]))
    transaction.commit()
    return functional["portal"].absolute_url()


def test_a_provider_comes_back_from_its_row_meaning_the_same():
    stored = to_stored(to_row(FAS))
    assert _configs(json.dumps([stored])) == _configs(json.dumps([FAS]))
    assert {key: stored[key] for key in FAS} == FAS
    assert _configs(json.dumps([to_stored(to_row(SHORT))])) == _configs(json.dumps([SHORT]))


def test_the_form_shows_rows_keeps_them_and_refuses_a_bad_cell(site_url):
    url = f"{site_url}/@@oidc-controlpanel"
    page = requests.get(url, auth=AUTH, timeout=60, headers={"Accept-Language": "fr"})
    assert page.status_code == 200
    form = form_values(page.text)
    assert form[CELL.format(0, "issuer")] == FAS["issuer"]
    assert "urn:be:fedict:iam:fas:Level500 = high" in form[CELL.format(0, "acr_levels")]
    assert form[CELL.format(1, "id")] == "keycloak"
    before = _configs(_record(site_url))
    answer = save(url, form)
    assert "Il y a des erreurs" not in answer.text, answer.text[-2000:]
    after = _record(site_url)
    assert _configs(after) == before
    assert isinstance(json.loads(after), list)
    for column, value, message in (
            ("issuer", "http://evil.example", "Le fournisseur (issuer) est une adresse https"),
            ("acr_levels", "urn:x = platinum", "Une ligne par valeur acr"),
            ("id", "keycloak", "Un autre fournisseur plus haut a déjà cet identifiant"),
            ("timeout", "abc", "Un nombre de secondes")):
        row = 1 if column == "id" else 0
        if column == "id":
            changes = {CELL.format(0, "id"): "keycloak", CELL.format(1, "id"): "keycloak"}
        else:
            changes = {CELL.format(row, column): value}
        answer = save(url, form, **changes)
        text = html.unescape(answer.text)
        cell = text.index(f'id="formfield-form-widgets-providers-{row}-widgets-{column}"')
        assert message in text[cell:cell + 2500], (column, text[cell:cell + 2500])
        assert value in text[cell:cell + 2500]  # what was typed is kept
        assert _configs(_record(site_url)) == before
    # a change is saved in the record's JSON, read by the login as before
    answer = save(url, form, **{CELL.format(1, "title"): "Keycloak de la ville"})
    assert "Il y a des erreurs" not in answer.text
    [fas, keycloak] = json.loads(_record(site_url))
    assert keycloak["title"] == "Keycloak de la ville" and keycloak["enabled"] is False
    assert fas["client_secret"] == "s3cret-value"


def test_rest_keeps_the_json_and_refuses_a_bad_one(site_url):
    endpoint = f"{site_url}/@controlpanels/identity-providers"
    headers = {"Accept": "application/json", "Accept-Language": "fr"}
    read = requests.get(endpoint, auth=AUTH, headers=headers, timeout=60)
    assert json.loads(read.json()["data"]["providers"]) == [FAS, SHORT]
    bad = [dict(FAS, issuer="http://evil.example")]
    answer = requests.patch(endpoint, auth=AUTH, headers=headers, timeout=60,
                            json={"providers": json.dumps(bad)})
    assert answer.status_code == 400
    assert "https" in answer.text
    assert json.loads(_record(site_url)) == [FAS, SHORT]


@pytest.mark.parametrize("auth", [None, (TEST_USER_NAME, TEST_USER_PASSWORD)],
                         ids=["anonymous", "member"])
def test_citizens_cannot_read_nor_change_the_providers(site_url, auth):
    url = f"{site_url}/@@oidc-controlpanel"
    page = requests.get(url, auth=auth, timeout=60, allow_redirects=False)
    assert page.status_code in (302, 401)
    assert "s3cret-value" not in page.text
    answer = requests.post(url, auth=auth, timeout=60, allow_redirects=False, data={
        CELL.format(0, "id"): "evil", CELL.format(0, "issuer"): "https://evil.example",
        "form.widgets.providers.count": "1", "form.buttons.save": "Enregistrer"})
    assert answer.status_code in (302, 401, 403)
    assert json.loads(_record(site_url)) == [FAS, SHORT]


def test_a_provider_is_added_without_javascript(site_url):
    url = f"{site_url}/@@oidc-controlpanel"
    form = form_values(requests.get(url, auth=AUTH, timeout=60).text)
    answer = save(url, form, **{
        CELL.format("AA", "id"): "itsme", CELL.format("AA", "title"): "itsme",
        CELL.format("AA", "issuer"): "https://idp.itsme.be",
        CELL.format("AA", "client_id"): "namur", CELL.format("AA", "client_secret"): "x",
        CELL.format("AA", "acr_levels"): "http://itsme.services/v2/claim/acr_advanced = high"})
    assert "Il y a des erreurs" not in answer.text
    [fas, keycloak, itsme] = json.loads(_record(site_url))
    assert {key: fas[key] for key in FAS} == FAS and keycloak["id"] == "keycloak"
    assert itsme["issuer"] == "https://idp.itsme.be"
    assert itsme["acr_levels"] == {"http://itsme.services/v2/claim/acr_advanced": "high"}
    [(config, enabled)] = _configs(json.dumps([itsme]))
    assert enabled and config.id == "itsme"
