"""Serving pages: a CommunesPlone site (every add-on, demo preset) against plain Plone.

Work timed, the same on both sites: the anonymous front page, the front page
as the site owner (toolbar, more viewlets), and ``GET @search`` through the
REST API as the owner. Site creation is timed once each, for the record.
"""

from benchmarks import setting
from pathlib import Path

import statistics
import tempfile
import time

ROUNDS = int(setting("BENCH_ROUNDS", "60", tiny="2"))


def _instance(folder):
    from communesplone.instance import Instance

    instance = Instance(Path(folder))
    instance.write(port=0)
    return instance


def _app():
    """The Zope application with a request, as ``communesplone`` commands have it.

    Creating a site with demo content reads the request (the e-guichet's demo
    orders are identified on it), so it must be the global request too.
    """
    import Zope2
    from Testing.makerequest import makerequest
    from zope.globalrequest import setRequest

    app = makerequest(Zope2.app())
    app.REQUEST["PARENTS"] = [app]
    setRequest(app.REQUEST)
    return app


def _timed(call):
    started = time.perf_counter()
    call()
    return time.perf_counter() - started


def run():
    import base64
    import transaction
    import webtest
    import Zope2
    from AccessControl.SecurityManagement import newSecurityManager
    from AccessControl.users import system
    from communesplone.cli import ensure_admin
    from communesplone.policy.sites import BASE_PROFILES
    from communesplone.policy.sites import create_site
    from Products.CMFPlone.factory import addPloneSite
    from Zope2.Startup.run import make_wsgi_app

    with tempfile.TemporaryDirectory() as folder:
        instance = _instance(folder)
        wsgi = make_wsgi_app({}, str(instance.zope_conf))
        app = _app()
        newSecurityManager(None, system)
        ensure_admin(app)
        plain_seconds = _timed(lambda: addPloneSite(
            app, "plain", title="Plain Plone", default_language="fr",
            extension_ids=BASE_PROFILES + ("plone.restapi:default",)))
        ours_seconds = _timed(lambda: create_site(app, "ours", preset_name="demo"))
        transaction.commit()
        app._p_jar.close()

        browser = webtest.TestApp(wsgi)
        owner = {"Authorization": "Basic " + base64.b64encode(b"admin:admin").decode()}
        work = {
            "front page, anonymous": ("/{site}", {}),
            "front page, owner": ("/{site}", owner),
            "REST @search, owner": ("/{site}/@search", dict(owner, Accept="application/json")),
        }
        lines = [
            f"pages: {ROUNDS} rounds, CommunesPlone (demo preset) / plain Plone 6.2 Classic",
            f"  site creation (once): {ours_seconds:.1f} s / {plain_seconds:.1f} s "
            f"= {ours_seconds / plain_seconds:.2f}",
        ]
        for name, (path, headers) in work.items():
            for site in ("plain", "ours"):  # warm up caches and templates
                browser.get(path.format(site=site), headers=headers)
            ratios = []
            for _round in range(ROUNDS):
                plain = _timed(lambda p=path, h=headers: browser.get(p.format(site="plain"),
                                                                      headers=h))
                ours = _timed(lambda p=path, h=headers: browser.get(p.format(site="ours"),
                                                                     headers=h))
                ratios.append(ours / plain)
            lines.append(
                f"  {name}: median ratio {statistics.median(ratios):.2f} "
                f"(min {min(ratios):.2f}, max {max(ratios):.2f})"
            )
        Zope2.DB.close()
    return "\n".join(lines)
