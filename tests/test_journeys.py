"""The citizen journeys of issue 14, in French and Dutch, on a desktop and on a phone.

Each walk goes through the front page, the directory (search, an entry, the
proposal form), the council (assembly, agenda, a decision), an order, a
booking and "Mon espace", and fails on anything ``pagechecks`` finds on any
page: horizontal scroll at 390 px, raw ids, UIDs, msgids, JSON, ``\\uXXXX``,
ISO timestamps, English workflow words, the toolbar shown to the citizen,
axe-core WCAG 2.1 AA violations; and on a journey that breaks on the way.
"""

from browser import CHROMIUM
from browser import CHROMIUM_ARGS
from browser import _unavailable
from journeys import LANGUAGES
from journeys import PAGES
from journeys import WIDTHS
from journeys import ensure_citizen
from journeys import walk
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def chromium():
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is missing (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM),
                                             args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.mark.parametrize("width", sorted(WIDTHS))
@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_citizen_journeys(demo_commune, chromium, language, width):
    import transaction

    site = demo_commune["portal"].absolute_url()
    admin = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    transaction.commit()
    ensure_citizen(site, admin)
    tour = walk(chromium, site, language, width, admin)
    assert tour.defects == []
    assert tuple(tour.names) == PAGES  # every step of every journey was reached
