"""Claiming an entry: a member asks, an editor grants; then the member edits it (only it)."""

from directoryhelpers import PASSWORD
from directoryhelpers import make_business
from directoryhelpers import get
from directoryhelpers import rest
from plone import api

import re
import requests
import transaction


def _post(session, url, data):
    page = session.get(url, timeout=60)
    token = re.search(r'name="_authenticator"[^>]*value="([^"]+)"', page.text).group(1)
    return session.post(url, data=dict(data, _authenticator=token), timeout=60)


def test_claim_then_grant(mail_site, smtp_server):
    business = make_business(mail_site["directory"], "imprimerie")
    transaction.commit()
    entry = business.absolute_url()
    assert "@@claim" in get(entry).text
    assert "login" in get(f"{entry}/@@claim").text
    alice = requests.Session()
    alice.auth = ("alice", PASSWORD)
    answer = _post(alice, f"{entry}/@@claim", {"message": "Je suis la gérante"})
    assert answer.status_code == 200
    recipients, message = smtp_server.inbox.messages[-1][1:]
    assert recipients == ["eva@example.org"]
    assert f"{entry}/@@claims" in message.get_body(("plain",)).get_content()
    # neither alice nor bob may decide; alice may not edit yet
    for user in ("alice", "bob"):
        assert get(f"{entry}/@@claims", user, allow_redirects=False).status_code in (
            302, 401, 403)
    assert rest("PATCH", entry, "alice", json={"phone": "081 11 11 11"}).status_code in (
        401, 403)
    eva = requests.Session()
    eva.auth = ("eva", PASSWORD)
    assert "Je suis la gérante" in eva.get(f"{entry}/@@claims", timeout=60).text
    answer = _post(eva, f"{entry}/@@claims", {"user_id": "alice", "grant": "1"})
    assert answer.status_code == 200
    assert smtp_server.inbox.messages[-1][1] == ["alice@example.org"]
    assert rest("PATCH", entry, "alice", json={"phone": "081 11 11 11"}).status_code == 204
    assert rest("PATCH", entry, "bob", json={"phone": "081 22 22 22"}).status_code in (
        401, 403)
    transaction.begin()
    assert business.phone == "081 11 11 11"
    assert api.content.get_state(obj=business) == "pending"  # back to moderation


def test_claim_needs_assurance_when_configured(mail_site):
    directory = mail_site["directory"]
    directory.claim_assurance = "substantial"
    business = make_business(directory, "reliure")
    transaction.commit()
    answer = get(f"{business.absolute_url()}/@@claim", "alice")
    assert answer.status_code == 401
