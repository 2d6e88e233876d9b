"""The entry's edit form in the browser: bad input shows a message on the field, keeps
what was typed, saves nothing; never a traceback."""

from directoryhelpers import HOURS
from directoryhelpers import PASSWORD
from directoryhelpers import make_business

import pytest
import re
import requests
import transaction


@pytest.mark.parametrize(("hours", "message"), [
    ('{"weekly": {"monday": [["18:00", "09:00"]]}}', "ends before it starts"),
    ("{not json at all", None),
    ('{"weekly": {"monday": [["09:00", "12:00"], ["11:00", "13:00"]]}}', "overlap"),
])
def test_owner_edit_with_bad_hours(live, hours, message):
    business = make_business(live["directory"], "chez-alice", owner="alice")
    transaction.commit()
    session = requests.Session()
    session.auth = ("alice", PASSWORD)
    page = session.get(f"{business.absolute_url()}/edit", timeout=60)
    assert page.status_code == 200
    token = re.search(r'name="_authenticator"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*'
                      r'name="_authenticator"', page.text)
    token = token.group(1) or token.group(2)
    answer = session.post(f"{business.absolute_url()}/@@edit", data={
        "_authenticator": token,
        "form.widgets.IBasic.title": "Chez Alice modifié",
        "form.widgets.postcode": "5000",
        "form.widgets.opening_hours": hours,
        "form.buttons.save": "Save",
    }, timeout=60)
    assert answer.status_code == 200, answer.text[-2000:]
    if message:
        assert message in answer.text
    assert "There were some errors" in answer.text
    assert "Chez Alice modifié" in answer.text  # what was typed is kept
    transaction.begin()
    assert business.title == "Chez Alice"  # nothing saved
    assert business.opening_hours["weekly"]["monday"] == [["09:00", "12:00"],
                                                          ["13:30", "18:00"]]


def _edit(business, hours):
    session = requests.Session()
    session.auth = ("alice", PASSWORD)
    page = session.get(f"{business.absolute_url()}/edit", timeout=60)
    assert page.status_code == 200
    token = re.search(r'name="_authenticator"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*'
                      r'name="_authenticator"', page.text)
    token = token.group(1) or token.group(2)
    answer = session.post(f"{business.absolute_url()}/@@edit", data={
        "_authenticator": token,
        "form.widgets.IBasic.title": "Chez Alice",
        "form.widgets.postcode": "5000",
        "form.widgets.opening_hours": hours,
        "form.buttons.save": "Save",
    }, timeout=60)
    return page, answer, session


def test_owner_writes_hours_as_on_the_door(live):
    business = make_business(live["directory"], "chez-alice", owner="alice",
                              opening_hours={"weekly": HOURS["weekly"]})
    transaction.commit()
    page, answer, session = _edit(business, "lundi-vendredi 9h-18h, fermé le mercredi")
    # the form shows the stored hours in words (the site's language), not JSON
    assert "Monday-Friday 09:00-12:00, 13:30-18:00; Saturday 09:00-12:30" in page.text
    assert "[[&quot;09:00&quot;" not in page.text
    assert answer.status_code == 200 and "There were some errors" not in answer.text
    transaction.begin()
    assert business.opening_hours == {"weekly": {
        day: [["09:00", "18:00"]] for day in ("monday", "tuesday", "thursday", "friday")}}
    again = session.get(f"{business.absolute_url()}/edit", timeout=60)
    assert "Monday, Tuesday 09:00-18:00; Thursday, Friday 09:00-18:00" in again.text


def test_owner_hours_not_understood_are_named_and_kept(live):
    business = make_business(live["directory"], "chez-alice", owner="alice")
    transaction.commit()
    _page, answer, _session = _edit(business, "9h-18h le matin")
    assert "There were some errors" in answer.text
    assert "We did not understand \u00ab matin \u00bb" in answer.text
    assert "9h-18h le matin</textarea>" in answer.text
    transaction.begin()
    assert business.opening_hours["weekly"]["monday"] == [["09:00", "12:00"],
                                                          ["13:30", "18:00"]]


def test_hours_with_closures_in_words_in_the_form(live):
    hours = {"weekly": {"monday": [["09:00", "12:00"]]},
             "closures": [{"start": "2026-12-24", "end": "2026-12-26", "reason": "Fêtes"}]}
    business = make_business(live["directory"], "chez-alice", owner="alice",
                              opening_hours=hours)
    transaction.commit()
    page, answer, _session = _edit(business, "mardi 10h-12h; fermé le 24/12/2026")
    # shown in words (the site's language here is English), closures included
    assert "Monday 09:00-12:00; closed from 24/12/2026 to 26/12/2026 (Fêtes)" in page.text
    assert "There were some errors" not in answer.text
    transaction.begin()
    assert business.opening_hours == {"weekly": {"tuesday": [["10:00", "12:00"]]},
                                      "closures": [{"start": "2026-12-24"}]}
    # JSON typed in the box is still read
    _page, answer, _session = _edit(business, '{"weekly": {"friday": [["10:00", "12:00"]]}}')
    assert "There were some errors" not in answer.text
    transaction.begin()
    assert business.opening_hours == {"weekly": {"friday": [["10:00", "12:00"]]}}
