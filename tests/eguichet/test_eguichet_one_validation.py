"""One validation on every way in: the order form refuses what REST refuses, with the
same values, each message beside its field, nothing stored."""

from eguichethelpers import PASSWORD
from eguichethelpers import order_json
from eguichethelpers import orders_in
from eguichethelpers import rest

import html
import re
import requests

#: values the order's schema refuses, whichever way they come in
BAD = {"applicant_email": "alice@exemple", "applicant_phone": "0" * 41}


def test_form_and_rest_refuse_the_same_values(live):
    doctype = live.regulation
    answer = rest("POST", live.url, "alice", json=order_json(doctype, **BAD))
    assert answer.status_code == 400, answer.text
    assert {error["field"] for error in answer.json()["error"]["errors"]} == set(BAD)
    page = requests.get(f"{doctype.absolute_url()}/@@order", auth=("alice", PASSWORD),
                        timeout=60)
    token = re.search(r'name="_authenticator"\s+value="([^"]+)"', page.text).group(1)
    form = {"_authenticator": token, "form.submitted": "1", "quantity": "1",
            "delivery_method": "email", "applicant_name": "Alice Martin", **BAD}
    answer = requests.post(f"{doctype.absolute_url()}/@@order", data=form,
                           auth=("alice", PASSWORD), timeout=60)
    assert answer.status_code == 200
    text = html.unescape(answer.text)
    assert "This is not a valid e-mail address." in text
    for name in BAD:
        assert f'aria-describedby="error-{name}"' in text, name
    assert 'value="alice@exemple"' in text
    assert orders_in(live.catalog) == []
