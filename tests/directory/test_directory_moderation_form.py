"""Moderating an entry: the page shows who proposed it and its two actions; rejecting
opens the reason form (status menu too), a missing reason is a message on the form.
The proposal form checks the entry's schema as REST does."""

from communesplone.directory.registration import LIMITER
from communesplone.directory.registration import proposal_errors
from directoryhelpers import make_business
from directoryhelpers import rest
from plone import api

import html
import re
import requests
import transaction


def _form(business, user, **form):
    from communesplone.core.browser.transitionform import TransitionFormView
    from plone.protect.authenticator import createToken

    request = business.REQUEST
    request.method = "POST"
    request.form.clear()
    request.response.setStatus(200)
    with api.env.adopt_user(user):
        request.form.update(form, _authenticator=createToken())
        view = TransitionFormView(business, request)
        view()
    return view


def test_reject_needs_its_reason_on_the_form(directory):
    business = make_business(directory, "garage", state="pending",
                             submitter_email="owner@garage.be")
    with api.env.adopt_user("eva"):
        page = api.content.get_view("view", business, business.REQUEST)()
        menu = {t["id"]: t["url"] for t in
                api.portal.get_tool("portal_workflow").getTransitionsFor(business)}
    assert "owner@garage.be" in page  # who proposed it
    assert "@@transition-form?workflow_action=reject" in page
    assert menu["reject"].endswith("/@@transition-form?workflow_action=reject")
    view = _form(business, "eva", workflow_action="reject", comment="")
    assert view.errors == {"comment": "Give the reason: it is sent to the person concerned."}
    assert api.content.get_state(business) == "pending"
    _form(business, "eva", workflow_action="reject", comment="Hors de la commune")
    assert api.content.get_state(business) == "rejected"


def test_members_see_no_moderation(directory):
    business = make_business(directory, "cafe", state="pending", owner="alice")
    with api.env.adopt_user("alice"):
        page = api.content.get_view("view", business, business.REQUEST)()
    assert "business-moderation" not in page
    _form(business, "alice", workflow_action="reject", comment="Non")
    assert api.content.get_state(business) == "pending"


def test_upgrade_1004_points_the_menu_to_the_form(directory):
    from communesplone.directory.upgrades.v1004 import transition_forms

    workflow = api.portal.get_tool("portal_workflow")["communesplone_business_workflow"]
    workflow.transitions["reject"].actbox_url = (
        "%(content_url)s/content_status_modify?workflow_action=reject")
    business = make_business(directory, "garage", state="pending")
    transition_forms(api.portal.get_tool("portal_setup"))
    assert workflow.transitions["reject"].actbox_url == (
        "%(content_url)s/@@transition-form?workflow_action=reject")
    assert api.content.get_state(business) == "pending"


def test_proposal_checks_the_fields_of_the_entry_and_its_behaviors(directory):
    refused = proposal_errors(directory, {"title": "Boulangerie\nDubois", "email": "info@exemple"})
    assert {name for name, _message in refused} == {"email", "title"}


def test_proposal_form_and_rest_refuse_the_same_values(live):
    LIMITER.reset()
    bad = {"email": "info@exemple"}
    answer = rest("POST", live["url"], "eva",
                  json={"@type": "Business", "title": "Boulangerie", **bad})
    assert answer.status_code == 400, answer.text
    assert [error["field"] for error in answer.json()["error"]["errors"]] == ["email"]
    session = requests.Session()
    page = session.get(f"{live['url']}/@@propose-business", timeout=60)
    token = re.search(r'name="_authenticator"\s+value="([^"]+)"', page.text).group(1)
    answer = session.post(f"{live['url']}/@@propose-business", timeout=60, data={
        "_authenticator": token, "form.widgets.submitter_email": "marie@dubois.be",
        "form.widgets.title": "Boulangerie", "form.widgets.email": bad["email"],
        "form.widgets.categories-empty-marker": "1", "form.buttons.send": "Send"})
    assert answer.status_code == 200
    text = html.unescape(answer.text)
    assert "not a valid e-mail address" in text
    assert 'value="info@exemple"' in text  # what was typed is kept
    LIMITER.reset()
    transaction.begin()
    assert [o for o in live["directory"].objectValues() if o.portal_type == "Business"] == []
