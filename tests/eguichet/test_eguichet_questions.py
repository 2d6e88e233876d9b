"""A document type's questions: rows in the edit form, the same JSON through REST.

Before and after the upgrade step, REST reads and writes the stored list of
dicts unchanged; the edit form shows each question as a block of fields
(no JSON, no escaped accent), keeps an unchanged question as it was stored,
and refuses a bad row with the message beside its cell, without JavaScript.
"""

from formposts import form_values
from formposts import save
from communesplone.eguichet.questions import to_row
from communesplone.eguichet.questions import to_stored
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD

import copy
import html
import pytest
import requests
import transaction

AUTH = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
QUESTIONS = [
    {"name": "purpose", "type": "choice", "required": True,
     "label": {"fr": "Motif", "nl": "Reden", "en": "Purpose"},
     "options": ["employeur", "école", "autre"]},
    {"name": "person", "type": "person", "required": True,
     "label": {"fr": "Personne concernée", "nl": "Betrokken persoon"}},
    {"name": "pages", "type": "number", "required": True, "min": 1, "max": 20,
     "label": {"fr": "Nombre de documents"}},
    {"name": "when", "type": "date", "required": False, "past_only": False,
     "label": {"fr": "Date de l'événement"}},
    {"name": "remark", "type": "longtext", "required": False, "label": {"de": "Bemerkung"}},
]


@pytest.mark.parametrize("question", QUESTIONS, ids=[q["name"] for q in QUESTIONS])
def test_a_question_comes_back_from_its_row_as_it_was(question):
    assert to_stored(to_row(question)) == question


def test_a_plain_label_is_the_sites_language_in_the_row():
    row = to_row({"name": "remark", "type": "text", "label": "Remarque"})
    assert row["label_fr"] == "Remarque" and row["label_nl"] is None
    assert to_stored(row) == {"name": "remark", "type": "text", "required": False,
                              "label": {"fr": "Remarque"}}


def _rest(method, url, **kwargs):
    return requests.request(method, url, auth=AUTH, headers={"Accept": "application/json"},
                            timeout=60, **kwargs)


def test_rest_reads_and_writes_the_same_json_before_and_after_the_upgrade(live):
    from communesplone.eguichet.upgrades.to1004 import upgrade
    from plone import api

    doctype = live.residence
    old = copy.deepcopy(QUESTIONS) + [{"name": "remark2", "type": "text", "label": "Remarque"}]
    doctype.order_fields = tuple(old)  # what an older JSON field could keep
    transaction.commit()
    url = doctype.absolute_url()
    assert _rest("GET", url).json()["order_fields"] == old
    with api.env.adopt_roles(["Manager"]):
        upgrade(api.portal.get_tool("portal_setup"))
    transaction.commit()
    assert type(doctype.order_fields) is list and doctype.order_fields == old
    assert _rest("GET", url).json()["order_fields"] == old
    # PATCH the same shape: stored as sent (a plain label stays plain)
    changed = copy.deepcopy(old)
    changed[0]["options"].append("administration")
    answer = _rest("PATCH", url, json={"order_fields": changed})
    assert answer.status_code == 204, answer.text
    assert _rest("GET", url).json()["order_fields"] == changed
    # a bad question is refused with a message; nothing changes
    for bad in ({"name": "Bad Name", "type": "text", "label": "x"},
                {"name": "colour", "type": "choice", "label": "x"},
                {"name": "n", "type": "number", "label": "x", "min": 9, "max": 1}):
        answer = _rest("PATCH", url, json={"order_fields": [*changed, bad]})
        assert answer.status_code == 400, answer.text
        # plone.restapi's answer to a refused PATCH of content, as for every field
        assert "order_fields" in answer.json()["message"]
        assert "The fields of the order are not valid" in answer.json()["message"]
    answer = _rest("PATCH", url, json={"order_fields": [changed[0], changed[0]]})
    assert answer.status_code == 400
    assert _rest("GET", url).json()["order_fields"] == changed




def test_the_edit_form_shows_rows_keeps_them_and_refuses_a_bad_row(live):
    doctype = live.residence
    doctype.order_fields = copy.deepcopy(QUESTIONS)
    transaction.commit()
    url = f"{doctype.absolute_url()}/@@edit"
    page = requests.get(url, auth=AUTH, timeout=60, headers={"Accept-Language": "fr"})
    assert page.status_code == 200
    text = html.unescape(page.text)
    assert 'value="Personne concernée"' in text
    assert '"name": "purpose"' not in text and "\\u00e9" not in text
    assert "Choix dans une liste" in text  # the kind of answer in words
    form = form_values(page.text)
    # saved unchanged: every question is stored as it was
    answer = save(url, form)
    assert answer.status_code == 200 and "Il y a des erreurs" not in answer.text
    assert not answer.url.endswith("@@edit")  # saved: back to the document type
    transaction.begin()
    assert doctype.order_fields == QUESTIONS
    # a choice without its options, a name used twice: the messages in their rows
    answer = save(url, form, **{"form.widgets.order_fields.0.widgets.options": "",
                                 "form.widgets.order_fields.4.widgets.name": "pages"})
    text = html.unescape(answer.text)
    options = text.index('id="form-widgets-order_fields-0-widgets-options"')
    assert "Un choix a besoin de ses options" in text[options:options + 900]
    name = text.index('<input name="form.widgets.order_fields.4.widgets.name"')
    assert "Une autre question porte ce nom." in text[name:name + 900]
    assert 'value="pages"' in text[name:name + 300]  # what was typed is kept
    transaction.begin()
    assert doctype.order_fields == QUESTIONS
    # a name with a capital letter: the column's own message
    answer = save(url, form, **{"form.widgets.order_fields.1.widgets.name": "Personne"})
    text = html.unescape(answer.text)
    name = text.index('<input name="form.widgets.order_fields.1.widgets.name"')
    assert "Des minuscules" in text[name:name + 900]
    transaction.begin()
    assert doctype.order_fields == QUESTIONS


def test_a_question_added_in_the_form_is_stored_in_the_api_shape(live):
    doctype = live.residence
    doctype.order_fields = copy.deepcopy(QUESTIONS[:1])
    transaction.commit()
    url = f"{doctype.absolute_url()}/@@edit"
    form = form_values(requests.get(url, auth=AUTH, timeout=60,
                                     headers={"Accept-Language": "fr"}).text)
    prefix = "form.widgets.order_fields.1.widgets."
    # what the grid's script does on "add a row": a copy of the template row, renamed
    form.update({key.replace(".TT", ".1"): value for key, value in form.items()
                 if ".TT" in key})
    form.update({
        "form.widgets.order_fields.count": "2",
        f"{prefix}name": "pages", f"{prefix}type:list": "number",
        f"{prefix}label_fr": "Nombre de pages", f"{prefix}label_nl": "Aantal pagina's",
        f"{prefix}min": "1", f"{prefix}max": "20", f"{prefix}required:list": "selected",
        "form.widgets.order_fields.1-empty-marker": "1",
    })
    answer = save(url, form)
    assert answer.status_code == 200 and "Il y a des erreurs" not in answer.text
    transaction.begin()
    assert doctype.order_fields[1] == {
        "name": "pages", "type": "number", "required": True,
        "label": {"fr": "Nombre de pages", "nl": "Aantal pagina's"}, "min": 1, "max": 20}
    answer = _rest("GET", doctype.absolute_url())
    assert answer.json()["order_fields"] == doctype.order_fields
