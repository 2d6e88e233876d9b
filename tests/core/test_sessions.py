"""Sessions that end: logout and a password change end every copy of the session
cookie; an idle session ends after the hours set in the Commune control panel."""

from communesplone.core import sessions
from plone import api
from urllib.parse import unquote
from plone.keyring.interfaces import IKeyManager
from plone.session import tktauth
from zope.component import getUtility

import binascii
import pytest
import requests
import time
import transaction

PASSWORD = "secret-Member-1"


@pytest.fixture
def live(functional):
    portal = functional["portal"]
    api.user.create(email="jdoe@example.org", username="jdoe", password=PASSWORD)
    transaction.commit()
    return portal.absolute_url()


def log_in(url, password=PASSWORD):
    session = requests.Session()
    session.post(f"{url}/login", timeout=60, data={
        "__ac_name": "jdoe", "__ac_password": password, "buttons.login": "Log in"})
    assert "__ac" in session.cookies
    return session


def who(url, cookie):
    """The user a bare ``__ac`` cookie opens (None: nobody)."""
    answer = requests.get(f"{url}/@users/jdoe", cookies={"__ac": cookie}, timeout=60,
                          headers={"Accept": "application/json"})
    return answer.json()["id"] if answer.status_code == 200 else None


def ticket(user_id, secret, age=0):
    raw = tktauth.createTicket(secret, user_id, timestamp=int(time.time() - age))
    return binascii.b2a_base64(raw).rstrip().decode()


def test_a_copied_cookie_dies_at_logout(live):
    session = log_in(live)
    copy = session.cookies["__ac"]
    assert who(live, copy) == "jdoe"
    session.get(f"{live}/@@logout", timeout=60)
    assert "__ac" not in session.cookies
    assert who(live, copy) is None
    # a new login works, with a new cookie
    assert who(live, log_in(live).cookies["__ac"]) == "jdoe"


def test_a_new_password_ends_the_other_sessions(live):
    mine, thief = log_in(live), log_in(live)
    stolen = thief.cookies["__ac"]
    changed = mine.post(f"{live}/@users/jdoe/reset-password", timeout=60, json={
        "old_password": PASSWORD, "new_password": "another-Secret-2"},
        headers={"Accept": "application/json"})
    assert changed.status_code == 200, changed.text
    assert who(live, stolen) is None
    assert who(live, mine.cookies["__ac"]) == "jdoe"  # who changed it keeps working


def test_the_idle_lifetime_comes_from_the_control_panel(live):
    api.portal.set_registry_record(sessions.IDLE_RECORD, 2)
    transaction.commit()
    plugin = sessions.session_plugin()
    assert plugin.per_user_keyring and plugin.timeout == 2 * 3600
    log_in(live)  # makes jdoe's secret
    transaction.begin()
    secret = sessions.user_secret("jdoe")
    assert who(live, ticket("jdoe", secret, age=2 * 3600 + 60)) is None
    # an active person's session is renewed (sliding lifetime)
    answer = requests.get(f"{live}/@users/jdoe", timeout=60,
                          cookies={"__ac": ticket("jdoe", secret, age=3600)},
                          headers={"Accept": "application/json"})
    assert answer.status_code == 200
    renewed = unquote(answer.cookies["__ac"])
    assert tktauth.splitTicket(binascii.a2b_base64(renewed))[4] > time.time() - 60


def test_a_session_from_before_the_upgrade_ends_at_logout(live):
    """Signed with the shared secret (Plone's default), it moves to jdoe's own."""
    old = ticket("jdoe", getUtility(IKeyManager).secret())
    assert who(live, old) == "jdoe"
    requests.get(f"{live}/@@logout", cookies={"__ac": old}, timeout=60)
    assert who(live, old) is None


def test_upgrade_to_1008(integration):
    portal = integration["portal"]
    plugin = portal.acl_users.session
    plugin.per_user_keyring = False
    plugin.timeout = 12 * 3600
    registry = api.portal.get_tool("portal_registry")
    del registry.records[sessions.IDLE_RECORD]
    setup_tool = portal.portal_setup
    setup_tool.setLastVersionForProfile("communesplone.core:default", "1007")
    setup_tool.upgradeProfile("communesplone.core:default")
    assert plugin.per_user_keyring and plugin.timeout == 8 * 3600
    assert api.portal.get_registry_record(sessions.IDLE_RECORD) == 8
    assert setup_tool.getLastVersionForProfile("communesplone.core:default") == (
        setup_tool.getVersionForProfile("communesplone.core:default"),)
