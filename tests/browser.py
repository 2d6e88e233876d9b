"""Playwright with Debian's Chromium, and axe-core, for the browser tests.

Never downloads a browser: without ``/usr/bin/chromium`` the tests are
skipped, except when the environment variable ``CI`` is set (then they fail,
so a CI machine without a browser cannot pass silently).

Use: ``from browser import axe_violations, page_fixture`` in a test module
(``tests/`` is on ``sys.path``), then take ``page`` as a fixture.
"""

from pathlib import Path

import os
import pytest

CHROMIUM = Path("/usr/bin/chromium")
AXE = Path(__file__).resolve().parents[1] / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
#: The WCAG 2.1 AA rules (the EU Web Accessibility Directive's level).
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def _unavailable(reason):
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set: browser tests must run)")
    pytest.skip(reason)


@pytest.fixture(name="page")
def page_fixture():
    """A fresh Chromium page (its own context: no cookies shared between tests)."""
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is missing (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(locale="en-US")
        try:
            yield context.new_page()
        finally:
            context.close()
            browser.close()


def axe_violations(page, include=None):
    """axe-core's WCAG 2.1 A/AA violations on the current page, as
    ``[(rule id, impact, [targets])]``; ``include``: CSS selectors to limit it to."""
    if not AXE.exists():
        _unavailable(f"{AXE} is missing (npm ci)")
    page.add_script_tag(path=str(AXE))
    context = "document" if include is None else f"{{include: {include!r}}}"
    violations = page.evaluate(
        "async () => (await axe.run(" + context + ", {runOnly: {type: 'tag', values: "
        + repr(WCAG_TAGS) + "}})).violations"
    )
    return [
        (violation["id"], violation["impact"],
         [", ".join(node["target"]) for node in violation["nodes"]])
        for violation in violations
    ]


def assert_accessible(page, label=""):
    """No WCAG 2.1 A/AA violation on the whole page: our content and Plone's chrome
    (communesplone.policy's accessibility bundle fixes the chrome's own)."""
    violations = axe_violations(page)
    assert violations == [], f"{label}: {violations}"
