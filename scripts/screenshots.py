"""The guided tour: walk each citizen journey of the demo commune in Chromium, then
each staff journey, and write full-page PNGs under
``docs/screenshots/<language>/<width>/`` (the staff's are ``staff-*.png``).

    make screenshots                      # starts a fresh demo, walks, stops it
    SCREENSHOTS_URL=http://localhost:8080/demo make screenshots   # a running demo

Journeys (PRODUCT.md, issue 14): the front page; order a document and follow
it in "Mon espace"; book a room; find a business, open it, propose one; read
the next council agenda and a decision. Then, as the demo's administrator
(``tests/staffjourneys.py``, issue 15): the inbox « À traiter », the order the
walk sent processed from its payment to its delivery, bookings confirmed in one
batch and one refused with a reason, the proposal the walk sent rejected with a
reason, a council meeting from its waiting items to its published minutes.
Each in French and Dutch (the browser asks for the language, as a visitor's
would), at 1366 px and 390 px.

Every page is also checked as ``tests/pagechecks.py`` checks it (raw ids,
msgids, JSON, English workflow words, horizontal scroll, toolbar for a
citizen, axe-core): what it finds is printed and written to
``docs/screenshots/REPORT.md``, so a look at the tour starts with its defects.
The tour itself never fails on them: the browser tests do.
"""

from pathlib import Path

import contextlib
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
from journeys import LANGUAGES  # noqa: E402
from journeys import WIDTHS  # noqa: E402
from journeys import ensure_citizen  # noqa: E402
from journeys import walk  # noqa: E402
from staffjourneys import walk_staff  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
ADMIN = ("admin", os.environ.get("ADMIN_PASSWORD") or "admin")


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


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


def main():
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        raise SystemExit(f"{CHROMIUM} is missing (apt-get install chromium)")
    shutil.rmtree(OUT, ignore_errors=True)
    defects = []
    with demo_site() as site, sync_playwright() as playwright:
        ensure_citizen(site, ADMIN)
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM),
                                             args=CHROMIUM_ARGS)
        for language in LANGUAGES:
            for width in WIDTHS:
                for who, walker in (("citizen", walk), ("staff", walk_staff)):
                    tour = walker(browser, site, language, width, ADMIN,
                                  folder=OUT / language / width)
                    defects.extend(tour.defects)
                    print(f"{language} {width}px, {who}: {tour.count} pages, "
                          f"{len(tour.defects)} with defects")
        browser.close()
    report = OUT / "REPORT.md"
    report.write_text("# What the tour found\n\n" + (
        "\n\n".join(f"```\n{defect}\n```" for defect in defects) or "Nothing.") + "\n")
    print(f"{len(defects)} findings, see {report.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
