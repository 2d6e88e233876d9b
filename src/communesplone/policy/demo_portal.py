"""The demo commune's portal: its logo, news and events in French and Dutch.

Called from :func:`communesplone.policy.demo.post_install`; idempotent like the
rest of the demo content.
"""

from communesplone.policy.structure import apply_structure
from communesplone.policy.structure import arrange_navigation
from communesplone.policy.structure import folder_of
from datetime import datetime
from datetime import timedelta
from pathlib import Path
from plone import api
from plone.app.textfield.value import RichTextValue
from plone.formwidget.namedfile.converter import b64encode_file

import pytz

LOGO = Path(__file__).parent / "demo_assets" / "logo-commune-de-demo.svg"

#: (id, language, title, description, days ago)
NEWS = (
    ("travaux-place-communale", "fr", "Travaux sur la place communale",
     "Du 4 au 22 janvier, la place est fermée à la circulation ; le marché du samedi "
     "s'installe rue de la Gare.", 1),
    ("werken-gemeenteplein", "nl", "Werken op het gemeenteplein",
     "Van 4 tot 22 januari is het plein afgesloten voor het verkeer; de zaterdagmarkt "
     "verhuist naar de Stationsstraat.", 1),
    ("documents-en-ligne", "fr", "Vos documents en ligne",
     "Composition de ménage, certificat de résidence : commandez-les sur l'e-guichet, "
     "sans vous déplacer.", 6),
    ("documenten-online", "nl", "Uw documenten online",
     "Gezinssamenstelling, verblijfsattest: bestel ze via het e-loket, zonder u te "
     "verplaatsen.", 6),
    ("collecte-sapins", "fr", "Collecte des sapins de Noël",
     "Déposez votre sapin, sans décoration, devant chez vous le 9 janvier avant 7 h.", 12),
    ("ophaling-kerstbomen", "nl", "Ophaling van kerstbomen",
     "Zet uw kerstboom, zonder versiering, op 9 januari voor 7 uur buiten.", 12),
)

#: (id, language, title, description, days ahead, hour or None for a whole day, location);
#: the council's public session is the demo's next meeting (deliberations' demo: in 20
#: days at 20 h), so the agenda and the council's page tell the same day.
EVENTS = (
    ("conseil-communal-public", "fr", "Séance publique du conseil communal",
     "L'ordre du jour est publié dix jours avant la séance.", 20, 20,
     "Hôtel de ville, salle du conseil"),
    ("openbare-gemeenteraad", "nl", "Openbare zitting van de gemeenteraad",
     "De agenda wordt tien dagen voor de zitting bekendgemaakt.", 20, 20,
     "Gemeentehuis, raadzaal"),
    ("marche-de-noel", "fr", "Marché de Noël",
     "Artisans, producteurs locaux et vin chaud au profit des associations.", 9, None,
     "Place communale"),
    ("kerstmarkt", "nl", "Kerstmarkt",
     "Ambachtslui, lokale producenten en glühwein ten voordele van de verenigingen.", 9,
     None, "Gemeenteplein"),
    ("atelier-numerique", "fr", "Atelier : vos démarches en ligne",
     "Apprenez à commander un document et à réserver une salle sur le site de la commune.",
     16, 14, "Bibliothèque communale"),
    ("digitale-workshop", "nl", "Workshop: uw aanvragen online",
     "Leer hoe u een document bestelt en een zaal reserveert op de website van de gemeente.",
     16, 14, "Gemeentelijke bibliotheek"),
)


def set_logo(portal):
    """The demo commune's arms as the site logo (Plone's ``plone.site_logo``)."""
    if not api.portal.get_registry_record("plone.site_logo", default=None):
        value = b64encode_file(LOGO.name, LOGO.read_bytes())
        api.portal.set_registry_record("plone.site_logo", value)


def _publish(obj, language):
    obj.language = language
    obj.reindexObject()
    if api.content.get_state(obj, default=None) != "published":
        api.content.transition(obj=obj, transition="publish")


def add_news(folder, now):
    for news_id, language, title, description, days_ago in NEWS:
        if news_id in folder.objectIds():
            continue
        item = api.content.create(container=folder, type="News Item", id=news_id,
                                  title=title, description=description,
                                  text=RichTextValue(f"<p>{description}</p>", "text/html",
                                                     "text/x-html-safe"))
        _publish(item, language)
        item.setEffectiveDate(now - timedelta(days=days_ago))
        item.reindexObject()


def add_events(folder, now, timezone):
    for event_id, language, title, description, days, hour, location in EVENTS:
        if event_id in folder.objectIds():
            continue
        day = (now + timedelta(days=days)).replace(tzinfo=None, minute=0, second=0,
                                                   microsecond=0)
        if hour is None:
            start, end = day.replace(hour=0), day.replace(hour=23, minute=59)
        else:
            start, end = day.replace(hour=hour), day.replace(hour=hour + 2)
        start, end = timezone.localize(start), timezone.localize(end)
        item = api.content.create(container=folder, type="Event", id=event_id, title=title,
                                  description=description, start=start, end=end,
                                  whole_day=hour is None, location=location)
        _publish(item, language)


def exclude_welcome_page(portal):
    """The welcome page stays, out of the navigation: the services page replaced it."""
    page = portal["bienvenue"] if "bienvenue" in portal.objectIds() else None
    if page is not None and not page.exclude_from_nav:
        page.exclude_from_nav = True
        page.reindexObject()


def populate(portal):
    """Logo, news, events and the site's structure around the add-ons' demo content."""
    timezone = api.portal.get_registry_record("plone.portal_timezone",
                                              default="Europe/Brussels")
    # pytz, as plone.app.event stores it (a zoneinfo tzinfo does not pickle in the ZODB)
    now = datetime.now(pytz.timezone(timezone))
    apply_structure(portal)
    set_logo(portal)
    add_news(folder_of("news_folder"), now)
    add_events(folder_of("events_folder"), now, pytz.timezone(timezone))
    exclude_welcome_page(portal)
    arrange_navigation(portal)
