"""Chromium: a clerk of the population office opens « À traiter » from the user menu,
on a desktop and on a phone, and clicks through to an order."""

from browser import page_fixture  # noqa: F401 - the ``page`` fixture
from myspacehelpers import PASSWORD
from pagechecks import DESKTOP
from pagechecks import PHONE
from pagechecks import assert_fit_for_people
from test_inbox import commune  # noqa: F401 - the commune with its services

import base64
import pytest


@pytest.mark.browser
def test_a_clerk_works_from_the_inbox(commune, page):  # noqa: F811
    credentials = base64.b64encode(f"paula:{PASSWORD}".encode()).decode()
    page.set_extra_http_headers({"Authorization": f"Basic {credentials}",
                                 "Accept-Language": "fr"})
    inbox_url = f"{commune.url}/@@inbox"
    for viewport in (DESKTOP, PHONE):
        page.set_viewport_size(viewport)
        page.goto(commune.url)
        link = page.locator(f"#portal-membertools a[href='{inbox_url}']")
        assert link.count() == 1 and link.inner_text().strip() == "À traiter"
        page.goto(inbox_url)
        assert page.locator("h1").inner_text() == "À traiter"
        assert page.locator(".inbox-scope.current").inner_text() == "Mes services"
        kinds = page.locator(".inbox-kinds").inner_text()
        assert "Paiements à vérifier" in kinds and "Réservations" not in kinds
        row = page.locator(".inbox-table tbody tr")
        assert row.count() == 1
        assert commune.order.reference in row.inner_text()
        assert row.locator(".inbox-actions a").inner_text() == "Marquer comme payée"
        assert_fit_for_people(page, "fr", f"inbox of a clerk, {viewport}", citizen=False)
    row.locator("a.inbox-title").click()
    page.wait_for_load_state("load")
    assert page.url.rstrip("/") == commune.order.absolute_url()
    assert commune.order.reference in page.locator("#content").inner_text()
