"""The staff journeys of the demo commune, walked in Chromium as a clerk would.

``make screenshots`` (scripts/screenshots.py) walks them after the citizen
journeys (``journeys.py``), logged in as the demo's administrator, and writes
``staff-*.png`` beside the citizens' pictures: the inbox « À traiter », an order
from its payment to its delivery, bookings confirmed in one batch and one
refused with a reason, a directory entry rejected with a reason, a council
meeting from its waiting items to its published minutes. The pictures of
``docs/guide/staff.md`` are these pages.

Each walk (a language at a width) changes the demo: it processes the order and
the proposal its citizen walk sent, confirms bookings, and prepares a meeting of
its own (the demo's meeting in preparation for the first walk, a new one with
new items for the next walks, made over REST as a secretariat would).
"""

from datetime import datetime
from datetime import timedelta
from journeys import CITIZEN
from journeys import LANGUAGES
from journeys import WIDTHS
from journeys import Tour
from journeys import _request
from journeys import find
from pagechecks import assert_fit_for_people

import base64
import urllib.error

#: What every walk files as a citizen before the clerk processes it (REST, as the
#: order form would): an extract of a council decision, paid before it is made and
#: delivered by e-mail as a PDF.
ORDERED_DOCUMENT = "copie-deliberation"
#: The items of a meeting a walk prepares when the demo's own has been used:
#: (French title, Dutch title, category, closed session).
ITEMS = (
    ("Travaux d'égouttage rue de la Station", "Rioleringswerken Stationsstraat",
     "public-works", False),
    ("Réfection du trottoir de la place communale", "Herstelling van het voetpad op het "
     "gemeenteplein", "public-works", False),
    ("Modification budgétaire n° 1", "Begrotingswijziging nr. 1", "finances", False),
    ("Achat de matériel scolaire", "Aankoop van schoolmateriaal", "education", False),
    ("Désignation d'une directrice d'école", "Aanstelling van een schooldirectrice",
     "nominations", True),
)
LEGAL_BASIS = ("Vu le Code de la démocratie locale et de la décentralisation, notamment "
               "l'article L1122-30 ;")
#: A small PDF: what the clerk attaches when delivering by e-mail.
PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
       b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
       b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
       b"trailer<</Root 1 0 R>>\n%%EOF\n")
REASONS = {
    "fr": ("La salle est réservée ce jour-là pour la fête de l'école.",
           "Le commerce est situé hors du territoire de la commune."),
    "nl": ("De zaal is die dag gereserveerd voor het schoolfeest.",
           "De zaak ligt buiten het grondgebied van de gemeente."),
}


class StaffTour(Tour):
    """A tour logged in as a member of staff (HTTP basic authentication, as the
    browser tests log in): pages are checked as staff pages (the toolbar is
    theirs, dates in figures are allowed in tables)."""

    def __init__(self, browser, site, language, width, admin, folder=None):
        super().__init__(browser, site, language, width, admin, folder=folder)
        token = base64.b64encode(":".join(admin).encode()).decode()
        self.context.set_extra_http_headers({"Authorization": f"Basic {token}"})

    def shot(self, name):
        self.count += 1
        self.names.append(name)
        label = f"{self.language}/{self.width}/{name} ({self.page.url})"
        self.page.wait_for_timeout(300)
        if self.folder is not None:
            self.page.screenshot(path=str(self.folder / f"{name}.png"), full_page=True)
        try:
            assert_fit_for_people(self.page, self.language, label=label, citizen=False)
        except AssertionError as error:
            from journeys import _shorten

            self.defects.append(_shorten(str(error)))
        except Exception as error:
            self.defects.append(f"{label}: check failed: {error}")

    def click(self, selector):
        self.page.locator(selector).first.click()
        self.page.wait_for_load_state("load")

    def transition(self, transition_id):
        """Plone's status menu, then the transition (its link followed, as the menu
        is folded at 390 px)."""
        link = self.page.locator(f"#workflow-transition-{transition_id}").first
        self.go(link.get_attribute("href"))


def _post(tour, url, payload):
    return _request(url, "POST", payload, auth=tour.admin)


def journey_inbox(tour):
    tour.go(f"{tour.site}/@@inbox")
    tour.shot("staff-a-traiter")


def journey_order(tour):
    """An order filed by the walk's citizen, processed from its payment to its delivery."""
    [doctype] = [url for url in find(tour.site, tour.admin, portal_type="DocumentType")
                 if url.endswith(f"/{ORDERED_DOCUMENT}")] or [None]
    if doctype is None:
        return
    uid = _request(doctype, auth=tour.admin)["UID"]
    catalog = doctype.rsplit("/", 1)[0]
    answers = {"fr": "Séance du conseil du 14 octobre, point 12 : la voirie",
               "nl": "Gemeenteraad van 14 oktober, punt 12: de wegen"}[tour.language]
    # sent by the citizen with her account, as her order form would (anonymous
    # orders from one address are limited: four walks would hit the limit)
    try:
        order = _request(catalog, "POST", {
            "@type": "DocumentOrder", "document_type": uid, "quantity": 1,
            "delivery_method": "email", "applicant_name": CITIZEN["fullname"],
            "applicant_email": CITIZEN["email"], "answers": {"decision": answers},
        }, auth=(CITIZEN["username"], CITIZEN["password"]))["@id"]
    except urllib.error.HTTPError as error:
        if error.code != 429:
            raise
        # over the citizen's limit of orders: the one her walk sent through the form
        waiting = find(tour.site, tour.admin, portal_type="DocumentOrder",
                       review_state="submitted", sort_on="created")
        if not waiting:
            return
        order = waiting[-1]
    tour.go(f"{catalog}/dashboard")
    _settled(tour)
    tour.shot("staff-tableau-commandes")
    tour.go(order)
    tour.shot("staff-commande-a-payer")
    tour.click("button[name=do-mark_paid]")
    tour.click("button[name=do-take]")
    tour.shot("staff-commande-prise-en-charge")
    tour.click("button[name=do-mark_ready]")
    if tour.page.locator("#eguichet-deliver-file").count():  # delivered by e-mail
        tour.page.set_input_files("#eguichet-deliver-file", files=[{
            "name": "extrait.pdf", "mimeType": "application/pdf", "buffer": PDF}])
    tour.shot("staff-commande-a-delivrer")
    tour.click("button[name=do-deliver]")
    tour.shot("staff-commande-delivree")


def _settled(tour):
    """The faceted results shown and faded in (eea fades them during a query)."""
    tour.page.locator(".dashboard-table").first.wait_for()
    tour.page.wait_for_function(
        "() => { for (const e of document.querySelectorAll('#faceted-form, "
        "#faceted-form *')) if (parseFloat(getComputedStyle(e).opacity) < 1) "
        "return false; return true; }")


def journey_bookings(tour):
    """Three bookings confirmed in one batch, a fourth refused with a reason."""
    folders = find(tour.site, tour.admin, portal_type="ResourceFolder")
    if not folders:
        return
    dashboard = f"{folders[0]}/dashboard"
    tour.go(dashboard)
    _settled(tour)
    boxes = tour.page.locator(".dashboard-table tbody input[name='uids:list']")
    if boxes.count() < 4:
        return
    for index in range(3):
        boxes.nth(index).check()
    tour.shot("staff-tableau-reservations")
    tour.click(".dashboard-table-actions button[value=confirm]")
    _settled(tour)
    tour.shot("staff-reservations-confirmees")
    tour.page.locator(".dashboard-table tbody input[name='uids:list']").first.check()
    tour.click(".dashboard-table-actions button[value=refuse]")
    tour.page.fill("textarea", REASONS[tour.language][0])
    tour.shot("staff-reservation-motif")
    tour.click("#content form button[type=submit]")
    _settled(tour)
    tour.shot("staff-reservation-refusee")


def journey_directory(tour):
    """The entry the walk's citizen proposed, rejected with a reason."""
    pending = find(tour.site, tour.admin, portal_type="Business", review_state="pending",
                   sort_on="created")
    if not pending:
        # the walk's proposal waits for its e-mail confirmation: one proposed as
        # the moderators receive it (REST, then submitted)
        directories = find(tour.site, tour.admin, portal_type="BusinessDirectory")
        if not directories:
            return
        entry = _post(tour, directories[0], {
            "@type": "Business", "title": "Librairie Dupont",
            "street": "Rue Haute", "number": "3", "postcode": "5000", "locality": "Namur",
            "categories": ["Commerce > Librairie"], "submitter_email": CITIZEN["email"]})
        _post(tour, f"{entry['@id']}/@workflow/submit", {})
        pending = [entry["@id"]]
    directory = pending[-1].rsplit("/", 1)[0]
    tour.go(f"{directory}/dashboard")
    _settled(tour)
    tour.shot("staff-tableau-annuaire")
    tour.go(pending[-1])
    tour.shot("staff-fiche-a-moderer")
    tour.click(".business-moderation a.btn-outline-danger")
    tour.click("button[name='form.submit']")  # without a reason: said on the form
    tour.shot("staff-fiche-motif-manquant")
    tour.page.fill("#transition-comment", REASONS[tour.language][1])
    tour.click("button[name='form.submit']")
    tour.shot("staff-fiche-rejetee")


def _meeting(tour, council):
    """The meeting this walk prepares: the demo's own while its items wait, else a
    new one 45 days ahead with five new validated items (REST, as the services and
    the secretariat would make them)."""
    prepared = find(tour.site, tour.admin, portal_type="Meeting", review_state="created")
    waiting = find(tour.site, tour.admin, portal_type="MeetingItem", review_state="validated")
    own = [url for url in prepared if url == f"{council}/seance-en-preparation"]
    if own and waiting:
        return own[0]
    day = (datetime.now() + timedelta(days=45)).replace(hour=19, minute=0, second=0,
                                                        microsecond=0)
    meeting = _post(tour, council, {"@type": "Meeting", "date": day.isoformat(),
                                    "place": "Salle du conseil"})["@id"]
    for title, title_nl, category, closed in ITEMS:
        item = _post(tour, council, {
            "@type": "MeetingItem", "title": title, "title_fr": title, "title_nl": title_nl,
            "category": category, "closed_session": closed, "legal_basis": LEGAL_BASIS,
            "proposing_service": "communesplone-economy"})["@id"]
        for step in ("propose", "validate"):
            _post(tour, f"{item}/@workflow/{step}", {})
    return meeting


def journey_council(tour):
    """The secretariat prepares a meeting: agenda builder, freeze, attendance, votes,
    close and publish."""
    councils = [url for url in find(tour.site, tour.admin, portal_type="Assembly")
                if url.endswith("/conseil-communal")]
    if not councils:
        return
    meeting = _meeting(tour, councils[0])
    page = tour.page
    tour.go(meeting)
    tour.shot("staff-seance-points-en-attente")
    for _ in range(12):
        add = page.locator(".delib-waiting-row button[value=add]")
        if not add.count():
            break
        tour.click(".delib-waiting-row button[value=add]")
    down = page.locator(".delib-builder-list button[value=down]")
    if down.count():
        tour.click(".delib-builder-list button[value=down]")
    tour.shot("staff-seance-ordre-du-jour")
    tour.click("#delib-freeze")
    tour.shot("staff-seance-figee")
    tour.click("#delib-attendance-link")
    for select in page.locator("#delib-attendance-form select[id^=status-]").all():
        select.select_option("present")
    tour.shot("staff-seance-presences")
    tour.click("#delib-attendance-form button[type=submit]")
    tour.go(meeting)
    tour.transition("open_session")
    first = True
    for _ in range(12):
        vote = page.locator("#content a.vote-link")
        if not vote.count():
            break
        tour.click("#content a.vote-link")
        _fill_vote(page)
        if first:
            tour.shot("staff-seance-vote")
        tour.click("#delib-vote-form button[type=submit]")
        tour.transition("accept")
        tour.go(meeting)
        first = False
    tour.shot("staff-seance-votee")
    for step in ("decide", "close", "publish"):
        tour.transition(step)
    tour.go(meeting)
    tour.shot("staff-seance-publiee")


def _fill_vote(page):
    """Everyone present votes yes: by name when the vote is nominal, counted when
    it must be secret (nominations)."""
    if page.locator("#mode-nominal").count():
        page.check("#mode-nominal")
        for select in page.locator("#votes select").all():
            select.select_option("yes")
        return
    mode = "#mode-secret" if page.locator("#mode-secret").count() else "#mode-summary"
    page.check(mode)
    voters = page.locator("#votes select").count() or 6
    for choice, count in (("yes", voters), ("no", 0), ("abstain", 0)):
        field = page.locator(f"#count-{choice}")
        if field.count():
            field.fill(str(count))


#: Every page the staff journeys reach when each step works.
PAGES = ("staff-a-traiter", "staff-tableau-commandes", "staff-commande-a-payer",
         "staff-commande-prise-en-charge", "staff-commande-a-delivrer",
         "staff-commande-delivree", "staff-tableau-reservations",
         "staff-reservations-confirmees", "staff-reservation-motif",
         "staff-reservation-refusee", "staff-tableau-annuaire", "staff-fiche-a-moderer",
         "staff-fiche-motif-manquant", "staff-fiche-rejetee",
         "staff-seance-points-en-attente", "staff-seance-ordre-du-jour",
         "staff-seance-figee", "staff-seance-presences", "staff-seance-vote",
         "staff-seance-votee", "staff-seance-publiee")

JOURNEYS = (journey_inbox, journey_order, journey_bookings, journey_directory,
            journey_council)


def walk_staff(browser, site, language, width, admin, folder=None):
    """Every staff journey in one language at one width; returns the tour."""
    assert language in LANGUAGES and width in WIDTHS
    tour = StaffTour(browser, site, language, width, admin, folder=folder)
    try:
        for journey in JOURNEYS:
            tour.try_step(f"staff {journey.__name__}", lambda j=journey: j(tour))
    finally:
        tour.close()
    return tour
