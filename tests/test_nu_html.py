"""The Nu HTML checker on the citizen pages of the demo commune, in French and Dutch.

The pages a citizen reaches (front page, e-guichet, a document type and its
order form, the bookings, the directory's search with its results and an
entry, the council's pages, Mon espace) are fetched as served and checked by
``vnu.jar`` (``tests/htmlcheck.py``). Any error fails the test, except the
errors Plone's own markup makes on every page, each excluded by its exact
message and listed with its reason in docs/opendata.md (:data:`PLONE_OWN`).
The directory's results, which eea.facetednavigation loads by XHR, are checked
inside a minimal document of their own.
"""

from htmlcheck import check
from htmlcheck import errors
from journeys import CITIZEN
from journeys import ensure_citizen
from journeys import find
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD

import pytest
import re
import requests

pytestmark = pytest.mark.slow

#: What a browser of each language asks for (the demo commune speaks both).
HEADERS = {"fr": {"Accept-Language": "fr-BE,fr;q=0.9", "Accept": "text/html"},
           "nl": {"Accept-Language": "nl-BE,nl;q=0.9", "Accept": "text/html"}}
#: The link to next week's grid of a resource, as each language says it.
NEXT_WEEK = {"fr": "Semaine suivante", "nl": "Volgende week"}
#: Errors of Plone 6.2.2's own markup, by exact message, each with a piece of the
#: markup that must be in the checker's extract (so our own error of the same kind
#: is not excused) and where it comes from; docs/opendata.md lists them with why.
PLONE_OWN = {
    # Products.CMFPlone 6.2.2 resources/browser/resource.py passes a bundle's
    # ``load_defer`` (a bool) to webresource, which writes it as text: every
    # deferred bundle (eea.facetednavigation's, ours) gets defer="True".
    "Bad value “True” for attribute “defer” on element “script”.":
        ("data-bundle=", "Plone's resource registry"),
    # plone.app.layout's personal tools (the ``user`` actions: log in, register...)
    "Attribute “icon” not allowed on element “a” at this point.":
        ('id="personaltools-', "Plone's personal tools"),
    # plonetheme.barceloneta's theme/index.html: the navigation's offcanvas panel
    "The “aria-labelledby” attribute must not be specified on any “div” element unless the "
    "element has a “role” value other than “caption”, “code”, “deletion”, “emphasis”, "
    "“generic”, “insertion”, “paragraph”, “presentation”, “strong”, “subscript”, or "
    "“superscript”.": ('id="offcanvasNavbar"', "Barceloneta's offcanvas navigation"),
    # plone.app.theming (Diazo) writes its http-equiv Content-Type first in <head>, then
    # Barceloneta's icons; main_template's <meta charset> comes after them
    "A “charset” attribute on a “meta” element found after the first 1024 bytes.":
        ('<meta charset="utf-8"', "Diazo and Barceloneta's head"),
    "A document must not include both a “meta” element with an “http-equiv” attribute whose "
    "value is “content-type”, and a “meta” element with a “charset” attribute.":
        ("<meta", "Diazo and main_template"),
}
WRAPPER = ('<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>Résultats</title>'
           "</head><body><main>{body}</main></body></html>")


def _get(url, auth=None, language="fr"):
    answer = requests.get(url, headers=HEADERS[language], auth=auth, timeout=60)
    assert answer.status_code == 200, (url, answer.status_code)
    return answer.text


def _plone_own(message):
    marker, _where = PLONE_OWN.get(message["message"], (None, None))
    return marker is not None and marker in message.get("extract", "")


def _body(fragment):
    """What the faceted script inserts of ``@@faceted_query``'s answer: its body."""
    found = re.search(r"<body[^>]*>(.*)</body>", fragment, re.S)
    return found.group(1) if found else fragment


def _link(html, pattern):
    found = re.search(r'href="([^"]*' + pattern + r'[^"]*)"', html)
    return found.group(1).replace("&amp;", "&") if found else None


@pytest.fixture(params=["fr", "nl"])
def pages(demo_commune, request):
    import transaction
    from functools import partial

    language = request.param
    get = partial(_get, language=language)
    site = demo_commune["portal"].absolute_url()
    admin = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    citizen = (CITIZEN["username"], CITIZEN["password"])
    transaction.commit()
    ensure_citizen(site, admin)
    first = {name: find(site, admin, **query)[0] for name, query in {
        "catalog": {"portal_type": "DocumentCatalog"},
        "document": {"portal_type": "DocumentType", "review_state": "published"},
        "folder": {"portal_type": "ResourceFolder"},
        "resource": {"portal_type": "Resource"},
        "directory": {"portal_type": "BusinessDirectory"},
        "entry": {"portal_type": "Business", "review_state": "published"},
        "assembly": {"portal_type": "Assembly"},
        "meeting": {"portal_type": "Meeting", "review_state": "frozen"},
        "decision": {"portal_type": "MeetingItem", "review_state": "published"},
    }.items()}
    html = {
        "accueil": get(site),
        "e-guichet": get(first["catalog"]),
        "document": get(first["document"], citizen),
        "reservations": get(first["folder"]),
        "salle": get(first["resource"]),
        "annuaire": get(f"{first['directory']}/search"),
        "annuaire-resultats": WRAPPER.format(lang=language, body=_body(get(
            f"{first['directory']}/search/@@faceted_query"))),
        "fiche": get(first["entry"]),
        "conseil": get(first["assembly"]),
        "ordre-du-jour": get(first["meeting"]),
        "decision": get(first["decision"]),
        "calendrier-du-conseil": get(f"{site}/@@deliberations-calendar"),
        "recherche-des-decisions": get(f"{site}/@@deliberations-search?SearchableText=place"),
        "mon-espace": get(f"{site}/@@my-space", citizen),
    }
    # the pages are served in the language asked for (else this checks French twice)
    assert re.search(r'<html[^>]*\blang="' + language, html["accueil"]), language
    order = _link(html["document"], "@@order")
    if order:
        html["commande"] = get(order if order.startswith("http") else f"{site}/{order}", citizen)
    # the booking form of a free slot (next week's: this week's may be past)
    salle = get(first["resource"], citizen)
    week = re.search(r'href="([^"]*week=[^"]*)"[^>]*>\s*' + NEXT_WEEK[language], salle)
    if week:
        salle = get(week.group(1).replace("&amp;", "&"), citizen)
    slot = re.search(r'class="slot-link[^"]*"\s+href="([^"]+)"', salle)
    if slot:
        html["reservation"] = get(slot.group(1).replace("&amp;", "&"), citizen)
    return html


def test_the_citizen_pages_have_no_html_error_of_ours(pages):
    assert {"commande", "reservation"} <= set(pages), sorted(pages)
    report = check(pages)
    ours = {name: [f"{message['message']} [{message.get('extract', '').strip()}] "
                   f"line {message.get('lastLine')}"
                   for message in errors(messages) if not _plone_own(message)]
            for name, messages in report.items()}
    assert {name: found for name, found in ours.items() if found} == {}


def test_the_checker_finds_an_error_of_ours():
    """The stray ``</wbr>`` the issue found on the faceted page: reported."""
    [found] = errors(check({"x": WRAPPER.format(lang="fr", body="<p>a</wbr>b</p>")})["x"])
    assert found["message"] == "Stray end tag “wbr”."


def test_our_error_of_a_kind_plone_makes_is_not_excused():
    [found] = errors(check({"x": WRAPPER.format(
        lang="fr", body='<div id="ours" aria-labelledby="t"><h2 id="t">T</h2></div>')})["x"])
    assert found["message"] in PLONE_OWN and not _plone_own(found)
