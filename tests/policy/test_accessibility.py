"""Whole citizen pages, Plone's chrome included, meet WCAG 2.1 AA (axe-core in Chromium).

Plone 6.2's Classic UI (Barceloneta) has violations of its own outside
``#content``; communesplone.policy's accessibility bundle fixes them on the
sites it sets up. This test checks whole pages, not only our content.
"""

from browser import axe_violations
from browser import page_fixture  # noqa: F401 - the ``page`` fixture
from plone import api

import pytest
import transaction

PASSWORD = "secret-Member-1"


@pytest.fixture
def site(functional):
    portal = functional["portal"]
    with api.env.adopt_roles(["Manager"]):
        page = api.content.create(container=portal, type="Document", id="infos",
                                  title="Informations pratiques")
        api.content.transition(obj=page, transition="publish")
    api.user.create(email="jdoe@example.org", username="jdoe", password=PASSWORD)
    transaction.commit()
    return portal


@pytest.mark.browser
def test_anonymous_pages_whole_page(site, page):
    url = site.absolute_url()
    for path in ("", "/infos", "/login", "/@@search?SearchableText=infos"):
        page.goto(url + path)
        assert axe_violations(page) == [], path


@pytest.mark.browser
def test_member_pages_whole_page(site, page):
    url = site.absolute_url()
    page.goto(f"{url}/login")
    page.get_by_label("Login Name").fill("jdoe")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()
    for path in ("/infos", "/@@personal-information"):
        page.goto(url + path)
        page.wait_for_load_state("load")
        assert axe_violations(page) == [], path
