"""A resource's exceptional closures: rows of dates in the edit form, the same JSON through
REST before and after the upgrade step; a period that ends before it starts is refused
beside its date, in Chromium (French and Dutch, desktop and phone)."""

from formposts import AUTH
from formposts import form_values
from formposts import save
from communesplone.booking.closures import to_row
from communesplone.booking.closures import to_stored
from datetime import date

import html
import pytest
import requests
import transaction

OLD = ["2026-12-24", "2026-12-25/2026-12-31", "2027-01-01 .. 2027-01-02"]


@pytest.mark.parametrize("text", ["2026-12-24", "2026-12-25/2026-12-31"])
def test_a_closure_comes_back_from_its_row_as_it_was(text):
    assert to_stored(to_row(text)) == text


def test_a_closure_written_otherwise_is_the_same_period():
    assert to_row("2027-01-01 .. 2027-01-02") == {"first": date(2027, 1, 1),
                                                   "last": date(2027, 1, 2)}


def _rest(method, url, **kwargs):
    return requests.request(method, url, auth=AUTH, headers={"Accept": "application/json"},
                            timeout=60, **kwargs)


def test_rest_reads_and_writes_the_same_json_before_and_after_the_upgrade(live):
    from communesplone.booking.upgrades.to1006 import upgrade
    from plone import api

    resource = live["resource"]
    resource.closures = tuple(OLD)
    transaction.commit()
    assert _rest("GET", live["url"]).json()["closures"] == OLD
    with api.env.adopt_roles(["Manager"]):
        upgrade(api.portal.get_tool("portal_setup"))
    transaction.commit()
    assert type(resource.closures) is list and resource.closures == OLD
    assert _rest("GET", live["url"]).json()["closures"] == OLD
    changed = [*OLD, "2027-07-21"]
    answer = _rest("PATCH", live["url"], json={"closures": changed})
    assert answer.status_code == 204, answer.text
    assert _rest("GET", live["url"]).json()["closures"] == changed
    transaction.begin()
    assert resource.rules().is_closed_on(date(2027, 7, 21))
    for bad in ("24/12/2026", "2026-12-31/2026-12-24", ""):
        answer = _rest("PATCH", live["url"], json={"closures": [*changed, bad]})
        assert answer.status_code == 400, (bad, answer.text)
    assert _rest("GET", live["url"]).json()["closures"] == changed


def test_the_edit_form_shows_rows_keeps_them_and_refuses_a_bad_row(live):
    resource = live["resource"]
    resource.closures = OLD[:2]
    transaction.commit()
    url = f"{live['url']}/@@edit"
    page = requests.get(url, auth=AUTH, timeout=60, headers={"Accept-Language": "fr"})
    text = html.unescape(page.text)
    assert 'value="2026-12-25"' in text and 'value="2026-12-31"' in text
    assert "2026-12-25/2026-12-31" not in text
    form = form_values(page.text)
    answer = save(url, form)
    assert "Il y a des erreurs" not in answer.text
    transaction.begin()
    assert resource.closures == OLD[:2]
    answer = save(url, form, **{"form.widgets.closures.1.widgets.last": "2026-12-20"})
    text = html.unescape(answer.text)
    last = text.index('id="form-widgets-closures-1-widgets-last"')
    assert "Le dernier jour précède le premier." in text[last:last + 1500]
    assert 'value="2026-12-20"' in text[last - 400:last + 400]
    transaction.begin()
    assert resource.closures == OLD[:2]
