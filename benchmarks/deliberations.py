"""Deliberations: the agenda page and the minutes PDF of meetings of 30 and 300 items.

Work timed, on one CommunesPlone site (commune preset + communesplone.deliberations)
in a throwaway instance:

* ``GET <meeting>`` (the agenda page, anonymous, frozen meeting: catalog brains only)
  for a meeting of 30 items and one of 300; the ratio shows how the page scales;
* ``GET <meeting>/@@meeting-document?name=minutes`` (the minutes rendered to PDF by
  WeasyPrint, as the secretariat) for the same two meetings.

Plain Plone doing the same amount of work, on the same site: a published Folder of
30 or 300 published Documents with the same decision text; its listing (``GET
<folder>``, anonymous) for the agenda page, and ``<folder>/full_view`` (every
document's text on one HTML page) for the minutes. The ratios are ours / plain.

Figures are wall-clock medians over ``BENCH_ROUNDS`` rounds (default 5: a PDF of
300 items takes seconds).
"""

from benchmarks import setting
from datetime import datetime
from datetime import timedelta

import base64
import logging
import statistics
import tempfile
import time as clock

ROUNDS = int(setting("BENCH_DELIB_ROUNDS", "5", tiny="1"))
#: the smaller and the larger meeting (items), compared with each other
SIZES = tuple(int(n) for n in setting("BENCH_DELIB_SIZES", "30,300", tiny="3,6").split(","))


def _timed(call):
    started = clock.perf_counter()
    call()
    return clock.perf_counter() - started


def _load_zcml():
    """Load the add-on's ZCML when the site's ZCML does not include it (yet)."""
    from zope.component import queryUtility
    from zope.schema.interfaces import IVocabularyFactory

    if queryUtility(IVocabularyFactory, "communesplone.deliberations.Categories") is None:
        import communesplone.deliberations

        from Zope2.App.zcml import load_config

        load_config("configure.zcml", communesplone.deliberations)


def _meeting(council, size):
    """A frozen meeting of ``size`` items (plus the template item), public and closed."""
    from plone import api

    import pytz

    when = datetime.now(pytz.timezone("Europe/Brussels")) + timedelta(days=30 + size)
    meeting = api.content.create(container=council, type="Meeting", id=f"meeting-{size}",
                                 title=f"Meeting of {size} items", date=when)
    categories = ["finances", "public-works", "education", "general"]
    for index in range(size):
        item = api.content.create(
            container=council, type="MeetingItem", title=f"Point {index + 1:03d} du conseil",
            category=categories[index % 4], closed_session=index % 10 == 9,
            proposing_service="communesplone-secretariat",
            decision=_rich("<p>DÉCIDE : Article 1 — " + "approuvé. " * 40 + "</p>"))
        for name in ("propose", "validate"):
            api.content.transition(obj=item, transition=name)
        item.meeting = meeting.UID()
        api.content.transition(obj=item, transition="present")
    api.content.transition(obj=meeting, transition="freeze")
    return meeting


def _plain_folder(site, size):
    """Plain Plone's equivalent: a published Folder of ``size`` published Documents."""
    from plone import api

    folder = api.content.create(container=site, type="Folder", id=f"plain-{size}",
                                title=f"Folder of {size} documents")
    for index in range(size):
        document = api.content.create(
            container=folder, type="Document", title=f"Point {index + 1:03d} du conseil",
            text=_rich("<p>DÉCIDE : Article 1 — " + "approuvé. " * 40 + "</p>"))
        api.content.transition(obj=document, transition="publish")
    api.content.transition(obj=folder, transition="publish")
    return folder


def _rich(html):
    from plone.app.textfield.value import RichTextValue

    return RichTextValue(html, "text/html", "text/x-html-safe")


def run():
    import transaction
    import webtest
    import Zope2
    from AccessControl.SecurityManagement import newSecurityManager
    from AccessControl.users import system
    from benchmarks.pages import _app
    from benchmarks.pages import _instance
    from communesplone.cli import ensure_admin
    from communesplone.policy.sites import create_site
    from plone import api
    from zope.component.hooks import setSite
    from Zope2.Startup.run import make_wsgi_app

    logging.getLogger("communesplone").setLevel(logging.ERROR)
    with tempfile.TemporaryDirectory() as folder:
        instance = _instance(folder)
        wsgi = make_wsgi_app({}, str(instance.zope_conf))
        _load_zcml()
        app = _app()
        newSecurityManager(None, system)
        ensure_admin(app)
        create_site(app, "ours", preset_name="commune")
        site = app.ours
        setSite(site)
        site.portal_setup.runAllImportStepsFromProfile(
            "profile-communesplone.deliberations:default")
        council = api.content.create(
            container=site, type="Assembly", id="council", title="Conseil communal",
            members=[{"id": f"m{i}", "name": f"Membre {i}"} for i in range(25)],
            convocation_days=0, publication_days=0, item_templates=[])
        started = clock.perf_counter()
        meetings = {size: _meeting(council, size) for size in SIZES}
        setup = clock.perf_counter() - started
        paths = {size: "/".join(m.getPhysicalPath()) for size, m in meetings.items()}
        plain = {size: "/".join(_plain_folder(site, size).getPhysicalPath()) for size in SIZES}
        transaction.commit()

        browser = webtest.TestApp(wsgi)
        admin = {"Authorization": "Basic " + base64.b64encode(b"admin:admin").decode()}
        lines = [f"deliberations: {ROUNDS} rounds (creating and freezing {sum(SIZES)} items "
                 f"took {setup:.0f} s)"]
        def median(url, headers):
            browser.get(url, headers=headers)  # warm up
            return statistics.median(
                _timed(lambda: browser.get(url, headers=headers)) for _round in range(ROUNDS))

        for label, suffix, headers, plain_suffix in (
                ("agenda page (anonymous)", "", {}, ""),
                ("minutes PDF", "/@@meeting-document?name=minutes", admin, "/full_view")):
            ours = {size: median(paths[size] + suffix, headers) for size in SIZES}
            theirs = {size: median(plain[size] + plain_suffix, {}) for size in SIZES}
            small, big = SIZES[0], SIZES[-1]
            lines.append(
                f"  {label}: {ours[small] * 1000:.0f} ms for {small} items, "
                f"{ours[big] * 1000:.0f} ms for {big} ({big}/{small}: "
                f"{ours[big] / ours[small]:.1f}); "
                f"against plain Plone: {ours[small] / theirs[small]:.2f} ({small}), "
                f"{ours[big] / theirs[big]:.2f} ({big})")
        Zope2.DB.close()
    return "\n".join(lines)


if __name__ == "__main__":
    print(run())
