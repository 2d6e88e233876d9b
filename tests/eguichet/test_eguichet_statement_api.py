"""REST ``POST <catalog>/@import-statement``: the page's import, over real HTTP.

The statements are real CODA 2.x records (``codafile.coda``) and CSV text
built here; the orders are made by the applicant, the import by the staff.
"""

from codafile import coda
from eguichethelpers import order
from eguichethelpers import PASSWORD
from eguichethelpers import rest
from plone import api

import base64
import json
import codecs
import pytest
import re
import requests
import transaction

IBAN = "BE68539007547034"


@pytest.fixture
def unpaid(live):
    """Three orders of alice awaiting payment: 5.00, 11.50, 5.00 EUR; fabien (facilities)."""
    with api.env.adopt_user("alice"):
        made = (order(live.catalog, live.residence),
                order(live.catalog, live.residence, quantity=2, delivery_method="post"),
                order(live.catalog, live.residence))
    with api.env.adopt_roles(["Manager"]):
        api.user.create(email="fabien@example.org", username="fabien", password=PASSWORD)
        api.group.add_user(groupname="communesplone-facilities", username="fabien")
    transaction.commit()
    return made


def _digits(made):
    return "".join(c for c in made.structured_communication if c.isdigit())


def _url(live):
    return f"{live.url}/@import-statement"


def _upload(live, user, content, filename="statement.cod", **extra):
    data = content.encode("latin-1") if isinstance(content, str) else content
    return rest("POST", _url(live), user, files={"file": (filename, data)}, data=extra)


def _json(live, user, content, **fields):
    data = content.encode("utf-8") if isinstance(content, str) else content
    body = {"filename": "statement.csv", "data": base64.b64encode(data).decode("ascii")}
    body.update(fields)
    return rest("POST", _url(live), user, json=body)


def _fresh(*orders):
    transaction.begin()
    return [made.payment_status for made in orders]


def _paid_entries(made):
    history = made.workflow_history["communesplone_documentorder_workflow"]
    return [entry for entry in history if entry["action"] == "confirm_payment"]


def test_coda_upload_pays_reports_and_is_idempotent(live, unpaid):
    first, second, third = unpaid
    statement = coda([
        (500, _digits(first), "", "MARTIN ALICE", IBAN),
        (1000, _digits(second), "", "MARTIN ALICE", IBAN),  # 11.50 due
        (700, "000000000097", "", "DUPONT", IBAN),  # valid, unknown
        (300, None, "certificat svp", "PEETERS", IBAN),
        (-4000, None, "Loyer", "PROPRIETAIRE", IBAN),
        (500, _digits(first), "", "MARTIN ALICE", IBAN),  # the same payment twice
    ])
    answer = _upload(live, "paula", statement)
    assert answer.status_code == 200, answer.text
    report = answer.json()
    assert [row["reference"] for row in report["matched"]] == [first.reference]
    assert report["matched"][0]["amount"] == "5.00"
    assert [row["reason"] for row in report["unmatched"]] == [
        "amount_too_low", "unknown_communication", "no_communication", "debit", "already_paid"]
    assert all(row["reason_text"] for row in report["unmatched"])
    assert [row["line"] for row in report["duplicates"]] == [report["unmatched"][-1]["line"]]
    assert report["counts"] == {"lines": 6, "matched": 1, "unmatched": 5, "duplicates": 1}
    assert report["filename"] == "statement.cod"
    assert _fresh(first, second, third) == ["paid", "unpaid", "unpaid"]
    assert api.content.get_state(first) == "submitted"
    # the same file again pays nothing twice
    again = _upload(live, "paula", statement).json()
    assert again["matched"] == []
    assert [row["reason"] for row in again["duplicates"]] == ["already_paid", "already_paid"]
    transaction.begin()
    assert len(_paid_entries(first)) == 1


@pytest.mark.parametrize("format_", ["csv", "auto", None])
def test_csv_as_json_base64(live, unpaid, format_):
    first, second, _third = unpaid
    text = ("date;amount;communication;counterparty\n"
            f"2026-03-02;11,50;{second.structured_communication};Alice Martin\n"
            "2026-03-03;3,00;+++123/4567/89003+++;Bob\n")
    fields = {"format": format_} if format_ else {}
    answer = _json(live, "paula", text, **fields)
    assert answer.status_code == 200, answer.text
    report = answer.json()
    assert [row["reference"] for row in report["matched"]] == [second.reference]
    assert report["matched"][0]["value_date"] == "2026-03-02"
    assert [row["reason"] for row in report["unmatched"]] == ["no_communication"]
    assert _fresh(first, second) == ["unpaid", "paid"]


def test_utf16_with_bom_and_latin1_are_read(live, unpaid):
    first, second, _third = unpaid
    text = ("amount;communication;counterparty\n"
            f"5.00;{first.structured_communication};Hélène Müller\n")
    answer = _upload(live, "paula", codecs.BOM_UTF16_LE + text.encode("utf-16-le"), "s.csv")
    assert answer.status_code == 200, answer.text
    assert [row["reference"] for row in answer.json()["matched"]] == [first.reference]
    latin = text.replace(first.structured_communication, second.structured_communication)
    latin = latin.replace("5.00", "11.50").encode("latin-1")
    answer = _upload(live, "paula", latin, "s.csv", format="csv")
    assert answer.status_code == 200, answer.text
    assert answer.json()["matched"][0]["reference"] == second.reference


def test_page_and_rest_share_the_import(live, unpaid):
    """Paid on the page, the same file through REST is a duplicate, and the other way round."""
    first, second, _third = unpaid
    on_page = coda([(500, _digits(first), "", "MARTIN ALICE", IBAN)])
    session = requests.Session()
    session.auth = ("paula", PASSWORD)
    page = session.get(f"{live.url}/@@import-statement", timeout=60)
    assert page.status_code == 200
    token = re.search(r'name="_authenticator"\s+value="([^"]+)"', page.text).group(1)
    posted = session.post(f"{live.url}/@@import-statement", data={"_authenticator": token},
                          files={"statement": ("s.cod", on_page.encode())}, timeout=60)
    assert posted.status_code == 200 and first.reference in posted.text
    assert _fresh(first) == ["paid"]
    answer = _upload(live, "paula", on_page)
    assert answer.json()["matched"] == [] and len(answer.json()["duplicates"]) == 1
    through_rest = coda([(1150, _digits(second), "", "MARTIN ALICE", IBAN)])
    assert _upload(live, "paula", through_rest).json()["matched"][0]["reference"] \
        == second.reference
    posted = session.post(f"{live.url}/@@import-statement", data={"_authenticator": token},
                          files={"statement": ("s.cod", through_rest.encode())}, timeout=60)
    assert posted.status_code == 200
    assert "already paid" in posted.text or "déjà payée" in posted.text
    transaction.begin()
    assert len(_paid_entries(second)) == 1


@pytest.mark.parametrize("user, statuses", [
    (None, (401,)),  # anonymous
    ("alice", (401, 403)),  # the applicant herself
    ("bob", (401, 403)),  # another citizen
    ("fabien", (403,)),  # a service that does not process orders (facilities)
])
def test_who_may_not_import(live, unpaid, user, statuses):
    first = unpaid[0]
    statement = coda([(500, _digits(first), "", "MARTIN ALICE", IBAN)])
    for answer in (_upload(live, user, statement), _json(live, user, statement)):
        assert answer.status_code in statuses, (answer.status_code, answer.text)
        assert first.reference not in answer.text
    assert _fresh(first) == ["unpaid"]


def test_another_processing_service_pays_nothing_it_cannot_see(live, unpaid):
    """Civil status may import, but the population's orders are unknown to it."""
    first = unpaid[0]
    answer = _upload(live, "cedric", coda([(500, _digits(first), "", "MARTIN ALICE", IBAN)]))
    assert answer.status_code == 200
    assert [row["reason"] for row in answer.json()["unmatched"]] == ["unknown_communication"]
    assert first.reference not in answer.text
    assert _fresh(first) == ["unpaid"]


def _paying_csv(made, padding=0):
    """A CSV that would pay ``made``, padded with ``padding`` debit lines."""
    lines = ["amount;communication", f"5.00;{made.structured_communication}"]
    lines += ["-1.00;"] * padding
    return "\n".join(lines) + "\n"


def _bad_inputs(first):
    paying = _paying_csv(first)
    return {
        "not a statement": ("upload", b"hello;world\n1;2\n", {}, "file"),
        "coda forced on csv": ("upload", paying.encode(), {"format": "coda"}, "file"),
        "empty file": ("upload", b"", {}, "file"),
        "blank file": ("json", b"  \r\n\r\n", {}, "data"),
        "utf-16 without BOM": ("upload", paying.encode("utf-16-le"), {}, "file"),
        "binary": ("upload", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\x00\x01\x02" + paying.encode(),
                   {}, "file"),
        "too large": ("upload", _paying_csv(first, padding=200_000).encode(), {}, "file"),
        "too large as json": ("json", _paying_csv(first, padding=200_000).encode(), {}, "data"),
        "unknown format": ("json", paying.encode(), {"format": "mt940"}, "format"),
        "bad base64": ("raw", {"filename": "x.csv", "data": "not base64 !"}, {}, "data"),
        "no file": ("raw", {"filename": "x.csv"}, {}, "data"),
        "upload without file": ("form", None, {"format": "csv"}, "file"),
    }


BAD = ["not a statement", "coda forced on csv", "empty file", "blank file",
       "utf-16 without BOM", "binary", "too large", "too large as json", "unknown format",
       "bad base64", "no file", "upload without file"]


@pytest.mark.parametrize("case", BAD)
def test_bad_input_answers_400_and_pays_nothing(live, unpaid, case):
    first = unpaid[0]
    api.portal.set_registry_record("communesplone.eguichet.max_upload_mb", 1)
    transaction.commit()
    how, content, extra, field = _bad_inputs(first)[case]
    if how == "upload":
        answer = _upload(live, "paula", content, **extra)
    elif how == "json":
        answer = _json(live, "paula", content, **extra)
    elif how == "form":
        answer = rest("POST", _url(live), "paula", files={"other": ("x.txt", b"x")},
                      data=extra)
    else:
        answer = rest("POST", _url(live), "paula", json=content)
    assert answer.status_code == 400, answer.text
    error = answer.json()["error"]
    assert error["type"] == "ValidationError" and error["message"]
    assert [item["field"] for item in error["errors"]] == [field]
    assert _fresh(first) == ["unpaid"]


def test_a_file_under_the_limit_pays(live, unpaid):
    """The limit is what refuses the padded file: a shorter one pays, a larger limit too."""
    first, second, _third = unpaid
    api.portal.set_registry_record("communesplone.eguichet.max_upload_mb", 1)
    transaction.commit()
    answer = _upload(live, "paula", _paying_csv(first, padding=1000).encode())
    assert answer.status_code == 200, answer.text
    assert answer.json()["matched"][0]["reference"] == first.reference
    api.portal.set_registry_record("communesplone.eguichet.max_upload_mb", 2)
    transaction.commit()
    big = _paying_csv(second, padding=200_000).replace("5.00;", "11.50;", 1)
    answer = _json(live, "paula", big)  # 1.4 MB, 1.9 MB of JSON
    assert answer.status_code == 200, answer.text[:500]
    assert answer.json()["matched"][0]["reference"] == second.reference


def test_page_refuses_bad_files_with_a_message(live, unpaid):
    first = unpaid[0]
    session = requests.Session()
    session.auth = ("paula", PASSWORD)
    page = session.get(f"{live.url}/@@import-statement", timeout=60)
    token = re.search(r'name="_authenticator"\s+value="([^"]+)"', page.text).group(1)
    for content in (b"", _paying_csv(first).encode("utf-16-le"), b"hello;world\n"):
        posted = session.post(f"{live.url}/@@import-statement",
                              data={"_authenticator": token},
                              files={"statement": ("s.csv", content)}, timeout=60)
        assert posted.status_code == 200
        assert 'role="alert"' in posted.text, posted.text[-2000:]
    assert _fresh(first) == ["unpaid"]


def test_error_is_translated(live, unpaid):
    api.portal.set_registry_record("plone.available_languages", ["fr", "nl", "en"])
    api.portal.set_registry_record("plone.use_request_negotiation", True)
    transaction.commit()
    messages = {}
    for language in ("fr", "nl", "en"):
        answer = rest("POST", _url(live), "paula", files={"file": ("x.csv", b"hello;world\n")},
                      headers={"Accept-Language": language})
        assert answer.status_code == 400
        messages[language] = answer.json()["error"]["message"]
    assert messages["fr"].startswith("Ce fichier n'est pas un extrait de compte CODA ou CSV")
    assert messages["nl"].startswith("Dit bestand is geen CODA- of CSV-rekeninguittreksel")
    assert messages["en"].startswith("This file is not a CODA or CSV statement")


def _doc_example():
    """The JSON answer printed in docs/eguichet.md for ``@import-statement``."""
    import pathlib

    text = (pathlib.Path(__file__).parents[2] / "docs" / "eguichet.md").read_text()
    section = text[text.index("POST <catalog>/@import-statement` (staff)"):]
    block = section[section.index("```json") + len("```json"):]
    return json.loads(block[:block.index("```")].replace("\n  ", "\n"))


def test_docs_example_is_what_the_service_answers(live, unpaid):
    """The example of the docs, replayed: two credits, one pays, one is too low."""
    from datetime import date

    first, second, _third = unpaid
    statement = coda([(500, _digits(first), "", "MARTIN ALICE", IBAN),
                      (1000, _digits(second), "", "MARTIN ALICE", IBAN)], day=date(2026, 3, 2))
    answer = _upload(live, "paula", statement, filename="2026-03-02.cod").json()
    example = _doc_example()
    year = first.reference[:4]
    replaced = json.dumps(example).replace("2026-0000", f"{year}-0000").replace(
        '"202600000', f'"{_digits(first)[:9]}')
    example = json.loads(replaced)
    assert answer["@id"].endswith(example["@id"].split("...")[-1])
    del answer["@id"], example["@id"]
    assert answer == example
