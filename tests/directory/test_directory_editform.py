"""The entry's edit form in the browser: bad input shows a message on the field, keeps
what was typed, saves nothing; never a traceback."""

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
