"""An assembly's members, categories and item templates: rows edited in a grid, stored as
the same dicts. REST reads and writes the same JSON before and after the upgrade step;
a bad row is refused with the message in its row, in the browser without JavaScript."""

from formposts import form_values
from communesplone.deliberations.rows import complete_row
from communesplone.deliberations.rows import IMemberRow
from deliberationhelpers import MEMBERS
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD

import copy
import html
import re
import requests
import transaction

OLD_CATEGORIES = [{"id": "general", "title": "Administration générale", "order": 10},
                  {"id": "ecoles", "title": "Écoles", "parent": "general", "order": 2,
                   "secret_ballot": False}]


def _rest(method, url, **kwargs):
    return requests.request(method, url, auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD),
                            headers={"Accept": "application/json"}, timeout=60, **kwargs)


def _same(rows, old):
    """The rows read back hold the old values; the keys added are empty (a member
    stored without ``voting`` votes, and says so)."""
    assert len(rows) == len(old)
    for row, before in zip(rows, old, strict=True):
        assert {k: v for k, v in row.items() if k in before} == before
        assert all(row[k] is (True if k == "voting" else None) or row[k] is False and
                   k == "secret_ballot" for k in row if k not in before), row


def _write_the_old_way(council):
    """What the JSON fields stored: dicts without their optional keys."""
    council.members = copy.deepcopy(MEMBERS)
    council.categories = copy.deepcopy(OLD_CATEGORIES)


def test_rest_before_and_after_the_upgrade(live):
    from communesplone.deliberations.upgrades.to1005 import upgrade

    council = live["council"]
    _write_the_old_way(council)
    transaction.commit()
    before = _rest("GET", live["url"]).json()
    _same(before["members"], MEMBERS)
    assert before["categories"] == OLD_CATEGORIES
    with api.env.adopt_roles(["Manager"]):
        upgrade(api.portal.get_tool("portal_setup"))
    transaction.commit()
    assert council.members[0] == complete_row(MEMBERS[0], IMemberRow)
    after = _rest("GET", live["url"]).json()
    _same(after["members"], MEMBERS)
    _same(after["categories"], OLD_CATEGORIES)
    assert council.category_sort_key("ecoles") == (10, 2)
    # a client that PATCHes the old shape (optional keys left out) is understood
    renamed = copy.deepcopy(MEMBERS)
    renamed[1]["name"] = "Bruno Échevin"
    answer = _rest("PATCH", live["url"], json={"members": renamed,
                                               "categories": OLD_CATEGORIES})
    assert answer.status_code == 204, answer.text
    transaction.begin()
    _same(council.members, renamed)
    assert council.is_secret_category("ecoles") is False
    # a bad row is refused, nothing changes
    bad = [{"id": "Marie Dupont", "name": "Marie Dupont", "mandate_start": "02/12/2024"}]
    answer = _rest("PATCH", live["url"], json={"members": MEMBERS + bad})
    assert answer.status_code == 400, answer.text
    transaction.begin()
    assert len(council.members) == len(MEMBERS)


def test_the_edit_form_shows_rows_and_refuses_a_bad_row(live):
    url = f"{live['url']}/@@edit"
    auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    page = requests.get(url, auth=auth, timeout=60)
    assert page.status_code == 200
    text = html.unescape(page.text)
    # every member is a row of fields, in words: no JSON, no escaped accent
    assert 'value="Chloé Conseillère"' in text
    assert "\\u00e9" not in text and '"id": "m1"' not in text
    assert "Échevin" in text or "Alderman" in text  # the function in words
    form = form_values(text)
    form["form.widgets.members.2.widgets.mandate_start"] = "02/12/2024"
    form["form.buttons.save"] = "Save"
    answer = requests.post(url, data=form, auth=auth, timeout=60)
    text = html.unescape(answer.text)
    assert "A date as 2024-12-02 (year-month-day)." in text
    # the message is beside the bad date, in its row; what was typed is kept
    field = text.index('<input name="form.widgets.members.2.widgets.mandate_start"')
    assert 'value="02/12/2024"' in text[field:field + 200]
    assert "A date as 2024-12-02" in text[field:field + 600]
    assert text.count("A date as 2024-12-02") == 1
    assert re.search(r'name="form.widgets.members.2.widgets.name"[^>]*value="Chloé Conseillère"',
                     text)
    transaction.begin()
    assert live["council"].members[2].get("mandate_start") is None
