"""Latitude and longitude "set on a map or typed": the location picker under an
entry's add, edit and proposal forms (over HTTP, then in Chromium)."""

from browser import page_fixture  # noqa: F401 (the ``page`` fixture)
from directoryhelpers import PASSWORD
from directoryhelpers import make_business

import base64
import pytest
import requests
import transaction


def _page(url, user=None):
    auth = (user, PASSWORD) if user else None
    response = requests.get(url, auth=auth, timeout=60)
    assert response.status_code == 200, response.text[-1000:]
    return response.text


def test_picker_under_the_forms_that_hold_coordinates(live):
    business = make_business(live["directory"], "chez-alice", owner="alice")
    transaction.commit()
    for url, user in ((f"{live['url']}/@@propose-business", None),
                      (f"{live['url']}/++add++Business", "eva"),
                      (f"{business.absolute_url()}/edit", "alice")):
        text = _page(url, user)
        assert 'class="directory-location-picker"' in text, url
        assert 'data-latitude="form-widgets-latitude"' in text, url
        assert 'data-longitude="form-widgets-longitude"' in text, url
        assert "leaflet-1.9.4/leaflet.js" in text
    # it opens where the directory's entries are (the one entry, here)
    text = _page(f"{live['url']}/@@propose-business")
    assert 'data-center="50.466900,4.867500"' in text
    # the edit form shows every decimal (not 50.467), in the page's notation, which
    # the picker writes too
    text = _page(f"{business.absolute_url()}/edit", "alice")
    assert 'value="50.4669"' in text and 'value="4.8675"' in text
    assert 'data-decimal="."' in text
    # pages that are not such forms have no picker
    for url in (live["url"], business.absolute_url(), f"{live['url']}/search"):
        assert "directory-location-picker" not in _page(url), url


@pytest.mark.parametrize(("language", "shown"), [("fr", "50,4669"), ("nl", "50,4669"),
                                                ("en", "50.4669")])
def test_coordinates_keep_their_decimals_in_every_language(directory, language, shown):
    from communesplone.directory.content.business import IBusiness
    from z3c.form.interfaces import IDataConverter
    from z3c.form.browser.text import TextWidget
    from z3c.form.converter import FormatterValidationError
    from z3c.form.widget import FieldWidget
    from zope.i18n.locales import locales
    from zope.publisher.browser import TestRequest

    request = TestRequest()
    request._locale = locales.getLocale(language)
    widget = FieldWidget(IBusiness["latitude"], TextWidget(request))
    converter = IDataConverter(widget)
    assert converter.toWidgetValue(50.4669) == shown
    assert converter.toWidgetValue(4.867512) == shown.replace("50", "4", 1).replace(
        "4669", "867512")
    assert converter.toWidgetValue(None) == ""
    for typed in ("50,4669", "50.4669", " 50.4669 "):
        assert converter.toFieldValue(typed) == 50.4669
    assert converter.toFieldValue("") is None
    with pytest.raises(FormatterValidationError):
        converter.toFieldValue("cinquante")


def test_saving_the_edit_form_does_not_move_the_entry(live):
    """The form shows every decimal: saved untouched, the coordinates stay."""
    import re

    business = make_business(live["directory"], "chez-alice", owner="alice",
                             latitude=50.466912, longitude=4.867534)
    transaction.commit()
    session = requests.Session()
    session.auth = ("alice", PASSWORD)
    page = session.get(f"{business.absolute_url()}/edit", timeout=60).text
    fields = dict(re.findall(r'<input[^>]*name="(form\.widgets\.(?:latitude|longitude)|'
                             r'_authenticator)"[^>]*value="([^"]*)"', page))
    assert fields["form.widgets.latitude"] == "50.466912"
    answer = session.post(f"{business.absolute_url()}/@@edit", data={
        **fields, "form.widgets.IBasic.title": "Chez Alice",
        "form.widgets.postcode": "5000", "form.buttons.save": "Save"}, timeout=60)
    assert answer.status_code == 200
    transaction.begin()
    assert business.latitude == 50.466912 and business.longitude == 4.867534
    # typed with a comma, as on a French page
    answer = session.post(f"{business.absolute_url()}/@@edit", data={
        **fields, "form.widgets.latitude": "50,4701", "form.widgets.IBasic.title": "Chez Alice",
        "form.widgets.postcode": "5000", "form.buttons.save": "Save"}, timeout=60)
    transaction.begin()
    assert business.latitude == 50.4701
    # not a number: the message on the field, what was typed kept, nothing saved
    answer = session.post(f"{business.absolute_url()}/@@edit", data={
        **fields, "form.widgets.latitude": "cinquante", "form.widgets.IBasic.title": "Chez Alice",
        "form.widgets.postcode": "5000", "form.buttons.save": "Save"}, timeout=60)
    assert "Type a number of degrees" in answer.text and 'value="cinquante"' in answer.text
    transaction.begin()
    assert business.latitude == 50.4701


def test_click_on_the_map_fills_the_fields_and_is_saved(live, page):
    from browser import assert_accessible

    business = make_business(live["directory"], "chez-alice", owner="alice",
                             latitude=None, longitude=None)
    transaction.commit()
    page.route("https://tile.openstreetmap.org/**", lambda route: route.abort())
    # anonymous proposal form: a click fills both fields
    page.goto(f"{live['url']}/@@propose-business")
    picker = page.locator(".directory-location-picker .directory-location-map")
    picker.wait_for()
    assert page.locator("#form-widgets-latitude").input_value() == ""
    picker.click(position={"x": 100, "y": 80})
    page.wait_for_function("() => document.querySelector('#form-widgets-latitude').value !== ''")
    latitude = float(page.locator("#form-widgets-latitude").input_value().replace(",", "."))
    longitude = float(page.locator("#form-widgets-longitude").input_value().replace(",", "."))
    assert 49 < latitude < 52 and 0 < longitude < 8  # Belgium: no entry has coordinates yet
    assert_accessible(page, "proposal form with its location picker")
    # typing moves the marker
    page.fill("#form-widgets-latitude", "50.4700")
    page.fill("#form-widgets-longitude", "4.8600")
    page.wait_for_selector(".directory-location-map[data-placed='50.470000,4.860000']")

    # the owner's edit form (coordinates in the "Address" tab): placed, saved
    credentials = base64.b64encode(f"alice:{PASSWORD}".encode()).decode()
    page.set_extra_http_headers({"Authorization": f"Basic {credentials}"})
    page.goto(f"{business.absolute_url()}/edit")
    page.locator(".autotoc-nav a", has_text="Address").click()
    picker = page.locator(".directory-location-map")
    picker.wait_for(state="visible")
    picker.click(position={"x": 200, "y": 150})
    page.wait_for_function("() => document.querySelector('#form-widgets-latitude').value !== ''")
    placed = page.locator(".directory-location-map").get_attribute("data-placed")
    page.locator("#form-buttons-save").click()
    page.wait_for_load_state()
    transaction.begin()
    saved = live["directory"]["chez-alice"]
    expected = [float(value) for value in placed.split(",")]
    assert abs(saved.latitude - expected[0]) < 1e-6
    assert abs(saved.longitude - expected[1]) < 1e-6
