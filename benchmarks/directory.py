"""Directory: ``@businesses`` against plain Plone ``@search`` over the same number of items.

Work timed, anonymous, through the WSGI application, in one throwaway
instance holding a CommunesPlone site (commune preset + the directory) with a
BusinessDirectory of N published Business entries, and a plain Plone 6.2
Classic site with a folder of N published Documents (N = 10,000 and 100,000,
``BENCH_DIRECTORY_SIZES``). Each item has the same title words on both sides.

* full text, one word matching 1 % of the items, first page of 25:
  ``@businesses?q=<word>`` (with its facet counts) / ``@search?SearchableText=<word>``;
* the first page of 25 sorted by title: ``@businesses`` (with facet counts over
  all N) / ``@search?sort_on=sortable_title``;
* one category and locality (1 % of the items): ``@businesses?category=..&locality=..``
  / ``@search?Subject=..`` (plain Plone's nearest: one keyword index);
* ``@businesses?open_now=1`` on its own, for the record (plain Plone has no equivalent).

The items are created cheaply and the same way on both sides (``_setObject``
without events, the workflow state set directly, ``catalog_object``): creating
100,000 items through the full content API would take hours and time nothing
that a search does.
"""

from benchmarks import setting
from datetime import datetime

import logging
import statistics
import sys
import tempfile
import time

ROUNDS = int(setting("BENCH_ROUNDS", "30", tiny="2"))
SIZES = tuple(int(size) for size in setting(
    "BENCH_DIRECTORY_SIZES", "10000", tiny="200", large="10000,100000").split(","))
WORDS = [f"mot{index:02d}" for index in range(100)]
LOCALITIES = ("Namur", "Jambes", "Wépion", "Erpent", "Malonne", "Temploux", "Bouge",
              "Saint-Servais", "Vedrin", "Naninne")
CATEGORIES = [f"Secteur {a} > Branche {b}" for a in range(10) for b in range(10)]
HOURS = {"weekly": {day: [["09:00", "12:00"], ["13:00", "18:00"]] for day in (
    "monday", "tuesday", "wednesday", "thursday", "friday")}}


def _timed(call):
    started = time.perf_counter()
    call()
    return time.perf_counter() - started


_STARTED = time.perf_counter()


def _progress(side, done, size):
    """A line on stderr now and then: building 100,000 items takes a while."""
    if done % 10000 == 0 or done == size:
        print(f"  {side}: {done:,}/{size:,} built, {time.perf_counter() - _STARTED:.0f} s",
              file=sys.stderr, flush=True)


def _publish(obj, workflow_tool, chain_id, state="published"):
    """Set the workflow state directly (no transition, no event) and its permissions."""
    obj.workflow_history = {chain_id: ({"action": None, "actor": "admin", "comments": "",
                                        "review_state": state, "time": None},)}
    workflow_tool[chain_id].updateRoleMappingsFor(obj)


def _fill_directory(directory, size, catalog, workflow_tool):
    import transaction
    from communesplone.directory.content.business import Business

    for index in range(size):
        entry_id = f"b{index}"
        obj = Business(entry_id)
        obj.portal_type = "Business"
        obj.title = f"Commerce {index} {WORDS[index % 100]}"
        obj.description = "Une entreprise de la commune"
        obj.categories = [CATEGORIES[(index // 100) % 100]]
        obj.locality = LOCALITIES[index % 10]
        obj.postcode = "5000"
        obj.latitude = 50.40 + (index % 1000) / 10000
        obj.longitude = 4.80 + (index % 997) / 10000
        obj.opening_hours = HOURS
        directory._setObject(entry_id, obj, suppress_events=True)
        obj = directory._getOb(entry_id)
        _publish(obj, workflow_tool, "communesplone_business_workflow")
        catalog.catalog_object(obj, uid="/".join(obj.getPhysicalPath()))
        if index % 2000 == 1999:
            transaction.commit()
            _progress("directory", index + 1, size)
    transaction.commit()


def _fill_folder(folder, size, catalog, workflow_tool):
    import transaction
    from plone.app.contenttypes.content import Document

    for index in range(size):
        doc_id = f"d{index}"
        obj = Document(doc_id)
        obj.portal_type = "Document"
        obj.title = f"Commerce {index} {WORDS[index % 100]}"
        obj.description = "Une entreprise de la commune"
        obj.subject = (CATEGORIES[(index // 100) % 100], LOCALITIES[index % 10])
        folder._setObject(doc_id, obj, suppress_events=True)
        obj = folder._getOb(doc_id)
        _publish(obj, workflow_tool, "simple_publication_workflow")
        catalog.catalog_object(obj, uid="/".join(obj.getPhysicalPath()))
        if index % 2000 == 1999:
            transaction.commit()
            _progress("plain Plone", index + 1, size)
    transaction.commit()


def _load_directory_zcml():
    """The directory's ZCML, until the distribution's configure.zcml includes it."""
    import communesplone.directory
    from Zope2.App.zcml import load_config

    load_config("configure.zcml", communesplone.directory)


def _compare(browser, work, headers):
    lines = []
    for name, (ours, plain) in work.items():
        for path in (ours, plain):  # warm up caches
            browser.get(path, headers=headers)
        ratios, our_times = [], []
        for _round in range(ROUNDS):
            plain_time = _timed(lambda p=plain: browser.get(p, headers=headers))
            our_time = _timed(lambda p=ours: browser.get(p, headers=headers))
            ratios.append(our_time / plain_time)
            our_times.append(our_time)
        lines.append(
            f"    {name}: median ratio {statistics.median(ratios):.2f} "
            f"(min {min(ratios):.2f}, max {max(ratios):.2f}); "
            f"@businesses {statistics.median(our_times) * 1000:.0f} ms")
    return lines


def run():
    import transaction
    import webtest
    import Zope2
    from AccessControl.SecurityManagement import newSecurityManager
    from AccessControl.users import system
    from benchmarks.pages import _app
    from benchmarks.pages import _instance
    from communesplone.cli import ensure_admin
    from communesplone.policy.sites import BASE_PROFILES
    from communesplone.policy.sites import create_site
    from plone import api
    from plone.base.utils import get_installer
    from Products.CMFPlone.factory import addPloneSite
    from zope.component.hooks import setSite
    from Zope2.Startup.run import make_wsgi_app

    logging.getLogger("communesplone.core").setLevel(logging.ERROR)
    lines = [f"directory: {ROUNDS} rounds, @businesses (CommunesPlone) / @search (plain Plone)"]
    for size in SIZES:
        with tempfile.TemporaryDirectory() as folder:
            instance = _instance(folder)
            wsgi = make_wsgi_app({}, str(instance.zope_conf))
            _load_directory_zcml()
            app = _app()
            newSecurityManager(None, system)
            ensure_admin(app)
            addPloneSite(app, "plain", title="Plain Plone", default_language="fr",
                         extension_ids=BASE_PROFILES + ("plone.restapi:default",))
            site = create_site(app, "ours", preset_name="commune")
            setSite(site)
            installer = get_installer(site, site.REQUEST)
            if not installer.is_product_installed("communesplone.directory"):
                installer.install_product("communesplone.directory")
            directory = api.content.create(container=site, type="BusinessDirectory", id="dir",
                                           title="Entreprises", categories=CATEGORIES)
            transaction.commit()
            started = time.perf_counter()
            _fill_directory(directory, size, site.portal_catalog, site.portal_workflow)
            setSite(app.plain)
            documents = api.content.create(container=app.plain, type="Folder", id="docs",
                                           title="Documents")
            api.content.transition(obj=documents, transition="publish")
            transaction.commit()
            _fill_folder(documents, size, app.plain.portal_catalog, app.plain.portal_workflow)
            built = time.perf_counter() - started
            app._p_jar.close()

            browser = webtest.TestApp(wsgi)
            headers = {"Accept": "application/json"}
            word, category, locality = WORDS[7], CATEGORIES[42], LOCALITIES[3]
            check = browser.get(f"/ours/dir/@businesses?q={word}", headers=headers).json
            assert check["items_total"] == size // 100, check["items_total"]
            plain_check = browser.get(
                f"/plain/docs/@search?SearchableText={word}&portal_type=Document",
                headers=headers).json
            assert plain_check["items_total"] == size // 100
            work = {
                "full text, 1 % match, page of 25": (
                    f"/ours/dir/@businesses?q={word}",
                    f"/plain/docs/@search?SearchableText={word}&portal_type=Document"
                    "&b_size=25"),
                "first page sorted by title": (
                    "/ours/dir/@businesses",
                    "/plain/docs/@search?portal_type=Document&sort_on=sortable_title"
                    "&b_size=25"),
                "category + locality (1 %)": (
                    f"/ours/dir/@businesses?category={category}&locality={locality}",
                    f"/plain/docs/@search?portal_type=Document&Subject={category}"
                    "&b_size=25"),
            }
            lines.append(f"  {size:,} items (built in {built:.0f} s, both sides):")
            lines.extend(_compare(browser, work, headers))
            open_times = [_timed(lambda b=browser, h=headers: b.get(
                "/ours/dir/@businesses?open_now=1", headers=h)) for _round in range(ROUNDS)]
            lines.append(f"    @businesses?open_now=1 alone ({datetime.now():%a %H:%M}): "
                         f"{statistics.median(open_times) * 1000:.0f} ms")
            Zope2.DB.close()
    return "\n".join(lines)


if __name__ == "__main__":
    print(run())
