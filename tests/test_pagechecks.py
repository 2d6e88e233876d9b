"""The checks of ``pagechecks`` catch what they name (no browser needed)."""

from pagechecks import _NUMERIC_DATE
from pagechecks import text_defects


def test_french_words_on_a_dutch_page():
    found = text_defects("Nieuws\nActualités\nAnnoncée pour le jeudi 3 décembre", "nl")
    assert ("french", "Actualités") in found
    assert ("french", "décembre") in found
    # the same words are at home on a French page
    assert not [kind for kind, _excerpt in text_defects("Actualités, décembre", "fr")
                if kind == "french"]
    # a name written once (a street, a business) is no defect
    assert text_defects("Boulangerie Dubois, Place communale 1", "nl") == []


def test_numeric_dates():
    assert _NUMERIC_DATE.findall("Aangekondigd voor 03/12/2026, gewijzigd 02-12-2026") == [
        "03/12/2026", "02-12-2026"]
    assert _NUMERIC_DATE.findall("Bestelling 2026-000005, ma 30/11") == []
