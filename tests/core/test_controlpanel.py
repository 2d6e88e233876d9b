"""The Commune control panel: the Site Setup form and ``@controlpanels/commune``.

Each permission is tried from the side of who must not get through.
"""

from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.app.testing import TEST_USER_NAME
from plone.app.testing import TEST_USER_PASSWORD
from plone.app.testing import setRoles

import pytest
import requests
import transaction


@pytest.fixture
def site_url(functional):
    return functional["portal"].absolute_url()


def rest(site_url, method, path, auth=None, **kwargs):
    return requests.request(
        method, f"{site_url}/{path}", auth=auth,
        headers={"Accept": "application/json"}, timeout=60, **kwargs,
    )


def test_listed_in_controlpanels(site_url):
    response = rest(site_url, "GET", "@controlpanels", auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD))
    assert response.status_code == 200
    assert "commune" in {panel["@id"].rsplit("/", 1)[-1] for panel in response.json()}


def test_read_and_write_through_rest(site_url, functional):
    auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    response = rest(site_url, "GET", "@controlpanels/commune", auth=auth)
    assert response.status_code == 200
    assert "commune_name" in response.json()["schema"]["properties"]

    response = rest(
        site_url, "PATCH", "@controlpanels/commune", auth=auth,
        json={"commune_name": "Ville de Namur", "iban": "BE71 0961 2345 6769",
              "nis_code": "92094", "languages": ["fr", "nl"]},
    )
    assert response.status_code == 204, response.text
    transaction.begin()
    assert api.portal.get_registry_record("communesplone.core.commune_name") == "Ville de Namur"
    assert api.portal.get_registry_record("communesplone.core.languages") == ["fr", "nl"]


def test_invalid_iban_refused_with_message(site_url):
    response = rest(
        site_url, "PATCH", "@controlpanels/commune",
        auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD), json={"iban": "BE68539007547035"},
    )
    assert response.status_code == 400
    assert "IBAN" in response.text
    transaction.begin()
    assert api.portal.get_registry_record("communesplone.core.iban") != "BE68539007547035"


@pytest.mark.parametrize("auth", [None, (TEST_USER_NAME, TEST_USER_PASSWORD)],
                         ids=["anonymous", "member"])
def test_refused_to_who_is_not_site_administrator(site_url, auth):
    assert rest(site_url, "GET", "@controlpanels/commune", auth=auth).status_code == 401
    patched = rest(site_url, "PATCH", "@controlpanels/commune", auth=auth,
                   json={"commune_name": "Pirate"})
    assert patched.status_code == 401
    form = requests.get(f"{site_url}/@@commune-controlpanel", auth=auth, timeout=60,
                        allow_redirects=False)
    assert form.status_code in (302, 401)
    transaction.begin()
    assert api.portal.get_registry_record("communesplone.core.commune_name") != "Pirate"


def test_site_administrator_may_edit(functional, site_url):
    portal = functional["portal"]
    portal.acl_users.userFolderAddUser("siteadmin", "secret-Admin-1", [], [])
    setRoles(portal, "siteadmin", ["Site Administrator"])
    transaction.commit()
    response = rest(site_url, "PATCH", "@controlpanels/commune",
                    auth=("siteadmin", "secret-Admin-1"), json={"phone": "+32 81 24 60 00"})
    assert response.status_code == 204, response.text


def test_invalid_nis_code_refused(site_url):
    response = rest(
        site_url, "PATCH", "@controlpanels/commune",
        auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD), json={"nis_code": "9209"},
    )
    assert response.status_code == 400
    assert "NIS" in response.text


def test_closing_days_through_rest_and_bad_lines_refused(site_url):
    auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    response = rest(site_url, "PATCH", "@controlpanels/commune", auth=auth,
                    json={"closing_days": ["26/12", "02/11", "27/09/2027"]})
    assert response.status_code == 204, response.text
    for bad in ("31/02", "26-12", "2/13/2027", "Noël"):
        response = rest(site_url, "PATCH", "@controlpanels/commune", auth=auth,
                        json={"closing_days": ["15/11", bad]})
        assert response.status_code == 400, bad
        assert f'"{bad}" is not a day: write 26/12 (every year)' in response.json()["message"]
    transaction.begin()
    assert api.portal.get_registry_record("communesplone.core.closing_days") == [
        "26/12", "02/11", "27/09/2027"]


def test_closing_days_in_the_site_setup_form(functional, site_url):
    """The form of Site Setup: one day a line; a bad line gets the message, kept."""
    import re

    auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    session = requests.Session()
    session.auth = auth
    page = session.get(f"{site_url}/@@commune-controlpanel", timeout=60)
    assert page.status_code == 200
    assert 'name="form.widgets.closing_days"' in page.text
    fields = dict(re.findall(r'<input[^>]*name="(_authenticator)"[^>]*value="([^"]*)"',
                             page.text))
    base = {**fields, "form.widgets.commune_name": "Commune de Démo",
            "form.widgets.languages:list": "fr", "form.widgets.languages-empty-marker": "1",
            "form.widgets.assurance_lifetime_low": "240",
            "form.widgets.assurance_lifetime_substantial": "60",
            "form.widgets.assurance_lifetime_high": "30", "form.buttons.save": "Save"}
    refused = session.post(f"{site_url}/@@commune-controlpanel", timeout=60,
                           data={**base, "form.widgets.closing_days": "26/12\n31/02"})
    assert '"31/02" is not a day: write 26/12 (every year)' in refused.text
    assert "26/12\n31/02</textarea>" in refused.text  # what was typed is kept
    saved = session.post(f"{site_url}/@@commune-controlpanel", timeout=60,
                         data={**base, "form.widgets.closing_days": "26/12\n15/11"})
    assert saved.status_code == 200
    transaction.begin()
    assert api.portal.get_registry_record("communesplone.core.closing_days") == [
        "26/12", "15/11"]
