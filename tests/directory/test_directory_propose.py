"""Self-registration: the form, its guards (honeypot, rate limit), the e-mail confirmation,
moderation; nothing public before it, no reserved field from it."""

from communesplone.directory.registration import LIMITER
from communesplone.directory.registration import RateLimiter
from datetime import UTC
from datetime import datetime
from datetime import timedelta
from directoryhelpers import entries_of
from directoryhelpers import get
from plone import api

import pytest
import re
import requests
import transaction


@pytest.fixture
def mail_site(mail_site):
    """The directory's mail site, with an empty proposal rate limiter."""
    LIMITER.reset()
    yield mail_site
    LIMITER.reset()


def _form(session, url):
    page = session.get(f"{url}/@@propose-business", timeout=60)
    assert page.status_code == 200, page.text
    token = re.search(r'name="_authenticator"\s+value="([^"]+)"', page.text).group(1)
    return page, token


def _fields(token, **extra):
    data = {
        "_authenticator": token,
        "form.widgets.submitter_email": "marie@dubois.be",
        "form.widgets.title": "Boulangerie Dubois",
        "form.widgets.description": "Pain au levain",
        "form.widgets.enterprise_number": "0403.019.261",
        "form.widgets.street": "Rue de Fer",
        "form.widgets.number": "25",
        "form.widgets.postcode": "5000",
        "form.widgets.locality": "Namur",
        "form.widgets.latitude": "50.4669",
        "form.widgets.longitude": "4.8675",
        "form.widgets.email": "info@dubois.be",
        "form.widgets.opening_hours": "lundi 9h-12h, 13h30-18h",
        "form.widgets.categories": [b"Commerce > Alimentation > Boulangerie".hex()],
        "form.widgets.categories-empty-marker": "1",
        "form.buttons.send": "Send",
    }
    data.update(extra)
    return data


def test_propose_confirm_moderate(mail_site, smtp_server):
    session = requests.Session()
    url = mail_site["url"]
    _page, token = _form(session, url)
    answer = session.post(f"{url}/@@propose-business", data=_fields(
        token, **{"review_state": "published", "form.widgets.review_state": "published",
                  "form.widgets.submitter": "admin"}), timeout=60)
    assert answer.status_code == 200
    assert "48" in answer.text  # the thanks
    assert "from 09:00 to 12:00 and from 13:30 to 18:00" in answer.text  # read back in words
    transaction.begin()
    assert entries_of(mail_site["directory"]) == []  # nothing before the confirmation
    [(_sender, recipients, message)] = smtp_server.inbox.messages
    assert recipients == ["marie@dubois.be"]
    link = re.search(r"(http\S+@@confirm-proposal\?token=\S+)",
                     message.get_body(("plain",)).get_content()).group(1)
    confirm = session.get(link, timeout=60)
    assert confirm.status_code == 200
    transaction.begin()
    assert entries_of(mail_site["directory"]) == []  # opening the link is not enough
    token = re.search(r'name="_authenticator"\s+value="([^"]+)"', confirm.text).group(1)
    done = session.post(f"{url}/@@confirm-proposal",
                        data={"token": link.split("token=")[1], "_authenticator": token},
                        timeout=60)
    assert done.status_code == 200, done.text
    transaction.begin()
    [business] = entries_of(mail_site["directory"])
    assert api.content.get_state(obj=business) == "pending"
    assert business.title == "Boulangerie Dubois"
    assert business.submitter_email == "marie@dubois.be"
    assert business.categories == ["Commerce > Alimentation > Boulangerie"]
    assert business.opening_hours == {"weekly": {"monday": [["09:00", "12:00"],
                                                            ["13:30", "18:00"]]}}
    assert "Owner" not in dict(business.get_local_roles()).get("admin", ())
    # editors were told; anonymous sees nothing yet
    assert smtp_server.inbox.messages[-1][1] == ["eva@example.org"]
    assert get(business.absolute_url(), allow_redirects=False).status_code in (302, 401)
    assert "Dubois" not in get(f"{url}/@@export-csv").text
    # the same link twice does nothing more
    session.post(f"{url}/@@confirm-proposal",
                 data={"token": link.split("token=")[1], "_authenticator": token}, timeout=60)
    transaction.begin()
    assert len(entries_of(mail_site["directory"])) == 1


def test_bad_input_is_kept_with_messages(mail_site, smtp_server):
    session = requests.Session()
    _page, token = _form(session, mail_site["url"])
    answer = session.post(f"{mail_site['url']}/@@propose-business", data=_fields(
        token, **{"form.widgets.postcode": "500", "form.widgets.opening_hours": "12h-9h",
                  "form.widgets.enterprise_number": "0403019262",
                  "form.widgets.website": "dubois"}), timeout=60)
    assert answer.status_code == 200
    text = answer.text
    assert "not a valid Belgian postcode" in text
    assert "not a valid enterprise number" in text
    assert "12h-9h \u00bb ends before it starts" in text
    assert "not a valid web address" in text
    assert 'value="Boulangerie Dubois"' in text and '>12h-9h</textarea>' in text
    assert smtp_server.inbox.messages == []


def test_reserved_category_refused(mail_site, smtp_server):
    session = requests.Session()
    page, token = _form(session, mail_site["url"])
    reserved = "Label > Commerce équitable".encode().hex()
    assert reserved not in page.text
    answer = session.post(f"{mail_site['url']}/@@propose-business", data=_fields(
        token, **{"form.widgets.categories": [reserved]}), timeout=60)
    assert answer.status_code == 200
    # z3c.form drops a token its vocabulary does not offer: the entry gets no category
    [(_sender, _recipients, message)] = smtp_server.inbox.messages
    token = re.search(r"token=(\S+)", message.get_body(("plain",)).get_content()).group(1)
    from communesplone.directory.registration import confirm_proposal

    transaction.begin()
    business = confirm_proposal(mail_site["directory"], token)
    assert business.categories == []


def test_honeypot_sends_nothing(mail_site, smtp_server):
    session = requests.Session()
    _page, token = _form(session, mail_site["url"])
    answer = session.post(f"{mail_site['url']}/@@propose-business", data=_fields(
        token, **{"form.widgets.homepage": "http://spam.example"}), timeout=60)
    assert answer.status_code == 200 and "48" in answer.text
    transaction.begin()
    assert smtp_server.inbox.messages == []
    from zope.annotation.interfaces import IAnnotations

    assert not IAnnotations(mail_site["directory"]).get("communesplone.directory.proposals")


def test_rate_limit_per_address(mail_site, smtp_server):
    session = requests.Session()
    _page, token = _form(session, mail_site["url"])
    statuses = [session.post(f"{mail_site['url']}/@@propose-business", data=_fields(token),
                             timeout=60).status_code for _i in range(6)]
    assert statuses == [200] * 5 + [429]
    assert len(smtp_server.inbox.messages) == 5


def test_rate_limiter_window():
    limiter = RateLimiter(limit=2, window=timedelta(hours=1))
    now = datetime(2026, 3, 16, 10, tzinfo=UTC)
    assert limiter.hit("1.2.3.4", now) and limiter.hit("1.2.3.4", now)
    assert not limiter.hit("1.2.3.4", now + timedelta(minutes=59))
    assert limiter.hit("5.6.7.8", now)  # another address
    assert limiter.hit("1.2.3.4", now + timedelta(hours=1))


def test_closed_registration_and_member_becomes_owner(mail_site, smtp_server):
    directory = mail_site["directory"]
    session = requests.Session()
    session.auth = ("alice", "secret-password-123")
    _page, token = _form(session, mail_site["url"])
    session.post(f"{mail_site['url']}/@@propose-business", data=_fields(token), timeout=60)
    link = re.search(r"token=(\S+)", smtp_server.inbox.messages[0][2].get_body(
        ("plain",)).get_content()).group(1)
    from communesplone.directory.registration import confirm_proposal

    transaction.begin()
    business = confirm_proposal(directory, link)
    transaction.commit()
    assert "Owner" in dict(business.get_local_roles())["alice"]
    assert business.getOwner().getId() == "alice"
    directory.self_registration = False
    transaction.commit()
    assert get(f"{mail_site['url']}/@@propose-business").status_code in (401, 403)


def test_expired_token(directory):
    from communesplone.directory.registration import add_proposal
    from communesplone.directory.registration import confirm_proposal

    old = datetime.now(UTC) - timedelta(hours=49)
    token = add_proposal(directory, {"title": "Trop tard"}, "x@example.org", now=old)
    assert confirm_proposal(directory, token) is None
    assert confirm_proposal(directory, "not-a-token") is None
    assert entries_of(directory) == []
