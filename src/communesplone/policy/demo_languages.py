"""The demo commune in each of its languages: the add-ons' demo content gets its
title and description in the commune's other languages (``communesplone.translations``).

The add-ons' ``demo`` modules create their content in the site's language from
message ids; the same message ids, translated into each other language the
commune serves, fill the translation fields. The assemblies' names are not
message ids in their demo, so they are given here. Idempotent: a text already
filled in is kept (a site administrator may have corrected it).
"""

from communesplone.core.languages import commune_languages
from communesplone.core.languages import default_language
from plone import api
from zope.i18n import translate
from zope.i18nmessageid import Message

#: path from the site root -> (title, description): a message id of the
#: ``communesplone`` domain, or ``{language: text}`` for a name given here.
DEMO_TEXTS = {
    "reservations": ("demo_booking_folder_title", "demo_booking_folder_description"),
    "reservations/salle-communale": ("demo_booking_hall_title",
                                     "demo_booking_hall_description"),
    "reservations/salle-de-reunion": ("demo_booking_room_title",
                                      "demo_booking_room_description"),
    "reservations/hall-omnisports": ("demo_booking_sports_title",
                                     "demo_booking_sports_description"),
    "reservations/hall-omnisports-a": ("demo_booking_sports_a_title",
                                       "demo_booking_sports_a_description"),
    "reservations/hall-omnisports-b": ("demo_booking_sports_b_title",
                                       "demo_booking_sports_b_description"),
    "reservations/camionnette": ("demo_booking_van_title", "demo_booking_van_description"),
    "e-guichet": ("eguichet_demo_catalog", "eguichet_demo_catalog_description"),
    "e-guichet/certificat-de-residence": ("eguichet_demo_residence",
                                          "eguichet_demo_residence_description"),
    "e-guichet/composition-de-menage": ("eguichet_demo_household",
                                        "eguichet_demo_household_description"),
    "e-guichet/extrait-acte-de-naissance": ("eguichet_demo_birth",
                                            "eguichet_demo_birth_description"),
    "e-guichet/certificat-de-vie": ("eguichet_demo_life", "eguichet_demo_life_description"),
    "e-guichet/extrait-casier-judiciaire": ("eguichet_demo_criminal",
                                            "eguichet_demo_criminal_description"),
    "e-guichet/certificat-de-nationalite": ("eguichet_demo_nationality",
                                            "eguichet_demo_nationality_description"),
    "e-guichet/legalisation-de-signature": ("eguichet_demo_legalisation",
                                            "eguichet_demo_legalisation_description"),
    "e-guichet/copie-deliberation": ("eguichet_demo_deliberation",
                                     "eguichet_demo_deliberation_description"),
    "entreprises": ("demo_directory_title", "demo_directory_description"),
    "entreprises/search": ("directory_faceted_title", None),
    "conseil-communal": (
        {"fr": "Conseil communal", "nl": "Gemeenteraad", "de": "Gemeinderat",
         "en": "Municipal council"},
        None,
    ),
    "college-communal": (
        {"fr": "Collège communal", "nl": "Schepencollege",
         "de": "Gemeindekollegium", "en": "Board of mayor and aldermen"},
        None,
    ),
}

_MINUTES = {"fr": "Approbation du procès-verbal de la séance précédente",
            "nl": "Goedkeuring van de notulen van de vorige zitting",
            "de": "Genehmigung des Protokolls der vorigen Sitzung",
            "en": "Approval of the minutes of the previous meeting"}
#: The council's demo items: their titles in each language, as a Brussels
#: council writes its agenda (the texts of the decisions stay in French).
DEMO_ITEMS = {
    "conseil-communal/approbation-du-proces-verbal-de-la-seance-precedente": _MINUTES,
    "conseil-communal/approbation-du-proces-verbal-de-la-seance-precedente-1": _MINUTES,
    "conseil-communal/renovation-de-la-place-communale": {
        "nl": "Renovatie van het gemeenteplein", "de": "Erneuerung des Gemeindeplatzes",
        "en": "Renovation of the town square"},
    "conseil-communal/compte-communal-2025": {
        "nl": "Gemeenterekening 2025", "de": "Gemeinderechnung 2025",
        "en": "Municipal accounts 2025"},
    "conseil-communal/nomination-dun-agent": {
        "nl": "Benoeming van een personeelslid", "de": "Ernennung eines Bediensteten",
        "en": "Appointment of a staff member"},
    "conseil-communal/reglement-de-police-stationnement": {
        "nl": "Politiereglement: parkeren", "de": "Polizeiverordnung: Parken",
        "en": "Police regulation: parking"},
    "conseil-communal/budget-communal-2027": {
        "nl": "Gemeentebegroting 2027", "de": "Gemeindehaushalt 2027",
        "en": "Municipal budget 2027"},
    "college-communal/marche-de-fournitures-1": {
        "nl": "Overheidsopdracht voor leveringen 1", "de": "Lieferauftrag 1",
        "en": "Supply contract 1"},
    "college-communal/marche-de-fournitures-2": {
        "nl": "Overheidsopdracht voor leveringen 2", "de": "Lieferauftrag 2",
        "en": "Supply contract 2"},
}
DEMO_TEXTS.update({path: (titles, None) for path, titles in DEMO_ITEMS.items()})


def text_in(source, language):
    """``source`` (a message id or ``{language: text}``) in ``language``; None when
    there is no translation (a message id the catalogue lacks comes back as it is)."""
    if source is None:
        return None
    if isinstance(source, dict):
        return source.get(language)
    translated = translate(Message(source, domain="communesplone"), target_language=language)
    return translated if translated and translated != source else None


#: The site's own description (the front page's lead), from the preset in the
#: site's language; its other languages here.
SITE_DESCRIPTION = "demo_site_description"


def translate_site(portal, languages):
    """The front page's lead in the other languages (``description_<language>`` of the
    site root, read by :func:`communesplone.core.languages.translated_description`)."""
    changed = False
    for language in languages:
        text = text_in(SITE_DESCRIPTION, language)
        if text and not getattr(portal, f"description_{language}", None):
            setattr(portal, f"description_{language}", text)
            changed = True
    return changed


def translate_demo(portal):
    """Fill the translation fields of the demo content in every language the commune
    serves besides the site's; return the paths changed."""
    others = [code for code in commune_languages() if code != default_language()]
    changed = [""] if translate_site(portal, others) else []
    for path, (title, description) in DEMO_TEXTS.items():
        obj = portal.unrestrictedTraverse(path, None)
        if obj is None or not hasattr(obj, "title_nl"):
            continue  # the add-on is not installed, or its type has no translations
        touched = False
        for language in others:
            for name, source in (("title", title), ("description", description)):
                text = text_in(source, language)
                if text and not getattr(obj, f"{name}_{language}", None):
                    setattr(obj, f"{name}_{language}", text)
                    touched = True
        if touched:
            obj.reindexObject()
            changed.append(path)
    return changed


def post_install(portal=None):
    """Called at the end of the demo profile (``communesplone.policy.demo``)."""
    return translate_demo(portal or api.portal.get())
