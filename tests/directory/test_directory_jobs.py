"""The yearly "please confirm your data" mail and its one-click confirmation."""

from communesplone.directory.jobs import send_confirmation_requests
from directoryhelpers import make_business
from datetime import UTC
from datetime import datetime
from datetime import timedelta
from directoryhelpers import get

import re
import requests
import transaction


def test_yearly_mail_once_then_one_click_confirmation(mail_site, smtp_server):
    directory = mail_site["directory"]
    business = make_business(directory, "garage-martin", owner="alice")
    make_business(directory, "en-attente", state="pending")
    transaction.commit()
    portal = mail_site["portal"]
    now = datetime.now(UTC)
    before = len(smtp_server.inbox.messages)  # the publication's mails
    assert send_confirmation_requests(portal, now) == 0  # confirmed at publication
    later = now + timedelta(days=366)
    assert send_confirmation_requests(portal, later) == 1  # pending entries are not asked
    transaction.commit()
    [(_sender, recipients, message)] = smtp_server.inbox.messages[before:]
    assert recipients == ["alice@example.org", "garage-martin@example.be"]
    body = message.get_body(("plain",)).get_content()
    assert business.absolute_url() in body
    assert send_confirmation_requests(portal, later + timedelta(days=1)) == 0  # once a year
    link = re.search(r"(http\S+@@confirm-data\?token=\S+)", body).group(1)
    session = requests.Session()
    page = session.get(link, timeout=60)
    assert page.status_code == 200
    token = re.search(r'name="_authenticator"\s+value="([^"]+)"', page.text).group(1)
    answer = session.post(f"{business.absolute_url()}/@@confirm-data",
                          data={"token": link.split("token=")[1], "_authenticator": token},
                          timeout=60)
    assert answer.status_code == 200
    transaction.begin()
    assert now - timedelta(minutes=5) < business.last_confirmed
    # a token of another entry or a forged one does nothing
    other = make_business(directory, "autre")
    transaction.commit()
    forged = get(f"{other.absolute_url()}/@@confirm-data?token={link.split('token=')[1]}")
    assert forged.status_code == 404
    assert get(f"{other.absolute_url()}/@@confirm-data?token=abc").status_code == 404


def test_through_the_jobs_runner(mail_site, smtp_server, functional):
    """``communesplone jobs run`` (communesplone.policy.jobs) runs it; once a year."""
    from communesplone.policy.jobs import run_jobs

    make_business(mail_site["directory"], "tres-ancienne")
    transaction.commit()
    before = len(smtp_server.inbox.messages)
    later = datetime.now(UTC) + timedelta(days=400)
    only = ["directory-confirmations"]
    assert run_jobs(functional["portal"], now=later, only=only) == [
        {"addon": "communesplone.directory", "job": "directory-confirmations", "done": 1}]
    assert len(smtp_server.inbox.messages) == before + 1
    assert run_jobs(functional["portal"], now=later, only=only)[0]["done"] == 0
