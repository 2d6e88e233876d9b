"""The demo mailbox: a demo site's mails caught by a local SMTP sink, shown to its administrators.

The whole chain on a live server: a citizen's order makes the site send its
confirmation through the MailHost, the sink keeps it, an administrator reads it on
``@@demo-mailbox``. Then who must not get through (anonymous, a member, a site
made from the ``commune`` preset, a site whose administrator set a real server).
"""

from communesplone.core.notifications import can_send_mail
from communesplone.policy import mailbox
from email.message import EmailMessage
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from zope.annotation.interfaces import IAnnotations
from zope.component.hooks import setSite

from browser import axe_violations
from browser import page_fixture  # noqa: F401 - the ``page`` fixture

import pytest
import re
import requests
import transaction

PASSWORD = "secret-password-123"


@pytest.fixture
def demo(functional, tmp_path):
    """The test site as a demo site whose mails go to a sink in ``tmp_path``."""
    portal = functional["portal"]
    api.portal.set_registry_record("communesplone.core.site_preset", "demo")
    api.portal.set_registry_record("communesplone.core.email", "info@demo.example")
    folder = tmp_path / "demo-mailbox"
    sink = mailbox.start_sink(folder)
    assert mailbox.attach(portal, sink.port, folder)
    with api.env.adopt_roles(["Manager"]):
        api.user.create(email="marie@example.org", username="marie", password=PASSWORD)
        portal.acl_users.userFolderAddUser("sam", PASSWORD, ["Member", "Site Administrator"],
                                           [])
        catalog = api.content.create(container=portal, type="DocumentCatalog",
                                     id="e-guichet", title="E-guichet")
        doctype = api.content.create(
            container=catalog, type="DocumentType", id="copie", title="Copie d'un règlement",
            theme="Conseil", who_may_order="anyone", required_assurance="none", price=0.0,
            delivery_methods=["email"], processing_days=3,
            processing_group="communesplone-secretariat", active=True)
    transaction.commit()
    yield portal, folder, catalog, doctype
    sink.stop()


def _get(url, auth=None, **params):
    return requests.get(url, auth=auth, params=params, allow_redirects=False, timeout=30)


def test_a_mail_the_site_sends_reaches_the_page(demo):
    portal, folder, catalog, doctype = demo
    assert can_send_mail()
    answer = requests.post(catalog.absolute_url(), headers={"Accept": "application/json"},
                           json={"@type": "DocumentOrder",
                                 "document_type": api.content.get_uuid(doctype),
                                 "quantity": 1, "delivery_method": "email",
                                 "applicant_name": "Jean Martin",
                                 "applicant_email": "jean@example.org"}, timeout=30)
    assert answer.status_code == 201, answer.text
    reference = answer.json()["reference"]
    assert len(mailbox.mail_ids(folder)) >= 1

    admin = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    url = f"{portal.absolute_url()}/@@demo-mailbox"
    listing = _get(url, auth=admin)
    assert listing.status_code == 200
    assert "jean@example.org" in listing.text
    assert reference in listing.text  # in the subject
    [mail_id] = [i for i in mailbox.mail_ids(folder)
                 if "jean@" in str(mailbox.read(folder, i)["To"])]
    one = _get(url, auth=admin, mail=mail_id)
    assert one.status_code == 200
    assert reference in one.text and "Jean Martin" in one.text
    # a Site Administrator of the commune reads it too
    assert _get(url, auth=("sam", PASSWORD)).status_code == 200


def test_attachments_are_listed_and_downloadable(demo):
    portal, folder, *_rest = demo
    message = EmailMessage()
    message["Subject"] = "Votre document"
    message["To"] = "jean@example.org"
    message["From"] = "info@demo.example"
    message.set_content("Bonjour,\nvoici votre document.")
    message.add_attachment(b"%PDF-1.4 demo", maintype="application", subtype="pdf",
                           filename="certificat.pdf")
    mail_id = mailbox.store(folder, message.as_bytes())
    url = f"{portal.absolute_url()}/@@demo-mailbox"
    admin = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    page = _get(url, auth=admin, mail=mail_id)
    assert "voici votre document" in page.text and "certificat.pdf" in page.text
    download = _get(url, auth=admin, mail=mail_id, attachment=0)
    assert download.status_code == 200
    assert download.content == b"%PDF-1.4 demo"
    assert "attachment" in download.headers["Content-Disposition"]
    assert _get(url, auth=admin, mail="../../etc/passwd").status_code == 404
    assert _get(url, auth=admin, mail=mail_id, attachment=5).status_code == 404


def test_anonymous_and_members_get_no_access(demo):
    portal, folder, *_rest = demo
    mail_id = mailbox.store(folder, b"Subject: secret\r\nTo: a@example.org\r\n\r\nsecret body")
    url = f"{portal.absolute_url()}/@@demo-mailbox"
    for auth in (None, ("marie", PASSWORD)):
        for params in ({}, {"mail": mail_id}):
            answer = _get(url, auth=auth, **params)
            assert answer.status_code in (302, 401, 403), (auth, params)
            assert "secret body" not in answer.text


def test_the_mailbox_is_bounded(tmp_path, monkeypatch):
    monkeypatch.setattr(mailbox, "MAX_MAILS", 3)
    ids = [mailbox.store(tmp_path, f"Subject: {n}\r\n\r\n{n}".encode()) for n in range(5)]
    assert mailbox.mail_ids(tmp_path) == sorted(ids[2:], reverse=True)


def test_a_real_mail_server_replaces_the_sink(demo):
    portal, folder, *_rest = demo
    api.portal.set_registry_record("plone.smtp_host", "mail.commune.example")
    api.portal.set_registry_record("plone.smtp_port", 587)
    transaction.commit()
    assert _get(f"{portal.absolute_url()}/@@demo-mailbox",
                auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD)).status_code == 404
    # the next start leaves the administrator's server alone and forgets the sink
    assert not mailbox.attach(portal, 2525, folder)
    assert api.portal.get_registry_record("plone.smtp_host") == "mail.commune.example"
    assert mailbox.ANNOTATION_KEY not in IAnnotations(portal)


def test_a_site_without_the_demo_preset_never_gets_the_sink(functional, tmp_path):
    portal = functional["portal"]
    api.portal.set_registry_record("communesplone.core.site_preset", "commune")
    assert not mailbox.attach(portal, 2525, tmp_path)
    assert api.portal.get_registry_record("plone.smtp_port") != 2525
    assert mailbox.start_for_sites(functional["app"], tmp_path) == []
    setSite(portal)
    transaction.commit()
    answer = _get(f"{portal.absolute_url()}/@@demo-mailbox",
                  auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD))
    assert answer.status_code == 404


def test_demo_profile_upgrade_adds_the_mailbox_to_site_setup(integration):
    portal = integration["portal"]
    setup_tool = portal.portal_setup
    setup_tool.setLastVersionForProfile("communesplone.policy:demo", "1000")
    setup_tool.upgradeProfile("communesplone.policy:demo")
    actions = [action.getId() for action in portal.portal_controlpanel.listActions()]
    assert "communesplone-demo-mailbox" in actions
    assert setup_tool.getLastVersionForProfile("communesplone.policy:demo") == ("1001",)


@pytest.mark.browser
@pytest.mark.parametrize("viewport", ["DESKTOP", "PHONE"])
def test_the_mailbox_pages_are_fit_for_people(demo, page, viewport):
    import base64
    import pagechecks

    portal, folder, *_rest = demo
    api.portal.set_registry_record("plone.default_language", "fr")
    api.portal.set_registry_record("plone.available_languages", ["fr"])
    api.portal.set_registry_record("plone.portal_timezone", "Europe/Brussels")
    transaction.commit()
    message = EmailMessage()
    message["Subject"] = "Commande 2026-000001 reçue"
    message["To"] = "jean@example.org"
    message["From"] = "Commune <info@demo.example>"
    message["Date"] = "Wed, 02 Dec 2026 10:12:00 +0100"
    message.set_content("Bonjour Jean,\n" + "une ligne assez longue pour un téléphone " * 5)
    message.add_attachment(b"\x89PNG", maintype="image", subtype="png", filename="qr.png")
    mail_id = mailbox.store(folder, message.as_bytes())
    page.set_viewport_size(getattr(pagechecks, viewport))
    credentials = base64.b64encode(f"{SITE_OWNER_NAME}:{SITE_OWNER_PASSWORD}".encode()).decode()
    page.set_extra_http_headers({"Authorization": f"Basic {credentials}"})
    page.goto(f"{portal.absolute_url()}/@@demo-mailbox")
    # core's dates: the year only when it is not this year's
    assert re.search(r"mercredi 2 décembre( 2026)?, 10 h 12", page.inner_text("#content"))
    # axe on the page's content: the administrator's toolbar (Plone's, unnamed icon links
    # on a phone) is not this page's
    pagechecks.assert_fit_for_people(page, "fr", "the demo mailbox", citizen=False, axe=False)
    assert axe_violations(page) == []
    page.get_by_role("link", name="Commande 2026-000001 reçue").click()
    page.wait_for_load_state()
    assert mail_id in page.url
    assert "qr.png" in page.inner_text("#content")
    pagechecks.assert_fit_for_people(page, "fr", "one mail", citizen=False, axe=False)
    assert axe_violations(page) == []


def test_start_cluster_starts_the_demo_mailbox_and_stops_it(monkeypatch, tmp_path):
    """``start-cluster`` on a demo preset catches the mails as ``start`` does: one SMTP
    sink in the parent (the workers send to it), stopped when the workers stop."""
    import contextlib
    from communesplone import cli
    from communesplone.policy import mailbox as mailbox_module

    class Sink:
        stopped = False

        def stop(self):
            self.stopped = True

    sink = Sink()
    started = []

    class Instance:
        relstorage = True
        var = tmp_path

        def write(self, **options):
            return tmp_path / "zope.conf"

    monkeypatch.setattr(cli, "zope_app", lambda instance: contextlib.nullcontext("app"))
    monkeypatch.setattr(cli, "ensure_admin", lambda app: None)
    monkeypatch.setattr(cli, "ensure_site", lambda app, site_id, preset: False)
    monkeypatch.setattr(mailbox_module, "start_for_sites",
                        lambda app, var: started.append((app, var)) or [sink])
    monkeypatch.setattr(cli, "_run_workers", lambda *args: 0)
    monkeypatch.setattr("transaction.commit", lambda: None)
    assert cli.start_cluster(Instance(), 2, 8200, "127.0.0.1", "demo", "demo") == 0
    assert started == [("app", tmp_path)]
    assert sink.stopped
