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


def test_short_numeric_dates():
    from pagechecks import _SHORT_NUMERIC_DATE

    assert _SHORT_NUMERIC_DATE.findall("ma 30/11  di 01/12") == ["30/11", "01/12"]
    # a reference, a price, a model number, a full date (caught by the other) are not
    assert _SHORT_NUMERIC_DATE.findall("2026-000005, 2,50 €, modèle 596.1-596.2, "
                                       "03/12/2026, 1/2/3") == []


def test_machine_words_and_english_defaults():
    found = text_defects("Sorteer op\nSorteerbare titel\nOmkeren\nVolgende 8 item(s) >", "nl")
    assert ("machine-words", "Sorteerbare titel") in found
    assert ("machine-words", "Omkeren") in found
    assert ("machine-words", "item(s)") in found
    assert ("english", "Next page") in text_defects("1 2 Next page", "nl")
    assert text_defects("1 2 Page suivante, trier par nom", "fr") == []


def test_the_commune_and_its_categories_in_french_on_a_dutch_page():
    found = text_defects("Commune de Démo\nPlace de l'Hôtel de Ville 1\nAlimentation (5)",
                         "nl")
    assert {("french", "Commune de Démo"), ("french", "Place de l'Hôtel de Ville"),
            ("french", "Alimentation")} <= set(found)
    assert text_defects("Gemeente Demo\nStadhuisplein 1\nVoeding (5)", "nl") == []
