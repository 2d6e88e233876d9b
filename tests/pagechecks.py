"""What a person must never see on a page: the checks every browser journey runs.

``assert_fit_for_people(page, language)`` fails on what PRODUCT.md names as a
defect even when every element a test looks for is there: a horizontal
scrollbar on a phone, visible text that is a raw UID, a msgid, JSON, a
``\\uXXXX`` escape, an ISO timestamp or a Python traceback, an English
workflow word on a French, Dutch or German page, a French word of the demo's
texts on a Dutch page, Plone's editing toolbar
shown to a citizen, and any axe-core WCAG 2.1 AA violation on the whole page.

Use: ``from pagechecks import assert_fit_for_people`` in a browser test
(``tests/`` is on ``sys.path``), after the page has loaded.
"""

from browser import axe_violations

import re
import xml.etree.ElementTree as ET

from layout import package_glob

#: Phone width of the checks and of ``make screenshots``.
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}

_UID = re.compile(r"\b[0-9a-f]{32}\b")
# msgids are lower-case words joined by underscores with a known prefix.
_MSGID = re.compile(
    r"\b(?:label|help|heading|section|title|description|msg|button|error|"
    r"demo|status|text|summary|legend|column|mail|option)_[a-z0-9]+(?:_[a-z0-9]+)*\b"
)
_JSON = re.compile(r'[{\[]\s*"[^"\n]{1,80}"\s*:|"\s*:\s*[{\["]')
_ESCAPE = re.compile(r"\\u[0-9a-fA-F]{4}")
_ISO = re.compile(r"\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
#: "03/12/2026", "02-12-2026": a citizen reads dates in words (core's dates)
_NUMERIC_DATE = re.compile(r"\b\d{1,2}[/.-]\d{1,2}[/.-]\d{4}\b")
#: "15/12" without its year (a calendar's column, a closure): numbers to decode
_SHORT_NUMERIC_DATE = re.compile(r"(?<![\d/.])(?:0?[1-9]|[12]\d|3[01])/(?:0?[1-9]|1[0-2])(?![\d/])")
_TRACEBACK = re.compile(r"Traceback \(most recent call last\)|\b\w+(?:Error|Exception): ")


def workflow_ids():
    """The ids of every add-on's workflow states and transitions
    (``awaiting_payment``, ``accepted``…): shown to a person, they are raw values."""
    ids = set()
    for definition in package_glob("*/profiles/default/workflows/*/definition.xml"):
        root = ET.parse(definition).getroot()
        for node in root.iter():
            for attribute in ("state_id", "transition_id"):
                if node.tag in ("state", "transition") and node.get(attribute):
                    ids.add(node.get(attribute))
    return ids


def workflow_titles():
    """The English titles of every add-on's workflow states and transitions
    (``Confirmed``, ``Awaiting payment``, ``Take it``…): on a French, Dutch or
    German page they mean a title that was not translated."""
    titles = set()
    for definition in package_glob("*/profiles/default/workflows/*/definition.xml"):
        root = ET.parse(definition).getroot()
        for node in root.iter():
            if node.tag in ("state", "transition") and node.get("title"):
                titles.add(node.get("title"))
            if node.tag == "action" and node.text and node.text.strip():
                titles.add(node.text.strip())
    return titles


# Titles that read the same in French or Dutch are not English tells.
_SHARED = {"Archive", "Accept", "Publication", "Confirmation", "Information", "Session"}
#: English defaults of our own templates and of eea's widgets, when a translation is
#: missing or looked up in another template's domain (a macro used by eea's view).
ENGLISH_UI = ("Next page", "Previous page", "Results per page", "Sort on", "Open now",
              "Closed now")
ENGLISH_WORDS = sorted((workflow_titles() - _SHARED) | set(ENGLISH_UI), key=len,
                       reverse=True)
#: Raw values of our own vocabularies besides the workflow ids.
RAW_IDS = sorted((workflow_ids() | {"unpaid", "paid", "section_public", "section_private"})
                 - {"publish", "session"}, key=len, reverse=True)


#: French words of the demo's own texts that a Dutch page must never show (one of
#: them on a Dutch page means a text without its Dutch version). Names a commune
#: writes once (its name, streets, businesses, the wording of its decisions) are
#: not among them.
FRENCH_WORDS = ("Actualités", "Rechercher", "Réserver", "Commander", "Annoncée",
                "Lundi", "Mercredi", "Jeudi", "Vendredi", "décembre", "janvier",
                "délibération", "Légalisation", "Certificat", "État civil",
                "Conseil communal", "Collège communal", "Procès-verbal", "Salle communale",
                "Salle de réunion", "Hall omnisports", "Camionnette", "Vos démarches",
                "sur rendez-vous", "Administration générale",
                # the commune's name and address (the settings give them per language)
                "Commune de Démo", "Place de l'Hôtel de Ville",
                # the directory's categories (its names per language), never a business's name
                "Alimentation", "Habillement", "Producteurs locaux", "Agence immobilière",
                "Kinésithérapeute", "Menuisier", "Plombier", "Électricien", "Coiffeur",
                "Commerce équitable",
                # the French news and events (listings show the reader's language)
                "Marché de Noël", "Séance publique", "Collecte des sapins")

#: Plone's and eea's machine wording that no person says, in any language: the sort
#: widget's index names, "Reverse", the batch bar's "Next 8 item(s)".
MACHINE_WORDS = ("Sortable title", "Titre triable", "Sorteerbare titel",
                 "Sortierbarer Titel", "Omkeren", "Inverser", "item(s)", "élément(s)",
                 "éléments suivants", "éléments précédents", "Element(e)")
#: Still read on staff dashboards (eea's sort widget's reverse box, which staff use
#: on dates); citizen pages sort in words ("Nom (de A à Z)") and never show it.
STAFF_TOLERATED = ("Omkeren", "Inverser")


def visible_text(page):
    """The text a person reads: ``innerText`` of the body (hidden elements,
    scripts and styles are left out by the browser)."""
    return page.evaluate("() => document.body.innerText")


def text_defects(text, language, citizen=True):
    """What in ``text`` a person must not read, as a list of ``(kind, excerpt)``."""
    found = []
    for kind, pattern in (
        ("uid", _UID), ("msgid", _MSGID), ("json", _JSON), ("escape", _ESCAPE),
        ("iso-timestamp", _ISO), ("traceback", _TRACEBACK),
    ):
        for match in pattern.finditer(text):
            start = max(0, match.start() - 30)
            found.append((kind, text[start:match.end() + 30].replace("\n", " ")))
    for raw in RAW_IDS:
        if language == "en" and "_" not in raw:
            continue  # "confirmed" is a word on an English page
        # a URL, a path or a file name holding the id is not what is meant
        if re.search(r"(?<![\w/.@#=-])" + re.escape(raw) + r"(?![\w/-]|\.\w)", text):
            found.append(("raw-id", raw))
    if language == "nl":
        for word in FRENCH_WORDS:
            if re.search(r"(?<![\w-])" + re.escape(word) + r"(?![\w-])", text):
                found.append(("french", word))
    for word in MACHINE_WORDS:
        if not citizen and word in STAFF_TOLERATED:
            continue
        if re.search(r"(?<![\w-])" + re.escape(word) + r"(?![\w-])", text) or (
                word.endswith(")") and word in text):
            found.append(("machine-words", word))
    if language != "en":
        for word in ENGLISH_WORDS:
            if re.search(r"(?<![\w-])" + re.escape(word) + r"(?![\w-])", text):
                found.append(("english", word))
    return found


def horizontal_overflow(page):
    """How many CSS pixels the page is wider than the viewport (0 when it fits)."""
    return page.evaluate(
        "() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth)"
    )


def http_status(page):
    """The HTTP status of the page as loaded (a link a person followed to a 404 is a
    dead end, even when Plone dresses the 404 up as a page); 0 when unknown."""
    return page.evaluate(
        "() => { const n = performance.getEntriesByType('navigation')[0];"
        " return (n && n.responseStatus) || 0; }")


def toolbar_shown(page):
    """True when Plone's editing toolbar is on the page."""
    return page.evaluate(
        "() => !!document.querySelector('#edit-zone, .plone-toolbar-container, #plone-toolbar')"
    )


def assert_fit_for_people(page, language, label="", citizen=True, axe=True):
    """Fail with every defect at once: the message says what a person would see."""
    label = label or page.url
    problems = []
    overflow = horizontal_overflow(page)
    if overflow:
        problems.append(f"horizontal scroll of {overflow}px at width "
                        f"{page.viewport_size['width']}")
    problems.extend(f"{kind}: {excerpt!r}" for kind, excerpt in
                    text_defects(visible_text(page), language, citizen))
    if citizen:
        text = visible_text(page)
        problems.extend(f"numeric-date: {match.group(0)!r}"
                        for pattern in (_NUMERIC_DATE, _SHORT_NUMERIC_DATE)
                        for match in pattern.finditer(text))
    status = http_status(page)
    # 400 (or 429, over a limit) with the form shown again is how our forms answer
    # a value they refuse (the message beside the field); 401 is how a page says
    # which login or identity check it needs, with the ways to it: no dead end.
    way_on = {400: "#content form, main form", 429: "#content form, main form",
              401: "#content form, main form, #content a[href], main a[href]"}
    refused_form = status in way_on and page.evaluate(
        "(selector) => !!document.querySelector(selector)", way_on.get(status, ""))
    if status >= 400 and not refused_form:
        problems.append(f"the page answered HTTP {status}")
    if citizen and toolbar_shown(page):
        problems.append("Plone's toolbar is shown to a citizen")
    if axe:
        problems.extend(f"axe {rule} ({impact}): {targets}"
                        for rule, impact, targets in axe_violations(page))
    assert problems == [], f"{label}:\n  " + "\n  ".join(problems)
