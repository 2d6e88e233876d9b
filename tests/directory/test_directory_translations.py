"""An entry's translations: one row a language in the edit form (posted as a browser
without JavaScript does), the same dict by language through REST before and after the
upgrade step; a language twice, an unknown language and a text over its limit are refused
with a translated message (beside the row in the form), and nothing is lost."""

from directoryhelpers import PASSWORD
from directoryhelpers import make_business
from directoryhelpers import rest
from formposts import AUTH
from formposts import form_values
from formposts import save

import html
import pytest
import requests
import transaction

OLD = {"nl": {"title": "Bij Alice", "description": ""},
       "de": {"text": "Hallo\n\nWelt"}}
STORED = {"nl": {"title": "Bij Alice"}, "de": {"text": "Hallo\n\nWelt"}}
ROW = "form.widgets.translations.{}.widgets.{}"


def _json(method, url, user=None, body=None, language="fr"):
    auth = (user, PASSWORD) if user else AUTH
    return requests.request(method, url, auth=auth, json=body, timeout=60,
                            headers={"Accept": "application/json",
                                     "Accept-Language": language})


def test_the_field_stores_the_dict_it_shows_as_rows(live):
    from communesplone.directory.content.business import IBusiness

    field = IBusiness["translations"]
    rows = field.to_rows(STORED)
    assert rows == [{"title": "Bij Alice", "language": "nl"},
                    {"text": "Hallo\n\nWelt", "language": "de"}]
    assert field.to_stored(rows) == STORED
    assert field.to_stored([{"language": "en", "title": "", "description": None,
                             "text": "Hi"}]) == {"en": {"text": "Hi"}}


def test_upgrade_keeps_old_translations_and_rest_reads_the_same_json(live):
    from communesplone.directory.upgrades.v1007 import upgrade
    from plone import api

    business = make_business(live["directory"], "chez-alice", owner="alice",
                             translations=dict(OLD))
    kept = make_business(live["directory"], "chez-bob", translations=None)
    transaction.commit()
    url = business.absolute_url()
    assert _json("GET", url).json()["translations"] == OLD
    with api.env.adopt_roles(["Manager"]):
        upgrade(api.portal.get_tool("portal_setup"))
    transaction.commit()
    assert business.translations == STORED and type(business.translations) is dict
    assert kept.translations == {}
    assert _json("GET", url).json()["translations"] == STORED
    assert business.translated("title", "nl") == "Bij Alice"
    assert business.translated("description", "nl") == ""  # falls back to the site's
    page = requests.get(url, timeout=60, headers={"Accept-Language": "nl"},
                        cookies={"I18N_LANGUAGE": "nl"})
    assert page.status_code == 200


@pytest.mark.parametrize(("bad", "message"), [
    ({"xx": {"title": "Iets"}}, "Les traductions se donnent par langue"),
    ({"nl": {"title": "B" * 201}}, "Ce texte est trop long"),
    ({"nl": {"title": "Bij\x00Alice"}}, "caractères de contrôle invisibles"),
    ({"nl": {"color": "rood"}}, "Les traductions se donnent par langue"),
    (["nl", "Bij Alice"], "Les traductions se donnent par langue"),
])
def test_rest_refuses_bad_translations_and_keeps_the_stored_ones(live, bad, message):
    business = make_business(live["directory"], "chez-alice", owner="alice",
                             translations=dict(STORED))
    transaction.commit()
    url = business.absolute_url()
    answer = _json("PATCH", url, body={"translations": bad})
    assert answer.status_code == 400, answer.text
    error = answer.json()["error"]
    assert error["type"] == "ValidationError"
    [field_error] = [item for item in error["errors"] if item["field"] == "translations"]
    assert message in field_error["message"], field_error
    assert _json("GET", url).json()["translations"] == STORED
    good = {"nl": {"title": "Bij Alice"}, "en": {"title": "At Alice's"}}
    assert _json("PATCH", url, body={"translations": good}).status_code == 204
    assert _json("GET", url).json()["translations"] == good


def test_who_must_not_edit_the_translations_cannot(live):
    business = make_business(live["directory"], "chez-alice", owner="alice",
                             translations=dict(STORED))
    transaction.commit()
    url = business.absolute_url()
    change = {"translations": {"nl": {"title": "Overgenomen"}}}
    assert rest("PATCH", url, "bob", json=change).status_code in (401, 403)
    assert rest("PATCH", url, None, json=change).status_code in (401, 403)
    page = requests.get(f"{url}/@@edit", auth=("bob", PASSWORD), timeout=60)
    assert "form.widgets.translations" not in page.text
    transaction.begin()
    assert business.translations == STORED
    assert rest("PATCH", url, "alice", json=change).status_code == 204  # the owner may


def test_the_edit_form_shows_rows_keeps_them_and_refuses_a_bad_row(live):
    business = make_business(live["directory"], "chez-alice", owner="alice",
                             translations=dict(STORED))
    transaction.commit()
    url = f"{business.absolute_url()}/@@edit"
    page = requests.get(url, auth=AUTH, timeout=60, headers={"Accept-Language": "fr"})
    assert page.status_code == 200
    text = html.unescape(page.text)
    assert '{"nl"' not in text  # no JSON to type
    form = form_values(page.text)
    assert form[ROW.format(0, "language:list")] == "nl"
    assert form[ROW.format(0, "title")] == "Bij Alice"
    assert form[ROW.format(1, "text")] == "Hallo\n\nWelt"
    # saved as it is shown: the same dict
    answer = save(url, form)
    assert "Il y a des erreurs" not in answer.text
    transaction.begin()
    assert business.translations == STORED
    # a language twice: refused beside the second row's language, what was typed is kept
    answer = save(url, form, **{ROW.format(1, "language:list"): "nl",
                                ROW.format(1, "title"): "Tweede naam"})
    assert answer.status_code in (200, 400)
    text = html.unescape(answer.text)
    cell = text.index('id="formfield-form-widgets-translations-1-widgets-language"')
    assert "Cette langue a déjà sa ligne" in text[cell:cell + 2000]
    assert 'value="Tweede naam"' in text
    first = text.index('id="formfield-form-widgets-translations-0-widgets-language"')
    assert "Cette langue a déjà sa ligne" not in text[first:cell]
    transaction.begin()
    assert business.translations == STORED
    # a name over the limit: refused in its row
    answer = save(url, form, **{ROW.format(0, "title"): "B" * 201})
    text = html.unescape(answer.text)
    cell = text.index('id="formfield-form-widgets-translations-0-widgets-title"')
    assert "Ce texte est trop long" in text[cell:cell + 2000]
    transaction.begin()
    assert business.translations == STORED
    # a changed row and an emptied text are saved in the same shape
    answer = save(url, form, **{ROW.format(1, "language:list"): "en",
                                ROW.format(1, "text"): "Hello"})
    assert "Il y a des erreurs" not in answer.text
    transaction.begin()
    assert business.translations == {"nl": {"title": "Bij Alice"}, "en": {"text": "Hello"}}
    assert _json("GET", business.absolute_url()).json()["translations"] == \
        business.translations


def test_the_propose_form_does_not_ask_for_translations(live):
    """A citizen proposing an entry never sets its translations (staff and the owner do)."""
    from communesplone.directory.registration import PROPOSAL_FIELDS

    assert "translations" not in PROPOSAL_FIELDS
    page = requests.get(f"{live['url']}/@@propose-business", timeout=60,
                        headers={"Accept-Language": "fr"})
    assert page.status_code == 200
    assert "Traductions" not in page.text and "translations" not in page.text


def test_a_language_is_added_without_javascript(live):
    """The grid's empty last row, typed in by a browser without JavaScript, is a new row."""
    business = make_business(live["directory"], "chez-alice", owner="alice",
                             translations=dict(STORED))
    transaction.commit()
    url = f"{business.absolute_url()}/@@edit"
    form = form_values(requests.get(url, auth=AUTH, timeout=60).text)
    # untouched, the last row adds nothing
    answer = save(url, form)
    assert "Il y a des erreurs" not in answer.text
    transaction.begin()
    assert business.translations == STORED
    answer = save(url, form, **{ROW.format("AA", "language:list"): "en",
                                ROW.format("AA", "title"): "At Alice's"})
    assert "Il y a des erreurs" not in answer.text
    transaction.begin()
    assert business.translations == dict(STORED, en={"title": "At Alice's"})
    # typed in the last row, a language already given is refused beside it, kept as typed
    form = form_values(requests.get(url, auth=AUTH, timeout=60).text)
    answer = save(url, form, **{ROW.format("AA", "language:list"): "nl",
                                ROW.format("AA", "title"): "Nog eens"})
    text = html.unescape(answer.text)
    cell = text.index('id="formfield-form-widgets-translations-3-widgets-language"')
    assert "Cette langue a déjà sa ligne" in text[cell:cell + 2000]
    assert 'value="Nog eens"' in text
    transaction.begin()
    assert business.translations == dict(STORED, en={"title": "At Alice's"})
