"""Chromium, in French: a moderator refuses a proposed entry from its page; without a
reason the form says so beside the field, with it the entry is rejected. The test
prints its clicks and page loads."""

from browser import page_fixture  # noqa: F401 - the ``page`` fixture
from directoryhelpers import make_business
from directoryhelpers import PASSWORD
from pagechecks import assert_fit_for_people
from plone import api

import base64
import pytest
import transaction

pytestmark = pytest.mark.browser


def test_moderate_an_entry_with_a_reason(live, page):
    api.portal.set_registry_record("plone.available_languages", ["fr"])
    api.portal.set_registry_record("plone.default_language", "fr")
    business = make_business(live["directory"], "garage-du-centre", state="pending",
                             title="Garage du Centre", submitter_email="owner@garage.be")
    transaction.commit()
    credentials = base64.b64encode(f"eva:{PASSWORD}".encode()).decode()
    page.set_extra_http_headers({"Authorization": f"Basic {credentials}"})
    loads = []
    page.on("load", lambda: loads.append(page.url))
    clicks = 0

    page.goto(business.absolute_url())
    moderation = page.locator(".business-moderation")
    assert "owner@garage.be" in moderation.inner_text()
    assert_fit_for_people(page, "fr", "the entry to moderate", citizen=False)
    page.get_by_role("link", name="Rejeter…").click()
    clicks += 1
    page.wait_for_load_state("load")
    assert "@@transition-form" in page.url
    page.get_by_role("button", name="Rejeter", exact=True).click()  # no reason yet
    clicks += 1
    page.wait_for_load_state("load")
    assert page.get_attribute("#transition-comment", "aria-invalid") == "true"
    assert "Indiquez le motif" in page.inner_text("#transition-comment-error")
    assert_fit_for_people(page, "fr", "the reason form with its error", citizen=False)
    transaction.begin()
    assert api.content.get_state(business) == "pending"
    page.fill("#transition-comment", "Le garage est situé hors de la commune.")
    page.get_by_role("button", name="Rejeter", exact=True).click()
    clicks += 1
    page.wait_for_load_state("load")
    assert page.url.rstrip("/") == business.absolute_url()
    assert "C'est fait" in page.inner_text("body")
    assert_fit_for_people(page, "fr", "the rejected entry", citizen=False)
    transaction.begin()
    assert api.content.get_state(business) == "rejected"
    print(f"\nmoderate an entry with a reason: {clicks} clicks, {len(loads)} page loads")
