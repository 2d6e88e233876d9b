"""The moderation workflow and its mails, through a real SMTP server."""

from directoryhelpers import make_business
from directoryhelpers import rest
from plone import api
from Products.CMFCore.WorkflowCore import WorkflowException

import pytest
import transaction


def _sent(smtp_server):
    return [(recipients, message["Subject"], message.get_body(("plain",)).get_content())
            for _sender, recipients, message in smtp_server.inbox.messages]


def test_submit_notifies_editors_publish_notifies_submitter(mail_site, smtp_server):
    business = make_business(mail_site["directory"], "boulangerie", state="private",
                             submitter_email="owner@dubois.be")
    transaction.commit()
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(obj=business, transition="submit")
    transaction.commit()
    [(recipients, subject, body)] = _sent(smtp_server)
    assert recipients == ["eva@example.org"]
    assert "Boulangerie" in subject
    assert business.absolute_url() in body
    with api.env.adopt_user("eva"):
        api.content.transition(obj=business, transition="publish")
    transaction.commit()
    recipients, subject, body = _sent(smtp_server)[-1]
    assert recipients == ["owner@dubois.be"]
    assert business.last_confirmed is not None


def test_reject_needs_a_reason_which_is_mailed(mail_site, smtp_server):
    business = make_business(mail_site["directory"], "garage", state="pending",
                             submitter_email="owner@garage.be")
    transaction.commit()
    count = len(smtp_server.inbox.messages)
    with api.env.adopt_user("eva"), pytest.raises(WorkflowException):
        api.portal.get_tool("portal_workflow").doActionFor(business, "reject", comment=" ")
    transaction.abort()
    answer = rest("POST", f"{business.absolute_url()}/@workflow/reject", "eva", json={})
    assert answer.status_code == 400, answer.text
    assert "reason" in answer.json()["error"]["message"]
    transaction.begin()
    assert api.content.get_state(obj=business) == "pending"
    answer = rest("POST", f"{business.absolute_url()}/@workflow/reject", "eva",
                  json={"comment": "Établissement situé hors de la commune"})
    assert answer.status_code == 200, answer.text
    transaction.begin()
    assert api.content.get_state(obj=business) == "rejected"
    [(recipients, subject, body)] = _sent(smtp_server)[count:]
    assert recipients == ["owner@garage.be"]
    assert "Établissement situé hors de la commune" in body


def test_members_cannot_moderate(mail_site):
    business = make_business(mail_site["directory"], "cafe", state="pending", owner="alice")
    transaction.commit()
    for user in ("alice", "bob"):
        answer = rest("POST", f"{business.absolute_url()}/@workflow/publish", user, json={})
        assert answer.status_code in (400, 401, 403), answer.text
    transaction.begin()
    assert api.content.get_state(obj=business) == "pending"


def test_owner_change_back_to_moderation_notifies_editors(mail_site, smtp_server):
    business = make_business(mail_site["directory"], "fleuriste", owner="alice")
    transaction.commit()
    answer = rest("PATCH", business.absolute_url(), "alice", json={"phone": "081 22 33 44"})
    assert answer.status_code == 204
    transaction.begin()
    assert api.content.get_state(obj=business) == "pending"
    recipients, subject, _body = _sent(smtp_server)[-1]
    assert recipients == ["eva@example.org"]
    history = business.workflow_history["communesplone_business_workflow"][-1]
    assert history["action"] == "resubmit" and history["actor"] == "alice"


def test_without_moderation_owner_change_stays_published(mail_site):
    directory = mail_site["directory"]
    directory.moderate_owner_edits = False
    business = make_business(directory, "librairie", owner="alice")
    transaction.commit()
    assert rest("PATCH", business.absolute_url(), "alice",
                json={"phone": "081 22 33 44"}).status_code == 204
    transaction.begin()
    assert api.content.get_state(obj=business) == "published"


def test_substantial_assurance_required_when_configured(mail_site):
    directory = mail_site["directory"]
    directory.claim_assurance = "substantial"
    business = make_business(directory, "pharmacie", owner="alice")
    transaction.commit()
    answer = rest("PATCH", business.absolute_url(), "alice", json={"phone": "081 22 33 44"})
    assert answer.status_code == 401, answer.text
    assert answer.json()["error"]["type"] == "InsufficientAssurance"
    transaction.begin()
    assert business.phone == ""
    # editors are not asked
    assert rest("PATCH", business.absolute_url(), "eva",
                json={"phone": "081 22 33 44"}).status_code == 204


def test_edit_form_asks_owner_for_assurance(mail_site):
    from directoryhelpers import get

    directory = mail_site["directory"]
    own = make_business(directory, "quincaillerie", owner="alice")
    other = make_business(directory, "droguerie", owner="bob")
    transaction.commit()
    assert get(f"{own.absolute_url()}/edit", "alice").status_code == 200
    assert get(f"{other.absolute_url()}/edit", "alice",
               allow_redirects=False).status_code in (302, 401, 403)
    directory.claim_assurance = "substantial"
    transaction.commit()
    page = get(f"{own.absolute_url()}/edit", "alice")
    assert page.status_code == 401
    assert 'name="form.widgets.phone"' not in page.text
    assert get(f"{own.absolute_url()}/edit", "eva").status_code == 200


def test_dashboard_page_for_editors_only(mail_site):
    from directoryhelpers import get

    make_business(mail_site["directory"], "a-moderer", state="pending")
    transaction.commit()
    url = f"{mail_site['url']}/dashboard"
    page = get(url, "eva")
    assert page.status_code == 200, page.text[-1000:]
    assert "faceted" in page.text.lower()
    for user in (None, "alice"):
        assert get(url, user, allow_redirects=False).status_code in (302, 401, 403)
    listing = get(mail_site["url"], "eva")
    assert f'href="{url}"' in listing.text
    assert 'href="' + url + '"' not in get(mail_site["url"]).text
