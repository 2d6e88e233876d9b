"""A facilities manager confirms three bookings in one batch from the bookings
dashboard, in French at 1366 px; the clicks and page loads are counted and printed."""

from bookinghelpers import PASSWORD
from bookinghelpers import book
from bookinghelpers import make_resource
from bookinghelpers import next_monday
from browser import page_fixture  # noqa: F401 - the ``page`` fixture
from datetime import timedelta
from pagechecks import DESKTOP
from pagechecks import assert_fit_for_people
from pagechecks import visible_text
from plone import api

import base64
import os
import pytest
import transaction

pytestmark = pytest.mark.browser
SHOTS = os.environ.get("SHOTS_DIR")


@pytest.fixture
def french_dashboard(live):
    """A resource folder made on a French site (its dashboard is named in French),
    three bookings of the hall waiting for a decision."""
    api.portal.set_registry_record("plone.default_language", "fr")
    api.portal.set_registry_record("plone.available_languages", ["fr", "nl"])
    with api.env.adopt_roles(["Manager"]):
        folder = api.content.create(container=live["portal"], type="ResourceFolder",
                                    id="reservations", title="Réservations")
    hall = make_resource(folder, "salle-des-fetes", title="Salle des fêtes")
    monday = next_monday(weeks=2, hour=18)
    with api.env.adopt_user("alice"):
        bookings = [book(hall, monday + timedelta(days=day),
                         monday + timedelta(days=day, hours=2), purpose=f"Chorale {day + 1}",
                         requester_name="Alice Martin")
                    for day in range(3)]
    transaction.commit()
    return {"url": folder["dashboard"].absolute_url(), "bookings": bookings}


def _settled(page):
    """The results shown and every faceted widget faded in (eea fades them during a
    query; axe measures a half-faded text's contrast as too low)."""
    page.locator(".dashboard-table").first.wait_for()
    page.wait_for_function(
        "() => { for (const e of document.querySelectorAll('#faceted-form, "
        "#faceted-form *')) if (parseFloat(getComputedStyle(e).opacity) < 1) "
        "return false; return true; }")


def _shot(page, name):
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def test_confirm_three_bookings_in_one_batch(french_dashboard, page):
    page.set_viewport_size(DESKTOP)
    token = base64.b64encode(f"carol:{PASSWORD}".encode()).decode()
    page.context.set_extra_http_headers({"Authorization": f"Basic {token}",
                                         "Accept-Language": "fr-BE,fr"})
    loads = []
    page.on("load", lambda _page: loads.append(page.url))
    clicks = 0

    page.goto(french_dashboard["url"])
    rows = page.locator(".dashboard-table tbody tr")
    _settled(page)
    assert rows.count() == 3
    text = visible_text(page)
    for heading in ("Ressource", "Demandeur", "Objet", "État"):
        assert heading in text
    assert "Salle des fêtes" in text and "Alice Martin" in text and "En attente" in text
    _shot(page, "bookings-dashboard-fr-1366")
    assert_fit_for_people(page, "fr", citizen=False)

    for index in range(3):
        page.locator(".dashboard-table tbody input[type=checkbox]").nth(index).check()
        clicks += 1
    page.get_by_role("button", name="Confirmer", exact=True).click()
    clicks += 1
    page.wait_for_load_state("load")
    message = page.locator(".portalMessage").first.inner_text()
    assert "Confirmer : 3 fait(s)" in message, message
    _settled(page)
    assert "Rien ici." in visible_text(page)  # nothing waits for a decision any more
    _shot(page, "bookings-dashboard-done-fr-1366")
    assert_fit_for_people(page, "fr", citizen=False)

    transaction.begin()  # read what the server committed
    assert {api.content.get_state(b) for b in french_dashboard["bookings"]} == {"confirmed"}
    print(f"\nconfirm three bookings in one batch: {clicks} clicks, {len(loads)} page loads")
    assert clicks == 4 and len(loads) == 2


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_the_administrators_toolbar_passes_axe(french_dashboard, page, size):
    """The site administrator works on the (private) dashboard with Plone's toolbar:
    its state label is readable on the dark toolbar and, on a phone where the
    toolbar shows icons only, each link still has a name."""
    from pagechecks import PHONE
    from plone.app.testing import SITE_OWNER_NAME
    from plone.app.testing import SITE_OWNER_PASSWORD

    page.set_viewport_size(DESKTOP if size == "desktop" else PHONE)
    token = base64.b64encode(f"{SITE_OWNER_NAME}:{SITE_OWNER_PASSWORD}".encode()).decode()
    page.context.set_extra_http_headers({"Authorization": f"Basic {token}",
                                         "Accept-Language": "fr-BE,fr"})
    page.goto(french_dashboard["url"])
    _settled(page)
    assert page.locator("#edit-zone").count() == 1
    assert page.locator("#edit-zone .label-state-private").count() >= 1
    assert_fit_for_people(page, "fr", citizen=False)
