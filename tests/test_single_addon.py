"""A commune that runs plain Plone 6.2 installs one add-on: booking, and only booking.

A virtualenv of its own (uv, from ``constraints.txt``; offline from uv's cache
when it can) gets Plone and the wheels of ``communesplone.core`` and
``communesplone.booking``, built from ``sources/`` as a commune would get them
from the package index: neither the other add-ons nor WeasyPrint, joserfc or
RelStorage. A plain Zope instance (``mkwsgiinstance``) holds a plain Plone
site; ``communesplone.booking:default`` is installed on it, a booking is made
through the REST API of the served instance, and the add-on is uninstalled.
What the wheel forgot (a ZCML file, a profile, a template) or an import of
another add-on fails here, not on the commune's site.
"""

from datetime import datetime
from datetime import timedelta
from pathlib import Path
from smtp import free_port

import base64
import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
UV = str(Path(sys.executable).parent / "uv")
PLONE = ("Products.CMFPlone", "plone.app.contenttypes", "plonetheme.barceloneta")

CREATE_SITE = """
import transaction
from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.users import system
from Products.CMFPlone.factory import addPloneSite
from Testing.makerequest import makerequest
from plone import api
from plone.base.utils import get_installer
from zope.component.hooks import setSite
from zope.globalrequest import setRequest

app = makerequest(app)
setRequest(app.REQUEST)
newSecurityManager(None, system)
site = addPloneSite(app, "plain", title="Plain Plone", default_language="fr",
                    extension_ids=("plone.app.contenttypes:default",
                                   "plonetheme.barceloneta:default"))
setSite(site)
installer = get_installer(site, app.REQUEST)
installer.install_product("communesplone.booking")
assert installer.is_product_installed("communesplone.booking")
assert installer.is_product_installed("communesplone.core")
folder = api.content.create(container=site, type="ResourceFolder", id="reserver",
                            title="Réserver")
api.content.create(container=folder, type="Resource", id="salle", title="Salle",
                   slot_minutes=30, min_minutes=30, max_minutes=240, horizon_days=180,
                   needs_approval=True, audience="members", capacity=50,
                   closed_on_holidays=False, hours_monday="08:00-22:00")
transaction.commit()
print("SITE-READY")
"""

UNINSTALL = """
import transaction
from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.users import system
from Testing.makerequest import makerequest
from plone.base.utils import get_installer
from zope.component.hooks import setSite
from zope.globalrequest import setRequest

app = makerequest(app)
setRequest(app.REQUEST)
newSecurityManager(None, system)
site = app.plain
setSite(site)
bookings = len(site.portal_catalog.unrestrictedSearchResults(portal_type="Booking"))
installer = get_installer(site, app.REQUEST)
installer.uninstall_product("communesplone.booking")
transaction.commit()
print("UNINSTALLED", json.dumps({
    "bookings_before": bookings,
    "installed": installer.is_product_installed("communesplone.booking"),
    "types": sorted(site.portal_types.objectIds()),
}))
""".replace("import transaction", "import json\nimport transaction", 1)


def run(*args, **kwargs):
    return subprocess.run(list(args), capture_output=True, text=True, timeout=1200, **kwargs)


@pytest.fixture(scope="module")
def venv(tmp_path_factory):
    folder = tmp_path_factory.mktemp("single-addon")
    python = folder / "venv" / "bin" / "python"
    made = run(UV, "venv", "--quiet", "--python", sys.executable, str(folder / "venv"))
    assert made.returncode == 0, made.stderr
    install = [UV, "pip", "install", "--quiet", "--python", str(python),
               "-c", str(ROOT / "constraints.txt"), *PLONE,
               str(ROOT / "sources" / "communesplone.core"),
               str(ROOT / "sources" / "communesplone.booking")]
    done = run(*install, "--offline")
    if done.returncode != 0:  # something not in uv's cache yet: from the index
        done = run(*install)
    assert done.returncode == 0, done.stderr[-3000:]
    return folder, python


def test_only_booking_and_core_come(venv):
    _folder, python = venv
    probe = ("import importlib.util as u; print([name for name in ('communesplone.core', "
             "'communesplone.booking', 'communesplone.eguichet', 'communesplone.eid', "
             "'communesplone.deliberations', 'communesplone.directory', 'communesplone.cli', "
             "'weasyprint', 'joserfc', 'relstorage', 'psycopg2') if u.find_spec(name)])")
    found = run(str(python), "-c", probe)
    assert found.returncode == 0, found.stderr
    assert found.stdout.strip() == "['communesplone.core', 'communesplone.booking']"
    # installed as wheels, not from the checkout: package data must be in them
    where = run(str(python), "-c", "import communesplone.booking as b; print(b.__file__)")
    assert "site-packages" in where.stdout


def get(url, method="GET", payload=None):
    data = json.dumps(payload).encode() if payload is not None else None
    request = urllib.request.Request(url, data=data, method=method, headers={
        "Accept": "application/json", "Content-Type": "application/json",
        "Authorization": "Basic " + base64.b64encode(b"admin:admin").decode()})
    with urllib.request.urlopen(request, timeout=60) as response:
        return response.status, json.loads(response.read() or b"null")


def test_install_book_through_rest_and_uninstall(venv):
    folder, python = venv
    bin_dir = python.parent
    instance = folder / "instance"
    made = run(str(bin_dir / "mkwsgiinstance"), "-d", str(instance), "-u", "admin:admin")
    assert made.returncode == 0, made.stderr
    zope_conf = str(instance / "etc" / "zope.conf")
    created = _zconsole(bin_dir, zope_conf, folder / "create.py", CREATE_SITE)
    assert "SITE-READY" in created.stdout, created.stdout[-2000:] + created.stderr[-4000:]

    port = free_port()
    ini = instance / "etc" / "zope.ini"
    ini.write_text(ini.read_text().replace("port = 8080", f"port = {port}"))
    with open(folder / "server.log", "w") as log:
        serve_and_book(folder, bin_dir, ini, port, log)

    removed = _zconsole(bin_dir, zope_conf, folder / "uninstall.py", UNINSTALL)
    line = next((text for text in removed.stdout.splitlines()
                 if text.startswith("UNINSTALLED")), None)
    assert line, removed.stdout[-2000:] + removed.stderr[-4000:]
    after = json.loads(line.split(" ", 1)[1])
    assert after["bookings_before"] == 1
    assert after["installed"] is False
    assert not {"Booking", "Resource", "ResourceFolder"} & set(after["types"])


def _zconsole(bin_dir, zope_conf, script, text):
    script.write_text(text)
    return run(str(bin_dir / "zconsole"), "run", zope_conf, str(script))


def serve_and_book(folder, bin_dir, ini, port, log):
    """Serve the plain instance, book through REST as the Zope admin, stop it."""
    server = subprocess.Popen([str(bin_dir / "runwsgi"), str(ini)], stdout=log,
                              stderr=subprocess.STDOUT, env=dict(os.environ))
    try:
        base = f"http://127.0.0.1:{port}/plain"
        deadline = time.monotonic() + 180
        while True:
            assert server.poll() is None, (folder / "server.log").read_text()[-3000:]
            try:
                get(base)
                break
            except OSError:
                assert time.monotonic() < deadline, "the plain instance did not answer"
                time.sleep(0.5)
        status, addons = get(f"{base}/@addons")
        installed = {item["id"] for item in addons["items"] if item["is_installed"]}
        assert {"communesplone.booking", "communesplone.core"} <= installed
        assert not {"communesplone.eguichet", "communesplone.policy"} & {
            item["id"] for item in addons["items"]}
        monday = datetime.now().date() + timedelta(days=14 - datetime.now().weekday())
        start = datetime(monday.year, monday.month, monday.day, 10, 0).isoformat()
        end = datetime(monday.year, monday.month, monday.day, 12, 0).isoformat()
        status, booking = get(f"{base}/reserver/salle", "POST", {
            "@type": "Booking", "start": start, "end": end,
            "requester_name": "Alice Martin", "requester_email": "alice@example.org",
            "purpose": "Assemblée du club", "attendees": 12})
        assert status == 201, booking
        assert booking["@type"] == "Booking"
        status, listed = get(f"{base}/@search?portal_type=Booking")
        assert listed["items_total"] == 1
    finally:
        server.terminate()
        server.wait(timeout=60)

