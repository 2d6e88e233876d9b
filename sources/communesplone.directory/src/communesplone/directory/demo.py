"""Demo content of communesplone.directory: 30 businesses of a commune around Namur.

Names and enterprise numbers are made up (the numbers pass the KBO/BCE check);
postcodes, localities and coordinates are those of the real villages.
:func:`populate` is idempotent. It runs as Manager with mails suppressed.
"""

from communesplone.directory import _
from communesplone.directory.categories import parse_lines
from plone import api
from zope.i18n import translate

DIRECTORY_ID = "entreprises"

CATEGORIES = [
    "Commerce > Alimentation > Boulangerie",
    "Commerce > Alimentation > Boucherie",
    "Commerce > Alimentation > Épicerie",
    "Commerce > Alimentation > Fromagerie",
    "Commerce > Habillement",
    "Commerce > Librairie",
    "Commerce > Fleuriste",
    "Horeca > Restaurant",
    "Horeca > Café",
    "Horeca > Friterie",
    "Artisans > Menuisier",
    "Artisans > Plombier",
    "Artisans > Électricien",
    "Soins > Coiffeur",
    "Santé > Pharmacie",
    "Santé > Kinésithérapeute",
    "Services > Garage",
    "Services > Agence immobilière",
    "Producteurs locaux > Ferme",
    "Associations > Sport",
    "Associations > Culture",
    "Associations > Social",
    "Label > Commerce équitable",
]
RESERVED = ["Label > Commerce équitable"]

#: The categories' names in the commune's other languages ("Boulangerie = Bakkerij"
#: lines of ``category_names_<language>``); names that read the same are left out.
CATEGORY_NAMES = {
    "nl": {"Commerce": "Handel", "Alimentation": "Voeding", "Boulangerie": "Bakkerij",
           "Boucherie": "Slagerij", "Épicerie": "Kruidenierszaak", "Fromagerie": "Kaaswinkel",
           "Habillement": "Kleding", "Librairie": "Boekhandel", "Fleuriste": "Bloemist",
           "Café": "Café", "Friterie": "Frituur", "Artisans": "Vaklui",
           "Menuisier": "Schrijnwerker", "Plombier": "Loodgieter",
           "Électricien": "Elektricien", "Soins": "Verzorging", "Coiffeur": "Kapper",
           "Santé": "Gezondheid", "Pharmacie": "Apotheek",
           "Kinésithérapeute": "Kinesitherapeut", "Services": "Diensten",
           "Agence immobilière": "Immokantoor", "Producteurs locaux": "Lokale producenten",
           "Ferme": "Boerderij", "Associations": "Verenigingen", "Culture": "Cultuur",
           "Social": "Sociaal", "Commerce équitable": "Eerlijke handel"},
    "de": {"Commerce": "Handel", "Alimentation": "Lebensmittel", "Boulangerie": "Bäckerei",
           "Boucherie": "Metzgerei", "Épicerie": "Lebensmittelgeschäft",
           "Fromagerie": "Käserei", "Habillement": "Bekleidung", "Librairie": "Buchhandlung",
           "Fleuriste": "Blumengeschäft", "Friterie": "Frittenbude", "Artisans": "Handwerk",
           "Menuisier": "Schreiner", "Plombier": "Klempner", "Électricien": "Elektriker",
           "Soins": "Pflege", "Coiffeur": "Friseur", "Santé": "Gesundheit",
           "Pharmacie": "Apotheke", "Kinésithérapeute": "Physiotherapeut",
           "Services": "Dienstleistungen", "Agence immobilière": "Immobilienbüro",
           "Producteurs locaux": "Lokale Erzeuger", "Ferme": "Bauernhof",
           "Associations": "Vereine", "Culture": "Kultur", "Social": "Soziales",
           "Label": "Gütesiegel", "Commerce équitable": "Fairer Handel"},
    "en": {"Commerce": "Shops", "Alimentation": "Food", "Boulangerie": "Bakery",
           "Boucherie": "Butcher", "Épicerie": "Grocery", "Fromagerie": "Cheese shop",
           "Habillement": "Clothing", "Librairie": "Bookshop", "Fleuriste": "Florist",
           "Friterie": "Chip shop", "Artisans": "Craftsmen", "Menuisier": "Joiner",
           "Plombier": "Plumber", "Électricien": "Electrician", "Soins": "Care",
           "Coiffeur": "Hairdresser", "Santé": "Health", "Pharmacie": "Pharmacy",
           "Kinésithérapeute": "Physiotherapist", "Agence immobilière": "Estate agent",
           "Producteurs locaux": "Local producers", "Ferme": "Farm",
           "Associations": "Associations", "Culture": "Culture", "Social": "Social",
           "Commerce équitable": "Fair trade"},
}


def category_name_lines(language):
    """The ``category_names_<language>`` lines of the demo directory."""
    return [f"{name} = {translation}"
            for name, translation in CATEGORY_NAMES.get(language, {}).items()]

#: (locality, postcode, latitude, longitude): real villages of the commune of Namur
PLACES = {
    "namur": ("Namur", "5000", 50.4669, 4.8675),
    "jambes": ("Jambes", "5100", 50.4560, 4.8760),
    "wepion": ("Wépion", "5100", 50.4145, 4.8650),
    "erpent": ("Erpent", "5101", 50.4470, 4.9120),
    "malonne": ("Malonne", "5020", 50.4400, 4.8000),
    "temploux": ("Temploux", "5020", 50.4850, 4.7450),
    "bouge": ("Bouge", "5004", 50.4750, 4.8950),
    "saint-servais": ("Saint-Servais", "5002", 50.4750, 4.8400),
    "vedrin": ("Vedrin", "5020", 50.4990, 4.8720),
    "naninne": ("Naninne", "5100", 50.4200, 4.9300),
}

DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _week(ranges, days=DAYS[:5], **extra):
    weekly = dict.fromkeys(days, ranges)
    weekly.update(extra)
    return {"weekly": weekly}


SHOP = _week([["09:30", "18:30"]], DAYS[:6])
BAKERY = _week([["07:00", "18:30"]], DAYS[1:6], sunday=[["07:00", "13:00"]])
BUTCHER = _week([["08:30", "12:30"], ["14:00", "18:30"]], DAYS[1:6])
RESTAURANT = _week([["12:00", "14:30"], ["18:30", "22:00"]], DAYS[2:7])
CAFE = _week([["10:00", "24:00"]], DAYS[:5], friday=[["10:00", "24:00"]],
             saturday=[["00:00", "02:00"], ["10:00", "24:00"]], sunday=[["00:00", "02:00"]])
OFFICE = _week([["08:00", "12:00"], ["13:00", "17:00"]])
PHARMACY = _week([["08:30", "18:30"]], DAYS[:5], saturday=[["09:00", "12:30"]])
FARM = _week([["14:00", "18:00"]], ("wednesday", "friday"), saturday=[["09:00", "12:00"]])
HOLIDAYS = [{"start": "2026-12-24", "end": "2026-12-26", "reason": "Fêtes de fin d'année"},
            {"start": "2027-01-01"}]

#: id, name, description, categories, place, street, number, phone, hours, extra fields
BUSINESSES = (
    ("boulangerie-dubois", "Boulangerie Dubois", "Pain au levain, viennoiseries et tartes "
     "au sucre.", [0], "namur", "Rue de Fer", "25", "081 22 14 30", BAKERY,
     {"payment_methods": ["cash", "bancontact", "payconiq"], "languages": ["fr", "nl"],
      "translations": {"nl": {"title": "Bakkerij Dubois",
                              "description": "Zuurdesembrood, koffiekoeken en suikertaarten."},
                       "en": {"description": "Sourdough bread, pastries and sugar tarts."}}}),
    ("boucherie-lambert", "Boucherie Lambert", "Viandes de la région, plats préparés.", [1],
     "jambes", "Avenue Jean Materne", "112", "081 30 41 52", BUTCHER,
     {"payment_methods": ["cash", "bancontact", "meal_vouchers"]}),
    ("epicerie-du-coin", "L'Épicerie du Coin", "Épicerie de quartier, produits en vrac.",
     [2, 22], "saint-servais", "Chaussée de Waterloo", "210", "081 73 11 09", SHOP,
     {"accessibility": ["wheelchair"], "payment_methods": ["cash", "bancontact",
                                                           "local_voucher"]}),
    ("fromagerie-des-ardennes", "Fromagerie des Ardennes", "Plus de 200 fromages belges.",
     [3], "namur", "Rue de l'Ange", "48", "081 22 90 17", SHOP,
     {"website": "https://www.fromagerie-ardennes.example"}),
    ("la-boutique-de-lea", "La Boutique de Léa", "Prêt-à-porter femme et accessoires.", [4],
     "namur", "Rue de Bruxelles", "7", "081 24 55 61", SHOP, {}),
    ("librairie-papyrus", "Librairie Papyrus", "Librairie indépendante, rayon jeunesse.",
     [5], "namur", "Rue Bas de la Place", "16", "081 22 15 02", SHOP,
     {"accessibility": ["wheelchair", "hearing_loop"], "languages": ["fr", "nl", "en"]}),
    ("fleurs-de-meuse", "Fleurs de Meuse", "Fleuriste, compositions pour toutes occasions.",
     [6], "jambes", "Rue de Dave", "52", "081 31 62 20", SHOP, {}),
    ("le-bistrot-d-en-face", "Le Bistrot d'en Face", "Cuisine de saison, terrasse sur la "
     "Meuse.", [7], "wepion", "Chaussée de Dinant", "1020", "081 46 02 18", RESTAURANT,
     {"payment_methods": ["cash", "bancontact", "credit_card"],
      "translations": {"en": {"description": "Seasonal food, terrace by the Meuse."}}}),
    ("brasserie-la-citadelle", "Brasserie La Citadelle", "Brasserie namuroise, bières "
     "locales.", [7, 8], "namur", "Place d'Armes", "3", "081 22 33 44", RESTAURANT, {}),
    ("cafe-des-sports", "Café des Sports", "Le café du village, retransmissions sportives.",
     [8], "temploux", "Rue Visart de Bocarmé", "2", "081 56 70 12", CAFE, {}),
    ("friterie-chez-momo", "Friterie Chez Momo", "Frites fraîches et fricadelles.", [9],
     "bouge", "Chaussée de Louvain", "415", "081 21 98 77", RESTAURANT, {}),
    ("menuiserie-renard", "Menuiserie Renard", "Châssis, escaliers et mobilier sur mesure.",
     [10], "malonne", "Rue du Bois", "34", "081 44 12 60", OFFICE,
     {"website": "https://menuiserie-renard.example"}),
    ("plomberie-henrard", "Plomberie Henrard", "Sanitaire et chauffage, dépannage 7 jours "
     "sur 7.", [11], "erpent", "Chaussée de Marche", "590", "0475 12 34 56", OFFICE, {}),
    ("electricite-wauthier", "Électricité Wauthier", "Installations électriques, panneaux "
     "solaires.", [12], "naninne", "Rue des Pieds d'Alouette", "9", "0496 77 88 99", OFFICE,
     {}),
    ("salon-nathalie", "Salon Nathalie", "Coiffure dames, hommes et enfants.", [13], "vedrin",
     "Rue Saint-Martin", "18", "081 21 45 67", _week([["09:00", "18:00"]], DAYS[1:6]), {}),
    ("pharmacie-du-centre", "Pharmacie du Centre", "Pharmacie, orthopédie, matériel "
     "médical.", [14], "namur", "Rue de l'Ange", "1", "081 22 00 11", PHARMACY,
     {"accessibility": ["wheelchair", "baby_changing"]}),
    ("pharmacie-de-jambes", "Pharmacie de Jambes", "Pharmacie de garde le week-end selon "
     "le rôle.", [14], "jambes", "Avenue Jean Materne", "35", "081 30 11 22", PHARMACY, {}),
    ("kine-mosan", "Cabinet de kinésithérapie Mosan", "Kinésithérapie, rééducation "
     "sportive.", [15], "saint-servais", "Rue Henri Lemaître", "71", "081 73 45 45", OFFICE,
     {"languages": ["fr", "en", "de"]}),
    ("garage-martin", "Garage Martin", "Entretien et réparation toutes marques.", [16],
     "bouge", "Chaussée de Louvain", "640", "081 20 30 40", OFFICE,
     {"payment_methods": ["bancontact", "transfer"]}),
    ("immo-confluent", "Immo Confluent", "Vente et location de biens à Namur et environs.",
     [17], "namur", "Boulevard d'Herbatte", "140", "081 25 25 25", OFFICE, {}),
    ("ferme-de-la-vallee", "Ferme de la Vallée", "Produits de la ferme, colis de viande, "
     "œufs.", [18, 22], "temploux", "Rue de la Vallée", "5", "081 56 11 33", FARM,
     {"payment_methods": ["cash", "payconiq"]}),
    ("ferme-du-chenoy", "Ferme du Chenoy", "Fromages de chèvre et glaces artisanales.", [18],
     "naninne", "Rue du Chenoy", "12", "081 40 22 11", FARM, {}),
    ("rfc-malonne", "RFC Malonne", "Club de football, équipes de jeunes et vétérans.", [19],
     "malonne", "Rue Fond de Malonne", "127", "", {}, {"enterprise_number": ""}),
    ("badminton-club-jambes", "Badminton Club Jambes", "Badminton loisir et compétition.",
     [19], "jambes", "Rue Mazy", "25", "", {}, {"enterprise_number": ""}),
    ("cercle-d-histoire", "Cercle d'histoire de Wépion", "Conférences et publications sur "
     "le village.", [20], "wepion", "Rue Armand de Wasseige", "3", "", {},
     {"enterprise_number": ""}),
    ("les-amis-du-folklore", "Les Amis du Folklore", "Échasseurs et fêtes de Wallonie.",
     [20], "namur", "Rue du Président", "12", "", {}, {"enterprise_number": ""}),
    ("resto-du-coeur", "Le Resto du Cœur de Namur", "Repas et aide alimentaire.", [21],
     "saint-servais", "Rue Saint-Donat", "3", "081 73 62 00",
     _week([["11:30", "14:00"]]), {"enterprise_number": ""}),
    ("epicerie-sociale", "Épicerie sociale Bouge", "Courses à petit prix sur orientation du "
     "CPAS.", [21, 2], "bouge", "Rue de Hoyoux", "8", "081 21 12 12",
     _week([["13:00", "17:00"]], ("tuesday", "thursday")), {}),
    # for the editors' dashboard: waiting, refused
    ("nouvelle-boulangerie", "Boulangerie Nouvelle Vague", "Ouverture prochaine.", [0],
     "erpent", "Rue Lucien Bodart", "2", "", BAKERY, {"state": "pending"}),
    ("vente-en-ligne", "Vente en ligne SPRL", "Sans établissement dans la commune.", [4],
     "namur", "", "", "", {}, {"state": "rejected"}),
)


def enterprise_number(index):
    """A made-up enterprise number that passes the mod-97 check."""
    base = 8_100_000 + index * 7_919
    digits = f"0{base:07d}"
    return f"{digits}{97 - int(digits) % 97:02d}"


def _t(message, language):
    return translate(message, target_language=language)


def _directory(portal, language):
    if DIRECTORY_ID in portal.objectIds():
        return portal[DIRECTORY_ID]
    directory = api.content.create(
        container=portal, type="BusinessDirectory", id=DIRECTORY_ID,
        title=_t(_("demo_directory_title", default="Businesses and associations"), language),
        description=_t(_("demo_directory_description",
                         default="The shops, craftsmen, professionals and associations of "
                         "the commune."), language),
        categories=parse_lines(CATEGORIES), reserved_categories=RESERVED,
        **{f"category_names_{code}": category_name_lines(code)
           for code in CATEGORY_NAMES if code != language},
    )
    return directory


def populate(portal, language):
    """A directory with its categories and 30 entries (28 published); idempotent."""
    directory = _directory(portal, language)
    for index, (entry_id, title, description, categories, place, street, number, phone,
                hours, extra) in enumerate(BUSINESSES):
        if entry_id in directory.objectIds():
            continue
        locality, postcode, latitude, longitude = PLACES[place]
        fields = dict(extra)
        state = fields.pop("state", "published")
        # spread the entries of one village around its centre
        offset = ((index * 37) % 11 - 5) / 2000.0
        business = api.content.create(
            container=directory, type="Business", id=entry_id, title=title,
            description=description, categories=[CATEGORIES[i] for i in categories],
            street=street, number=number, postcode=postcode, locality=locality,
            latitude=round(latitude + offset, 5), longitude=round(longitude - offset, 5),
            phone=phone, email=f"info@{entry_id}.example",
            enterprise_number=fields.pop("enterprise_number", enterprise_number(index)),
            opening_hours=dict(hours, closures=HOLIDAYS) if hours else {},
            **fields,
        )
        if state == "published":
            api.content.transition(obj=business, transition="publish")
        else:
            api.content.transition(obj=business, transition="submit")
            if state == "rejected":
                api.content.transition(
                    obj=business, transition="reject",
                    comment=_t(_("demo_directory_reject_reason",
                                 default="No establishment in the commune."), language))
    return directory
