"""Thirty wrong passwords: slowed, then locked, on every way in, whatever the request's end.

A failed login was counted in the request's own transaction: when that
request ended in an error (a protected page refused with 401), the
transaction was aborted and the failure forgotten, so a script could guess
passwords through Basic authentication on a protected page for ever. The
failures are now written in their own transaction. From the attacker's side,
over HTTP, through the login form, plone.restapi's ``@login`` and Basic
authentication on a protected page: thirty wrong passwords for one account
are answered "wrong", then "wait a little" (slowed), then "locked"; an
unknown account gets exactly the same answers (the lock never tells whether
an account exists); an administrator lifts the lock at ``@@login-locks``.

No test waits: the guard's clock (``time`` of :mod:`communesplone.core.logins`
and :mod:`communesplone.core.limits`, read in the server thread of this
process) is moved forward by the test.
"""

from communesplone.core import limits
from communesplone.core import logins
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from types import SimpleNamespace

import pytest
import re
import requests
import time
import transaction

PASSWORD = "secret-password-123"
PREFIX = "communesplone.core.limits."
#: Seconds between two attempts: one in two comes before the slowed-down pause ends.
STEP = 16


class Clock:
    """The guard's ``time``: starts at the beginning of an hour, moved by the test."""

    def __init__(self):
        self.now = (int(time.time()) // 3600 + 1) * 3600 + 1

    def time(self):
        return self.now


@pytest.fixture
def live(functional, monkeypatch):
    portal = functional["portal"]
    api.portal.set_registry_record("plone.default_language", "fr")
    api.portal.set_registry_record("plone.available_languages", ["fr", "nl"])
    api.portal.set_registry_record(PREFIX + "login_slow_after", 5)
    api.portal.set_registry_record(PREFIX + "login_lock_after", 10)
    api.portal.set_registry_record(PREFIX + "login_ip_lock_after", 500)
    api.user.create(email="alice@example.org", username="alice", password=PASSWORD)
    transaction.commit()
    clock = Clock()
    monkeypatch.setattr(logins, "time", SimpleNamespace(time=clock.time))
    monkeypatch.setattr(limits, "time", SimpleNamespace(time=clock.time))
    return {"portal": portal, "url": portal.absolute_url(), "clock": clock}


HEADERS = {"Accept-Language": "fr"}


def by_form(url, name, password):
    return requests.post(f"{url}/login", timeout=60, headers=HEADERS, allow_redirects=False,
                         data={"__ac_name": name, "__ac_password": password,
                               "buttons.login": "Se connecter"})


def by_rest(url, name, password):
    return requests.post(f"{url}/@login", json={"login": name, "password": password},
                         headers={**HEADERS, "Accept": "application/json"}, timeout=60)


def by_basic_on_a_protected_page(url, name, password):
    """A refusal here raises Unauthorized: the request's transaction is aborted."""
    return requests.get(f"{url}/@@overview-controlpanel", auth=(name, password), timeout=60,
                        headers=HEADERS, allow_redirects=False)


WAYS = {"form": by_form, "rest": by_rest, "basic": by_basic_on_a_protected_page}


def outcome(answer):
    """What the person is told: "wrong" (try again), "slow" or "locked"."""
    assert "raceback" not in answer.text
    if answer.status_code == 429:
        assert int(answer.headers["Retry-After"]) > 0
        text = message(answer)
        if "attendez un peu" in text:
            return "slow"
        assert "bloquée" in text, text
        return "locked"
    # refused: the form again (200), the login page (302) or 401; never a session
    assert answer.status_code in (200, 302, 401), (answer.status_code, answer.text[:300])
    assert not re.search(r'__ac=(?!deleted|""|;)', answer.headers.get("Set-Cookie", ""))
    return "wrong"


def message(answer):
    if answer.headers.get("Content-Type", "").startswith("application/json"):
        return answer.json()["error"]["message"]
    return re.search(r'role="alert">([^<]*)<', answer.text).group(1)


EXPECTED = ["wrong"] * 5 + ["slow", "wrong"] * 5 + ["locked"] * 15


@pytest.mark.parametrize("way", sorted(WAYS))
def test_thirty_wrong_passwords_are_slowed_then_locked(live, way):
    send = WAYS[way]
    seen = {}
    for name in ("alice", "nobody-here"):
        start = live["clock"].now
        outcomes, answers = [], []
        for _attempt in range(30):
            answers.append(send(live["url"], name, "wrong-password"))
            outcomes.append(outcome(answers[-1]))
            live["clock"].now += STEP
        assert outcomes == EXPECTED, (way, name, outcomes)
        # the right password does not open a locked account
        locked = send(live["url"], name, PASSWORD)
        assert outcome(locked) == "locked"
        seen[name] = (outcomes, message(answers[5]), message(locked))
        live["clock"].now = start  # the same hour for the other name
    # an unknown account is answered exactly as an existing one
    assert seen["alice"] == seen["nobody-here"]


def lift(url, name):
    session = requests.Session()
    session.auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    session.headers["Accept-Language"] = "fr"
    page = session.get(f"{url}/@@login-locks", timeout=60)
    assert page.status_code == 200, page.text[:300]
    token = page.text.split('name="_authenticator" value="')[1].split('"')[0]
    done = session.post(f"{url}/@@login-locks", timeout=60,
                        data={"login": name, "form.submitted": "1", "_authenticator": token})
    assert done.status_code == 200
    return done.text


def test_an_administrator_lifts_the_lock(live):
    url = live["url"]
    for _attempt in range(12):
        by_basic_on_a_protected_page(url, "alice", "wrong-password")
        live["clock"].now += 31
    assert outcome(by_form(url, "alice", PASSWORD)) == "locked"
    assert outcome(by_rest(url, "alice", PASSWORD)) == "locked"
    assert "peut à nouveau se connecter" in lift(url, "alice")
    logged_in = by_rest(url, "alice", PASSWORD)
    assert logged_in.status_code == 200 and logged_in.json()["token"]
    # a name that never failed (whether it exists or not): nothing to lift
    assert "aucune connexion échouée" in lift(url, "nobody-ever")
