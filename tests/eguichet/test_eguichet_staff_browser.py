"""Chromium, in French: the population office processes an order from its payment to its
delivery by e-mail with the PDF, one button per action. The test prints its clicks and
page loads."""

from browser import page_fixture  # noqa: F401 - the ``page`` fixture
from eguichethelpers import order
from eguichethelpers import PASSWORD
from pagechecks import assert_fit_for_people
from plone import api

import base64
import pytest
import transaction

pytestmark = pytest.mark.browser


def test_process_an_order_to_delivery(live, page, tmp_path):
    api.portal.set_registry_record("plone.available_languages", ["fr"])
    api.portal.set_registry_record("plone.default_language", "fr")
    with api.env.adopt_user("alice"):
        made = order(live.catalog, live.residence, delivery_method="email")
    transaction.commit()
    assert api.content.get_state(made) == "awaiting_payment"
    pdf = tmp_path / "certificat.pdf"
    pdf.write_bytes(b"%PDF-1.4\n% certificat de residence\n")
    credentials = base64.b64encode(f"paula:{PASSWORD}".encode()).decode()
    page.set_extra_http_headers({"Authorization": f"Basic {credentials}"})
    loads = []
    page.on("load", lambda: loads.append(page.url))
    clicks = 0

    page.goto(made.absolute_url())
    staff = page.locator(".eguichet-staff")
    buttons = [" ".join(text.split()) for text in staff.locator("button").all_inner_texts()]
    assert "Marquer comme payée" in buttons and "Confirmer le paiement" not in buttons
    assert_fit_for_people(page, "fr", "the order awaiting payment", citizen=False)
    for label in ("Marquer comme payée", "Prendre en charge", "Marquer comme prête"):
        staff.get_by_role("button", name=label, exact=True).click()
        clicks += 1
        page.wait_for_load_state("load")
    # delivered by e-mail: the PDF goes with the button, in the same form
    staff.get_by_role("button", name="Délivrer", exact=True).click()  # without the PDF
    clicks += 1
    page.wait_for_load_state("load")
    transaction.begin()
    assert api.content.get_state(made) == "ready"
    assert "Joignez le document PDF" in page.inner_text("body")
    page.set_input_files("#eguichet-deliver-file", str(pdf))
    clicks += 1
    staff.get_by_role("button", name="Délivrer", exact=True).click()
    clicks += 1
    page.wait_for_load_state("load")
    assert_fit_for_people(page, "fr", "the delivered order", citizen=False)
    transaction.begin()
    assert api.content.get_state(made) == "delivered"
    assert made.payment_status == "paid" and made.assignee == "paula"
    assert made.delivered_file.data.startswith(b"%PDF-1.4")
    print(f"\nprocess an order to delivery: {clicks} clicks, {len(loads)} page loads")
