"""FileStorage -> RelStorage: ``communesplone storage migrate``, then the same
commands on RelStorage (list, upgrade, add-ons). A site and its blob survive.

Each command is a real process with its own Zope (about 10 s each).
"""

from communesplone.instance import Instance
from hostinghelpers import run

import json
import os
import textwrap
import transaction
import ZODB

import pytest

pytestmark = pytest.mark.slow
PDF = b"%PDF-1.4 " + bytes(range(256)) * 2000  # ~0.5 MB, not text

ADD_FILE = textwrap.dedent("""
    import os, transaction
    from AccessControl.SecurityManagement import newSecurityManager
    from AccessControl.users import system
    from plone import api
    from plone.namedfile.file import NamedBlobFile
    from Testing.makerequest import makerequest
    from zope.component.hooks import setSite
    app = makerequest(app)
    newSecurityManager(None, system)
    site = app["ville"]
    setSite(site)
    with open(os.environ["PDF_PATH"], "rb") as source:
        data = source.read()
    api.content.create(container=site, type="File", id="budget", title="Budget 2027",
                       file=NamedBlobFile(data=data, filename="budget.pdf"))
    transaction.commit()
""")


@pytest.fixture(scope="module")
def migrated(postgresql, light_presets, tmp_path_factory):
    """A FileStorage instance with a site and a PDF, migrated to a new database."""
    folder = tmp_path_factory.mktemp("migrate")
    var = folder / "var"
    env = dict(os.environ, COMMUNESPLONE_VAR=str(var), COMMUNESPLONE_PRESETS=str(light_presets))
    env.pop("STORAGE", None)
    Instance(var).write()
    created = run(env, "sites", "create", "--id", "ville", "--preset", "light")
    assert created.returncode == 0, created.stderr
    (folder / "budget.pdf").write_bytes(PDF)
    (folder / "add_file.py").write_text(ADD_FILE)
    added = subprocess_zconsole(var, folder / "add_file.py",
                                dict(env, PDF_PATH=str(folder / "budget.pdf")))
    assert added.returncode == 0, added.stderr

    dsn = postgresql.create_database("hosting_migrate")
    relenv = dict(env, STORAGE="relstorage", COMMUNESPLONE_DSN=dsn)
    migrated = run(relenv, "storage", "migrate")
    assert migrated.returncode == 0, migrated.stderr
    return {"var": var, "env": env, "relenv": relenv, "dsn": dsn, "output": migrated.stdout}


def subprocess_zconsole(var, script, env):
    import subprocess
    import sys
    from pathlib import Path

    zconsole = str(Path(sys.executable).parent / "zconsole")
    return subprocess.run([zconsole, "run", str(var / "etc" / "zope.conf"), str(script)],
                          env=env, capture_output=True, text=True, timeout=300)


def open_relstorage(dsn, cache):
    from relstorage.adapters.postgresql import PostgreSQLAdapter
    from relstorage.options import Options
    from relstorage.storage import RelStorage

    options = Options(keep_history=False, shared_blob_dir=False, blob_dir=str(cache))
    return ZODB.DB(RelStorage(PostgreSQLAdapter(dsn=dsn, options=options), options=options))


def test_site_and_blob_survive_the_migration(migrated, tmp_path):
    assert "Migrated" in migrated["output"]
    db = open_relstorage(migrated["dsn"], tmp_path / "empty-cache")  # nothing cached
    try:
        connection = db.open()
        site = connection.root()["Application"]["ville"]
        assert site.title == "Commune légère"
        budget = site["budget"]
        assert budget.title == "Budget 2027"
        with budget.file.open() as blob:
            assert blob.read() == PDF
        connection.close()
        transaction.abort()
    finally:
        db.close()


def test_second_migration_refuses_to_overwrite(migrated):
    again = run(migrated["relenv"], "storage", "migrate")
    assert again.returncode == 1
    assert "already holds data" in again.stderr


def test_relstorage_settings_are_checked(migrated):
    uri = run(dict(migrated["relenv"], COMMUNESPLONE_DSN="postgresql://x@h/db"), "sites", "list")
    assert uri.returncode == 1 and "keyword form" in uri.stderr
    missing = dict(migrated["relenv"])
    del missing["COMMUNESPLONE_DSN"]
    assert "needs a PostgreSQL DSN" in run(missing, "sites", "list").stderr


def test_operating_sites_on_relstorage(migrated):
    env = migrated["relenv"]
    upgraded = run(env, "sites", "upgrade", "--all")
    assert upgraded.returncode == 0, upgraded.stderr
    assert "[1/1] ville: up to date" in upgraded.stderr  # the progress (not a terminal)
    assert "1 site(s) in" in upgraded.stdout and "0 failed" in upgraded.stdout

    installed = run(env, "sites", "addon", "install", "ville", "communesplone.booking")
    assert installed.returncode == 0, installed.stderr
    assert "ville: communesplone.booking installed." in installed.stdout

    # The storage settings from <var>/storage.toml instead of the environment.
    plain = {k: v for k, v in env.items() if k not in ("STORAGE", "COMMUNESPLONE_DSN")}
    (migrated["var"] / "storage.toml").write_text(
        f'storage = "relstorage"\ndsn = "{migrated["dsn"]}"\n'
    )
    try:
        listed = run(plain, "sites", "list", "--json")
    finally:
        (migrated["var"] / "storage.toml").unlink()
    assert listed.returncode == 0, listed.stderr
    [site] = json.loads(listed.stdout)
    addons = {addon["id"]: addon for addon in site["addons"]}
    assert site["id"] == "ville"
    assert addons["communesplone.booking"]["installed"] is True
    booking = addons["communesplone.booking"]
    assert booking["version"] == booking["available"] and booking["pending"] == 0
    conf = (migrated["var"] / "etc" / "cli.conf").read_text()
    assert "keep-history false" in conf and "shared-blob-dir false" in conf
