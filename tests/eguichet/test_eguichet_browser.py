"""Chromium: a citizen orders a certificate of residence, the population office
processes and delivers it; axe-core finds no WCAG 2.1 AA violation in ``#content``
of the citizen's pages."""

from browser import axe_violations
from browser import page_fixture  # noqa: F401 - the ``page`` fixture
from eguichethelpers import orders_in
from eguichethelpers import PASSWORD
from plone import api

import base64


def _as(page, user):
    credentials = base64.b64encode(f"{user}:{PASSWORD}".encode()).decode()
    page.set_extra_http_headers({"Authorization": f"Basic {credentials}"})


def _accessible(page, label):
    page.wait_for_load_state("load")
    assert page.locator("#content").count() == 1, label
    assert axe_violations(page) == [], label


def test_order_process_deliver(live, page):
    _as(page, "alice")
    page.goto(live.url)
    _accessible(page, "the e-guichet")
    page.click("text=Certificat de résidence")
    _accessible(page, "the document's page")
    page.click("a.btn-primary")  # Order this document
    _accessible(page, "the order form")
    # a first try without the purpose: errors announced and linked to their field
    page.check("#order-delivery-pickup")
    page.click("button[type=submit].btn-primary")
    page.wait_for_load_state("load")
    assert page.locator("#order-errors").count() == 1
    assert page.get_attribute("#order-answers-purpose", "aria-invalid") == "true"
    _accessible(page, "the order form with errors")
    assert orders_in(live.catalog) == []
    page.select_option("#order-answers-purpose", "employer")
    page.fill("#order-applicant_phone", "0470 12 34 56")
    page.click("button[type=submit].btn-primary")
    page.wait_for_load_state("load")
    [order] = orders_in(live.catalog)
    assert page.url == order.absolute_url()
    assert order.reference in page.inner_text("#content")
    assert page.locator("img.eguichet-qr").count() == 1  # 5.00 EUR to pay first
    _accessible(page, "the order's page with the payment QR code")
    page.goto(f"{api.portal.get().absolute_url()}/@@my-orders")
    _accessible(page, "my orders")
    page.goto(f"{api.portal.get().absolute_url()}/@@my-order-data")
    _accessible(page, "what is stored about me")
    # the population office
    _as(page, "paula")
    page.goto(order.absolute_url())
    page.click("button[name=do-mark_paid]")
    page.wait_for_load_state("load")
    for step in ("take", "mark_ready", "deliver"):
        page.click(f"button[name=do-{step}]")
        page.wait_for_load_state("load")
    import transaction

    transaction.begin()
    assert api.content.get_state(order) == "delivered"
    assert order.payment_status == "paid" and order.assignee == "paula"
    _as(page, "alice")
    page.goto(order.absolute_url())
    assert page.locator("img.eguichet-qr").count() == 0
    _accessible(page, "the delivered order")
