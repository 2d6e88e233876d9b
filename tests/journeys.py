"""The citizen journeys of the demo commune, walked in Chromium as a person would.

``make screenshots`` (scripts/screenshots.py) walks them on a running demo and
writes a PNG of every page; ``tests/test_journeys.py`` walks them on the demo
test layer and fails on what ``pagechecks`` finds. One walk, two uses: the
pictures in the guide are the pages the tests passed.
"""

from pagechecks import DESKTOP
from pagechecks import PHONE
from pagechecks import assert_fit_for_people

import base64
import re
import json
import urllib.error
import urllib.request

CITIZEN = {"username": "marie.dupont", "password": "Demo-citoyenne-2026",
           "email": "marie.dupont@example.org", "fullname": "Marie Dupont"}
#: The browser's language as a visitor's would ask for it.
LANGUAGES = {"fr": "fr-BE", "nl": "nl-BE"}
WIDTHS = {"1366": DESKTOP, "390": PHONE}


def _request(url, method="GET", payload=None, auth=None):
    data = None if payload is None else json.dumps(payload).encode()
    request = urllib.request.Request(url, data=data, method=method, headers={
        "Accept": "application/json", "Content-Type": "application/json",
        "Authorization": "Basic " + base64.b64encode(":".join(auth).encode()).decode(),
    })
    with urllib.request.urlopen(request, timeout=60) as answer:
        body = answer.read()
        return json.loads(body) if body else {}


def ensure_citizen(site, admin):
    """The demo citizen of the tour (a password account, as most citizens have)."""
    try:
        _request(f"{site}/@users", "POST", {**CITIZEN, "roles": ["Member"]}, auth=admin)
    except urllib.error.HTTPError as error:
        if error.code != 400:  # 400: she exists from an earlier tour
            raise


def find(site, admin, **query):
    """The URLs of what the catalog finds (as the administrator)."""
    query.setdefault("sort_on", "getObjPositionInParent")
    params = "&".join(f"{key}={value}" for key, value in query.items())
    found = _request(f"{site}/@search?{params}&b_size=50", auth=admin)
    return [item["@id"] for item in found["items"]]


class Tour:
    """One language at one width: a browser context and the pages it shot."""

    def __init__(self, browser, site, language, width, admin, folder=None):
        self.site, self.language, self.width = site, language, width
        self.admin = admin
        self.context = browser.new_context(locale=LANGUAGES[language],
                                           viewport=WIDTHS[width])
        self.page = self.context.new_page()
        # The map's tiles come from OpenStreetMap, out of reach here: never wait
        # for the network to go idle, a page is shot once it has loaded.
        self.page.set_default_timeout(15000)
        #: where the PNGs go (``make screenshots``); None: check only (the tests)
        self.folder = folder
        if folder is not None:
            folder.mkdir(parents=True, exist_ok=True)
        self.count = 0
        self.defects = []
        self.names = []
        self.citizen = False

    def go(self, url):
        self.page.goto(url, wait_until="load")

    def shot(self, name):
        """Screenshot the page as it is and check it as a person would see it."""
        self.count += 1
        self.names.append(name)
        label = f"{self.language}/{self.width}/{name} ({self.page.url})"
        self.page.wait_for_timeout(300)
        if self.folder is not None:
            self.page.screenshot(path=str(self.folder / f"{name}.png"),
                                 full_page=True)
        try:
            assert_fit_for_people(self.page, self.language, label=label, citizen=True)
        except AssertionError as error:
            self.defects.append(_shorten(str(error)))
        except Exception as error:
            self.defects.append(f"{label}: check failed: {error}")

    def login(self):
        if self.citizen:
            return
        self.go(f"{self.site}/login")
        self.page.fill("#__ac_name", CITIZEN["username"])
        self.page.fill("#__ac_password", CITIZEN["password"])
        self.page.click("#buttons-login")
        self.page.wait_for_load_state("load")
        self.citizen = True

    def try_step(self, label, action):
        try:
            action()
        except Exception as error:
            self.defects.append(f"{self.language}/{self.width} {label}: {error}"
                                .splitlines()[0])

    def close(self):
        self.context.close()


def _shorten(message, per_kind=4):
    """At most ``per_kind`` lines of each kind of defect: a page full of JSON
    says so in four lines, not four hundred."""
    kept, seen = [], {}
    for line in message.splitlines():
        kind = line.strip().split(":", 1)[0]
        seen[kind] = seen.get(kind, 0) + 1
        if seen[kind] <= per_kind:
            kept.append(line)
        elif seen[kind] == per_kind + 1:
            kept.append(f"  {kind}: …")
    return "\n".join(kept)


#: what the demo citizen books a room for (the guide shows it)
PURPOSE = "Assemblée générale du comité de quartier"
_REQUIRED_WORDS = ("obligatoire", "verplicht", "required", "erforderlich")


def _required_fields(form):
    """The fields a form requires: marked ``required``/``aria-required``, or
    labelled so ("(obligatoire)"), as people read it."""
    fields = form.locator("input[required], textarea[required], select[required], "
                          "[aria-required=true]").all()
    for label in form.locator("label[for]").all():
        if any(word in label.inner_text().lower() for word in _REQUIRED_WORDS):
            target = form.locator(f"[id='{label.get_attribute('for')}']")
            if target.count():
                fields.append(target.first)
    return fields


def fill_required(page, form):
    """Fill a form's required fields the way a citizen would, without knowing it."""
    for field in _required_fields(form):
        if not field.is_visible():
            continue
        kind = (field.get_attribute("type") or field.evaluate("e => e.tagName")).lower()
        if kind in ("checkbox", "radio"):
            field.check()
            continue
        if field.input_value():
            continue
        if kind == "select":
            values = [option.get_attribute("value")
                      for option in field.locator("option").all()
                      if option.get_attribute("value")]
            if values:
                field.select_option(values[0])
        elif kind == "email":
            field.fill(CITIZEN["email"])
        elif kind == "date":
            field.fill("1985-07-30")
        elif kind == "number" or "nombre" in (field.get_attribute("name") or ""):
            field.fill("1")
        elif "purpose" in (field.get_attribute("name") or ""):
            field.fill(PURPOSE)
        else:
            field.fill("Marie Dupont")


def journey_front(tour):
    tour.go(tour.site)
    tour.shot("accueil")


def journey_news(tour):
    """From the front page, as a visitor: "All the news", "All the events", an event."""
    tour.go(tour.site)
    tour.page.locator(".cp-home-news p > a").last.click()
    tour.page.wait_for_load_state("load")
    tour.shot("actualites")
    tour.go(tour.site)
    tour.page.locator(".cp-home-events p > a").last.click()
    tour.page.wait_for_load_state("load")
    tour.shot("agenda")
    tour.page.locator("#content-core a[href*='/agenda/']").first.click()
    tour.page.wait_for_load_state("load")
    tour.shot("evenement")
    switch_language_and_back(tour)


def switch_language_and_back(tour):
    """On an event written in the reader's language, the other language's switch leads
    to the events in that language (the folder), never to this text in a foreign
    frame; then back, so the rest of the tour stays in the tour's language."""
    other = next(code for code in LANGUAGES if code != tour.language)
    here = tour.page.url
    tour.page.locator(f"a[href*='set_language={other}']").first.click()
    tour.page.wait_for_load_state("load")
    landed = tour.page.url.split("?")[0].rstrip("/")
    language = tour.page.evaluate("() => document.documentElement.lang")
    folder = here.split("?")[0].rstrip("/").rsplit("/", 1)[0]
    tour.page.locator(f"a[href*='set_language={tour.language}']").first.click()
    tour.page.wait_for_load_state("load")
    assert (landed, language) == (folder, other), (
        f"switching to {other} on {here} led to {landed} in {language!r}")


def _level(url, admin):
    level = _request(url, auth=admin).get("required_assurance") or {}
    return level.get("token") if isinstance(level, dict) else level


def journey_order(tour):
    catalog = find(tour.site, tour.admin, portal_type="DocumentCatalog")
    types = find(tour.site, tour.admin, portal_type="DocumentType")
    if not catalog or not types:
        return
    tour.go(catalog[0])
    tour.shot("e-guichet")
    # a citizen with a password account orders what "low" allows (docs/eid.md)
    chosen = next((url for url in types if _level(url, tour.admin) == "low"), types[0])
    tour.login()
    tour.go(chosen)
    tour.shot("document")
    order = tour.page.locator("a[href*='@@order'], a[href$='/order']").first
    if order.count():
        order.click()
        tour.page.wait_for_load_state("load")
    tour.shot("commande")
    form = tour.page.locator("#content form").first
    if form.count():
        fill_required(tour.page, form)
        form.locator("button[type=submit], input[type=submit]").first.click()
        tour.page.wait_for_load_state("load")
        tour.shot("commande-envoyee")


def journey_booking(tour):
    folders = find(tour.site, tour.admin, portal_type="ResourceFolder")
    resources = find(tour.site, tour.admin, portal_type="Resource")
    if not folders or not resources:
        return
    tour.go(folders[0])
    tour.shot("reservations")
    tour.login()
    tour.go(resources[0])
    tour.shot("salle")
    # a free slot of next week (this week's may be past): the form is filled in
    tour.page.locator("a[href*='week=']").filter(has_text=_NEXT_WEEK).first.click()
    tour.page.wait_for_load_state("load")
    free = tour.page.locator("a.slot-link").nth(3)
    if free.count():
        free.click()
        form = tour.page.locator("form#booking-form")
        fill_required(tour.page, form)
        form.locator("button[type=submit], input[type=submit]").last.click()
        tour.page.wait_for_load_state("load")
        tour.shot("reservation-envoyee")


_NEXT_WEEK = re.compile("Semaine suivante|Volgende week|Next week|Nächste Woche")


def journey_space(tour):
    tour.login()
    tour.go(f"{tour.site}/@@my-space")
    tour.shot("mon-espace")


def journey_directory(tour):
    directories = find(tour.site, tour.admin, portal_type="BusinessDirectory")
    if not directories:
        return
    tour.go(f"{directories[0]}/search")
    # the faceted results come by XHR and fade in: shoot them shown in full
    tour.page.wait_for_function(
        "() => { const first = document.querySelector('.directory-result');"
        " if (!first) return false;"
        " for (let e = first; e; e = e.parentElement)"
        "   if (parseFloat(getComputedStyle(e).opacity) < 1) return false;"
        " return true; }")
    tour.shot("annuaire")
    first = tour.page.locator("#faceted-results a[href*='/entreprises/']").first
    if first.count():
        first.click()
        tour.page.wait_for_load_state("load")
        tour.shot("fiche")
    tour.go(f"{directories[0]}/@@propose-business")
    tour.shot("proposer")
    # the hours as written on a shop's door; a name of its own for each walk
    page = tour.page
    page.fill("#form-widgets-submitter_email", CITIZEN["email"])
    page.fill("#form-widgets-title", f"Atelier Dupont {tour.language} {tour.width}")
    page.locator("input[name='form.widgets.categories:list']").first.check()
    page.fill("#form-widgets-opening_hours", "9h30-12h, 13h-17h30, fermé le lundi")
    page.click("#form-buttons-send")
    page.wait_for_load_state("load")
    tour.shot("proposition-envoyee")


def journey_council(tour):
    assemblies = find(tour.site, tour.admin, portal_type="Assembly")
    if assemblies:
        tour.go(assemblies[0])
        tour.shot("conseil")
        # its links to every meeting and to the search of the decisions
        for selector, name in (("a[href$='@@deliberations-calendar']", "seances"),
                               ("a[href$='@@deliberations-search']", "recherche-decisions")):
            tour.go(assemblies[0])
            tour.page.locator(selector).first.click()
            tour.page.wait_for_load_state("load")
            tour.shot(name)
    # the demo's next meeting, its agenda frozen (the one after is still in preparation,
    # seen by the secretariat only)
    meetings = find(tour.site, tour.admin, portal_type="Meeting", review_state="frozen")
    if meetings:
        tour.go(meetings[-1])
        tour.shot("ordre-du-jour")
    decisions = find(tour.site, tour.admin, portal_type="MeetingItem", review_state="published")
    if decisions:
        tour.go(decisions[-1])
        tour.shot("decision")


#: Every page the journeys reach when each step works.
PAGES = ("accueil", "actualites", "agenda", "evenement", "annuaire", "fiche", "proposer",
         "proposition-envoyee", "conseil", "seances", "recherche-decisions",
         "ordre-du-jour", "decision", "e-guichet", "document", "commande",
         "commande-envoyee", "reservations", "salle", "reservation-envoyee", "mon-espace")

# Anonymous journeys first; the citizen logs in on the first one that needs it.
JOURNEYS = (journey_front, journey_news, journey_directory, journey_council, journey_order,
            journey_booking, journey_space)


def walk(browser, site, language, width, admin, folder=None):
    """Every journey in one language at one width; returns the tour (its
    ``count`` of pages and its ``defects``)."""
    tour = Tour(browser, site, language, width, admin, folder=folder)
    try:
        for journey in JOURNEYS:
            tour.try_step(journey.__name__, lambda j=journey: j(tour))
    finally:
        tour.close()
    return tour
