"""What an operator of many communes needs (issue 18, part 3): each site's storage
use in ``sites list --usage``, and each commune's own mail server and sender."""

from communesplone.hosting.views import operate
from communesplone.policy.sites import SiteError
from communesplone.policy.sites import list_sites
from communesplone.policy.usage import human_size
from plone import api
from plone.namedfile.file import NamedBlobFile
from plone.registry.interfaces import IRegistry
from zope.component import getUtility

import pytest
import transaction


def _usage(app, site_id):
    [site] = [site for site in list_sites(app, usage=True) if site["id"] == site_id]
    return site["usage"]


def test_usage_counts_the_site_s_records_and_blobs(functional):
    app, portal = functional["app"], functional["portal"]
    before = _usage(app, portal.getId())
    assert before["objects"] > 100 and before["bytes"] > before["objects"] * 10
    data = b"%PDF-1.4 " + b"x" * 200_000
    with api.env.adopt_roles(["Manager"]):
        api.content.create(container=portal, type="File", id="reglement", title="Règlement",
                           file=NamedBlobFile(data, filename="reglement.pdf"))
    transaction.commit()
    after = _usage(app, portal.getId())
    assert after["objects"] > before["objects"]
    assert after["blobs"] == before["blobs"] + 1
    assert after["blob_bytes"] >= before["blob_bytes"] + len(data)
    # a plain listing does not walk the storage
    assert all("usage" not in site for site in list_sites(app))


def test_usage_stops_at_the_root_and_at_other_sites(functional):
    """A walk that followed a reference to the Zope root would count every site."""
    from communesplone.policy.usage import site_usage

    app, portal = functional["app"], functional["portal"]
    everything = site_usage(app)  # from the root: the site and the rest of Zope
    alone = _usage(app, portal.getId())
    assert alone["objects"] < everything["objects"]


def test_human_sizes():
    assert human_size(512) == "512 B"
    assert human_size(2048) == "2.0 KB"
    assert human_size(5 * 1024 ** 3) == "5.0 GB"


def test_each_commune_sends_as_itself(integration):
    app, portal = integration["app"], integration["portal"]
    with api.env.adopt_roles(["Manager"]):
        result = operate(app, {"action": "mail", "site": portal.getId(), "settings": {
            "smtp_host": "relay.namur.be", "smtp_port": "587", "smtp_user": "namur",
            "smtp_password": "s3cret", "sender": "info@namur.be",
            "sender_name": "Ville de Namur"}})
    assert result["mail"] == {
        "smtp_host": "relay.namur.be", "smtp_port": 587, "smtp_user": "namur",
        "smtp_password": "set", "sender": "info@namur.be", "sender_name": "Ville de Namur"}
    registry = getUtility(IRegistry, context=portal)
    assert registry["plone.smtp_pass"] == "s3cret"  # stored, never shown back
    assert registry["plone.email_from_name"] == "Ville de Namur"
    # showing changes nothing; "" removes the login
    shown = operate(app, {"action": "mail", "site": portal.getId()})["mail"]
    assert shown["smtp_host"] == "relay.namur.be"
    cleared = operate(app, {"action": "mail", "site": portal.getId(), "settings": {
        "smtp_user": "", "smtp_password": ""}})["mail"]
    assert cleared["smtp_user"] is None and cleared["smtp_password"] is None


@pytest.mark.parametrize("settings, complaint", [
    ({"smtp_port": "abc"}, "--smtp-port"),
    ({"smtp_port": "70000"}, "--smtp-port"),
    ({"smtp_host": "relay namur"}, "--smtp-host"),
    ({"sender": "info(at)namur.be"}, "--sender"),
    ({"sender": "ïnfo@namur.be"}, "--sender"),
    ({"sender_name": "Ville\nBcc: x@evil.example"}, "control characters"),
    ({"sender_name": ""}, "--sender-name"),
    ({"smtp_host": "relay.namur.be", "sender": "nope"}, "--sender"),
    ({"fax": "081"}, "Unknown mail setting"),
])
def test_bad_mail_settings_are_refused_and_change_nothing(integration, settings, complaint):
    app, portal = integration["app"], integration["portal"]
    registry = getUtility(IRegistry, context=portal)
    before = {key: registry.get(key) for key in (
        "plone.smtp_host", "plone.smtp_port", "plone.email_from_address",
        "plone.email_from_name")}
    with pytest.raises(SiteError, match=complaint.replace("-", r"\-")):
        operate(app, {"action": "mail", "site": portal.getId(), "settings": settings})
    assert {key: registry.get(key) for key in before} == before


def test_mail_settings_of_an_unknown_site(integration):
    with pytest.raises(SiteError, match="No site"):
        operate(integration["app"], {"action": "mail", "site": "nulle-part", "settings": {}})
