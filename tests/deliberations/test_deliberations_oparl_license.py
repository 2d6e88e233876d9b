"""OParl's ``license``: the commune's open data licence (Commune control panel, CC BY
4.0 by default) on the system, the body and every object, validated against the
official OParl 1.1 schemas; none when the commune states none; the setting is
translated, refuses what is not a licence, and comes to older sites by upgrade 1010."""

from communesplone.core.opendata import RECORD
from communesplone.core.vocabularies import DEFAULT_OPEN_DATA_LICENSE
from communesplone.deliberations.oparl import answer
from deliberationhelpers import published_meeting
from pathlib import Path
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from urllib.parse import urlsplit

import json
import jsonschema
import pytest
import requests
import transaction

SCHEMAS = Path("/work/shared/reference/oparl-1.1-schema")
if not SCHEMAS.exists():
    SCHEMAS = Path(__file__).parent / "oparl-1.1-schema"
CC0 = "https://creativecommons.org/publicdomain/zero/1.0/"
KINDS = (("organizations", "Organization"), ("persons", "Person"),
         ("meetings", "Meeting"), ("papers", "Paper"))


def _validate(document, name):
    with open(SCHEMAS / f"{name}.json") as schema_file:
        schema = json.load(schema_file)
    jsonschema.validate(document, schema, format_checker=jsonschema.FormatChecker())


def _get(portal, *params, **form):
    status, data = answer(portal, f"{portal.absolute_url()}/@oparl", list(params), form)
    assert status == 200, (params, data)
    return json.loads(json.dumps(data))


def _everything(portal):
    """``(schema, object)`` of the system, the body, every listed object, each
    embedded agenda item and file, and each object fetched alone."""
    found = [("System", _get(portal)), ("Body", _get(portal, "body"))]
    for kind, schema in KINDS:
        for element in _get(portal, kind)["data"]:
            found.append((schema, element))
            found.append((schema, _get(portal, *element["id"].rsplit("/", 2)[-2:])))
            for item in element.get("agendaItem", []):
                found.append(("AgendaItem", item))
                found += [("File", file) for file in item.get("auxiliaryFile", [])]
            found += [("File", file) for file in element.get("auxiliaryFile", [])]
    return found


def test_every_object_carries_the_default_licence(council, integration):
    portal = integration["portal"]
    published_meeting(council)
    assert api.portal.get_registry_record(RECORD) == DEFAULT_OPEN_DATA_LICENSE
    found = _everything(portal)
    assert {schema for schema, _ in found} == {
        "System", "Body", "Organization", "Person", "Meeting", "Paper", "AgendaItem", "File"}
    for schema, element in found:
        _validate(element, schema)
        assert element["license"] == "https://creativecommons.org/licenses/by/4.0/", schema
        # the schema's "url" format is not checked by jsonschema: an absolute URL
        parts = urlsplit(element["license"])
        assert parts.scheme == "https" and parts.netloc


def test_the_chosen_licence_or_none(council, integration):
    portal = integration["portal"]
    published_meeting(council)
    api.portal.set_registry_record(RECORD, CC0)
    assert {element["license"] for _, element in _everything(portal)} == {CC0}
    api.portal.get_tool("portal_registry")[RECORD] = None
    for schema, element in _everything(portal):
        assert "license" not in element
        _validate(element, schema)


def test_a_withdrawn_object_stays_as_the_standard_wants_it(council, integration):
    """``deleted`` objects hold id, type, created, modified and deleted only."""
    portal = integration["portal"]
    _meeting, public, _closed = published_meeting(council)
    uid = public.UID()
    with api.env.adopt_roles(["Manager"]):
        council._delObject(public.getId())
    deleted = _get(portal, "paper", uid)
    assert deleted["deleted"] is True and "license" not in deleted


def test_upgrade_1010_adds_the_setting_and_keeps_a_choice(integration):
    from communesplone.core.upgrades.to1010 import upgrade

    registry = api.portal.get_tool("portal_registry")
    setup = api.portal.get_tool("portal_setup")
    del registry.records[RECORD]
    upgrade(setup)
    assert api.portal.get_registry_record(RECORD) == DEFAULT_OPEN_DATA_LICENSE
    api.portal.set_registry_record(RECORD, CC0)
    upgrade(setup)
    assert api.portal.get_registry_record(RECORD) == CC0


def test_the_setting_in_the_control_panel(functional):
    """In French, with the licences by name; a value that is not one of them is a 400
    and changes nothing; who is not an administrator cannot change it."""
    site = functional["portal"].absolute_url()
    transaction.commit()
    owner = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    page = requests.get(f"{site}/@@commune-controlpanel", auth=owner, timeout=60,
                        headers={"Accept-Language": "fr"})
    assert page.status_code == 200
    assert "Licence des données ouvertes" in page.text
    assert "Creative Commons Attribution 4.0 (CC BY 4.0)" in page.text
    assert "Domaine public (CC0 1.0)" in page.text
    headers = {"Accept": "application/json"}
    bad = requests.patch(f"{site}/@controlpanels/commune", auth=owner, headers=headers,
                         json={"open_data_license": "https://example.org/mine"}, timeout=60)
    assert bad.status_code == 400
    good = requests.patch(f"{site}/@controlpanels/commune", auth=owner, headers=headers,
                          json={"open_data_license": CC0}, timeout=60)
    assert good.status_code == 204, good.text
    anonymous = requests.patch(f"{site}/@controlpanels/commune", headers=headers,
                               json={"open_data_license": None}, timeout=60)
    assert anonymous.status_code == 401
    transaction.begin()
    assert api.portal.get_registry_record(RECORD) == CC0


@pytest.mark.parametrize("language, label", [
    ("nl", "Licentie van de open data"), ("de", "Lizenz der offenen Daten"),
    ("en", "Licence of the open data")])
def test_the_label_in_each_language(integration, language, label):
    from zope.i18n import translate

    from communesplone.core.interfaces import ICommuneSettings

    title = ICommuneSettings["open_data_license"].title
    assert translate(title, target_language=language) == label
