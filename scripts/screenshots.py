"""The guided tour: walk each citizen journey of the demo commune in Chromium and
write full-page PNGs under ``docs/screenshots/<language>/<width>/``.

    make screenshots                      # starts a fresh demo, walks, stops it
    SCREENSHOTS_URL=http://localhost:8080/demo make screenshots   # a running demo

Journeys (PRODUCT.md, issue 14): the front page; order a document and follow
it in "Mon espace"; book a room; find a business, open it, propose one; read
the next council agenda and a decision. Each in French and Dutch (the browser
asks for the language, as a visitor's would), at 1366 px and 390 px.

Every page is also checked as ``tests/pagechecks.py`` checks it (raw ids,
msgids, JSON, English workflow words, horizontal scroll, toolbar for a
citizen, axe-core): what it finds is printed and written to
``docs/screenshots/REPORT.md``, so a look at the tour starts with its defects.
The tour itself never fails on them: the browser tests do.
"""

from pathlib import Path

import base64
import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from browser import CHROMIUM  # noqa: E402
from browser import CHROMIUM_ARGS  # noqa: E402
from pagechecks import DESKTOP  # noqa: E402
from pagechecks import PHONE  # noqa: E402
from pagechecks import assert_fit_for_people  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
ADMIN = ("admin", os.environ.get("ADMIN_PASSWORD") or "admin")
CITIZEN = {"username": "marie.dupont", "password": "Demo-citoyenne-2026",
           "email": "marie.dupont@example.org", "fullname": "Marie Dupont"}
LANGUAGES = {"fr": "fr-BE", "nl": "nl-BE"}
WIDTHS = {"1366": DESKTOP, "390": PHONE}


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _request(url, method="GET", payload=None, auth=ADMIN):
    data = None if payload is None else json.dumps(payload).encode()
    request = urllib.request.Request(url, data=data, method=method, headers={
        "Accept": "application/json", "Content-Type": "application/json",
        "Authorization": "Basic " + base64.b64encode(":".join(auth).encode()).decode(),
    })
    with urllib.request.urlopen(request, timeout=60) as answer:
        body = answer.read()
        return json.loads(body) if body else {}


@contextlib.contextmanager
def demo_site():
    """The demo's URL: ``SCREENSHOTS_URL``, or a fresh demo started for the tour."""
    if os.environ.get("SCREENSHOTS_URL"):
        yield os.environ["SCREENSHOTS_URL"].rstrip("/")
        return
    var = Path(tempfile.mkdtemp(prefix="communesplone-tour-"))
    port = _free_port()
    env = dict(os.environ, COMMUNESPLONE_VAR=str(var), PORT=str(port))
    server = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "communesplone"), "start", "--port", str(port)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://localhost:{port}/demo"
    try:
        for _ in range(600):
            if server.poll() is not None:
                raise SystemExit("the demo server stopped before answering")
            with contextlib.suppress(OSError, urllib.error.URLError):
                urllib.request.urlopen(url, timeout=5)
                break
            time.sleep(0.5)
        yield url
    finally:
        server.send_signal(signal.SIGINT)
        with contextlib.suppress(subprocess.TimeoutExpired):
            server.wait(60)
        shutil.rmtree(var, ignore_errors=True)


def ensure_citizen(site):
    """The demo citizen of the tour (a password account, as most citizens have)."""
    try:
        _request(f"{site}/@users", "POST", {**CITIZEN, "roles": ["Member"]})
    except urllib.error.HTTPError as error:
        if error.code != 400:  # 400: she exists from an earlier tour
            raise


def find(site, **query):
    """The URLs of what the catalog finds (as the administrator)."""
    params = "&".join(f"{key}={value}" for key, value in query.items())
    found = _request(f"{site}/@search?{params}&b_size=50&sort_on=getObjPositionInParent")
    return [item["@id"] for item in found["items"]]


class Tour:
    """One language at one width: a browser context and the pages it shot."""

    def __init__(self, browser, site, language, width):
        self.site, self.language, self.width = site, language, width
        self.context = browser.new_context(locale=LANGUAGES[language],
                                           viewport=WIDTHS[width])
        self.page = self.context.new_page()
        # The map's tiles come from OpenStreetMap, out of reach here: never wait
        # for the network to go idle, a page is shot once it has loaded.
        self.page.set_default_timeout(15000)
        self.folder = OUT / language / width
        self.folder.mkdir(parents=True, exist_ok=True)
        self.count = 0
        self.defects = []
        self.citizen = False

    def go(self, url):
        self.page.goto(url, wait_until="load")

    def shot(self, name):
        """Screenshot the page as it is and check it as a person would see it."""
        self.count += 1
        path = self.folder / f"{self.count:02d}-{name}.png"
        self.page.wait_for_timeout(300)
        self.page.screenshot(path=str(path), full_page=True)
        try:
            assert_fit_for_people(self.page, self.language, label=str(path.relative_to(ROOT)),
                                  citizen=True)
        except AssertionError as error:
            self.defects.append(_shorten(str(error)))
        except Exception as error:
            self.defects.append(f"{path.relative_to(ROOT)}: check failed: {error}")
        return path

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


def fill_required(page, form):
    """Fill a form's required fields the way a citizen would, without knowing it."""
    for field in form.locator("input[required], textarea[required], select[required]").all():
        if not field.is_visible() or field.input_value():
            continue
        kind = (field.get_attribute("type") or field.evaluate("e => e.tagName")).lower()
        if kind == "select":
            options = field.locator("option").all()
            values = [o.get_attribute("value") for o in options if o.get_attribute("value")]
            if values:
                field.select_option(values[0])
        elif kind == "email":
            field.fill(CITIZEN["email"])
        elif kind == "date":
            field.fill("1985-07-30")
        elif kind == "number":
            field.fill("1")
        elif kind in ("checkbox", "radio"):
            field.check()
        else:
            field.fill("Marie Dupont")


def journey_front(tour):
    tour.go(tour.site)
    tour.shot("accueil")


def journey_order(tour):
    catalog = find(tour.site, portal_type="DocumentCatalog")
    types = find(tour.site, portal_type="DocumentType")
    if not catalog or not types:
        return
    tour.go(catalog[0])
    tour.shot("e-guichet")
    tour.login()
    tour.go(types[0])
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
    folders = find(tour.site, portal_type="ResourceFolder")
    resources = find(tour.site, portal_type="Resource")
    if not folders or not resources:
        return
    tour.go(folders[0])
    tour.shot("reservations")
    tour.login()
    tour.go(resources[0])
    tour.shot("salle")
    free = tour.page.locator("[data-slot-state=free] a, a.slot-free, .slot--free a").first
    if free.count():
        free.click()
        tour.page.wait_for_load_state("load")
        form = tour.page.locator("form#booking-form, #content form").first
        fill_required(tour.page, form)
        form.locator("button[type=submit], input[type=submit]").first.click()
        tour.page.wait_for_load_state("load")
        tour.shot("reservation-envoyee")


def journey_space(tour):
    tour.login()
    tour.go(f"{tour.site}/@@my-space")
    tour.shot("mon-espace")


def journey_directory(tour):
    directories = find(tour.site, portal_type="BusinessDirectory")
    if not directories:
        return
    tour.go(f"{directories[0]}/search")
    tour.page.wait_for_timeout(1500)  # the faceted results come by XHR
    tour.shot("annuaire")
    first = tour.page.locator("#faceted-results a[href*='/entreprises/']").first
    if first.count():
        first.click()
        tour.page.wait_for_load_state("load")
        tour.shot("fiche")
    tour.go(f"{directories[0]}/@@propose-business")
    tour.shot("proposer")


def journey_council(tour):
    meetings = find(tour.site, portal_type="Meeting", sort_on="start", sort_order="descending")
    assemblies = find(tour.site, portal_type="Assembly")
    if assemblies:
        tour.go(assemblies[0])
        tour.shot("conseil")
    if meetings:
        tour.go(meetings[0])
        tour.shot("ordre-du-jour")
    decided = find(tour.site, portal_type="MeetingItem", review_state="decided")
    if decided:
        tour.go(decided[0])
        tour.shot("decision")


# Anonymous journeys first; the citizen logs in on the first one that needs it.
JOURNEYS = (journey_front, journey_directory, journey_council, journey_order,
            journey_booking, journey_space)


def main():
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        raise SystemExit(f"{CHROMIUM} is missing (apt-get install chromium)")
    shutil.rmtree(OUT, ignore_errors=True)
    defects = []
    with demo_site() as site, sync_playwright() as playwright:
        ensure_citizen(site)
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM),
                                             args=CHROMIUM_ARGS)
        for language in LANGUAGES:
            for width in WIDTHS:
                tour = Tour(browser, site, language, width)
                for journey in JOURNEYS:
                    tour.try_step(journey.__name__, lambda j=journey, t=tour: j(t))
                defects.extend(tour.defects)
                print(f"{language} {width}px: {tour.count} pages, "
                      f"{len(tour.defects)} with defects")
                tour.close()
        browser.close()
    report = OUT / "REPORT.md"
    report.write_text("# What the tour found\n\n" + (
        "\n\n".join(f"```\n{defect}\n```" for defect in defects) or "Nothing.") + "\n")
    print(f"{len(defects)} findings, see {report.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
