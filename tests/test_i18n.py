"""The catalogues are complete, compiled at start-up, and pages speak the site's language."""

from pathlib import Path
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD

import polib
import re
import pytest
import requests
import transaction

LOCALES = Path(__file__).resolve().parents[1] / "src" / "communesplone" / "locales"


@pytest.mark.parametrize("language", ["fr", "nl", "de", "en"])
def test_catalogue_complete(language):
    # i18ndude's header comments ("#--- PLEASE EDIT ...") are not read by polib.
    pot_text = (LOCALES / "communesplone.pot").read_text()
    pot = polib.pofile(re.sub(r"(?m)^#[^.:, |].*\n", "", pot_text))
    po = polib.pofile(str(LOCALES / language / "LC_MESSAGES" / "communesplone.po"))
    translated = {entry.msgid for entry in po.translated_entries()}
    missing = sorted({entry.msgid for entry in pot} - translated)
    assert missing == []
    assert po.fuzzy_entries() == []


@pytest.mark.parametrize("language", ["fr", "nl", "de", "en"])
def test_translations_keep_the_line_breaks_and_variables(language):
    """A translation has the line breaks of its default (not a literal backslash-n)
    and the same ``${variables}``."""
    po = polib.pofile(str(LOCALES / language / "LC_MESSAGES" / "communesplone.po"))
    literal = [entry.msgid for entry in po if "\\n" in entry.msgstr]
    assert literal == []
    pot_text = (LOCALES / "communesplone.pot").read_text()
    pot = polib.pofile(re.sub(r"(?m)^#[^.:, |].*\n", "", pot_text))
    defaults = {}
    for entry in pot:
        found = re.search(r'Default: "(.*)"\s*$', " ".join(entry.comment.splitlines()))
        if found:
            defaults[entry.msgid] = set(re.findall(r"\$\{(\w+)\}", found.group(1)))
    mismatched = [entry.msgid for entry in po if entry.msgid in defaults and entry.msgstr
                  and set(re.findall(r"\$\{(\w+)\}", entry.msgstr)) != defaults[entry.msgid]]
    assert mismatched == []


def test_mo_compiled_at_start_up():
    # zope.i18n compiles the .po files when the ZCML is loaded (by the layers).
    assert (LOCALES / "fr" / "LC_MESSAGES" / "communesplone.mo").exists()


@pytest.mark.parametrize(
    ("language", "label", "help_text"),
    [
        ("fr", "Nom de la commune", "Langues activées"),
        ("nl", "Naam van de gemeente", "Ingeschakelde talen"),
        ("en", "Name of the commune", "Enabled languages"),
    ],
)
def test_controlpanel_in_the_site_language(functional, language, label, help_text):
    api.portal.set_registry_record("plone.available_languages", [language])
    api.portal.set_registry_record("plone.default_language", language)
    transaction.commit()
    page = requests.get(
        f"{functional['portal'].absolute_url()}/@@commune-controlpanel",
        auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD), timeout=60,
    )
    assert page.status_code == 200
    assert f'lang="{language}"' in page.text
    assert label in page.text
    assert help_text in page.text
