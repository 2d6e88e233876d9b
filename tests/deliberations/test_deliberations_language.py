"""The council's names in the reader's language (``deliberations.language``)."""

from communesplone.deliberations.language import category_title


def test_a_default_category_is_read_in_the_readers_language(integration):
    finances = {"id": "finances", "title": "Finances"}
    assert category_title(finances, "nl") == "Financiën"
    assert category_title({"id": "general", "title": "Administration générale"}, "nl") == \
        "Algemeen bestuur"
    assert category_title({"id": "minutes", "title": "Procès-verbal"}, "fr") == "Procès-verbal"


def test_a_category_of_the_communes_own_keeps_its_name(integration):
    renamed = {"id": "finances", "title": "Finances et budget"}
    assert category_title(renamed, "nl") == "Finances et budget"
    assert category_title({"id": "sport", "title": "Sports"}, "nl") == "Sports"
