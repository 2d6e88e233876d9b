"""One throwaway PostgreSQL for the hosting tests of a session.

``COMMUNESPLONE_TEST_PG`` (keyword DSN without ``dbname``, e.g.
``host='127.0.0.1' port='15432' user='postgres'``; ``.ci/run`` exports it)
names a running server. Otherwise, when Debian's PostgreSQL is installed, a
cluster is made in a temporary folder, started on a free loopback port and
stopped at the end. Without PostgreSQL the RelStorage tests are skipped,
except under ``CI=true`` where they fail: CI must run them.
"""

from hostinghelpers import PostgreSQL
from pathlib import Path
from smtp import free_port

import glob
import os
import shutil
import subprocess
import tempfile

import pytest

def _bindir():
    try:
        return subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
        return str(Path(found[-1]).parent) if found else None


def _as_postgres(command):
    """The server refuses to run as root: run it as the ``postgres`` user then."""
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


@pytest.fixture(scope="session")
def postgresql():
    configured = os.environ.get("COMMUNESPLONE_TEST_PG")
    if configured:
        yield PostgreSQL(configured)
        return
    bindir = _bindir()
    if not bindir or not Path(bindir, "initdb").exists():
        if os.environ.get("CI"):
            pytest.fail("CI=true but no PostgreSQL: .ci/run must install and start it")
        pytest.skip("PostgreSQL is not installed (apt-get install postgresql)")
    folder = Path(tempfile.mkdtemp(prefix="communesplone-pg-"))
    folder.chmod(0o755)
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
    data = folder / "data"
    port = free_port()
    subprocess.run(_as_postgres([f"{bindir}/initdb", "--no-sync", "-A", "trust", "-U",
                                 "postgres", "-D", str(data)]),
                   check=True, capture_output=True)
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
    subprocess.run(_as_postgres([f"{bindir}/pg_ctl", "-w", "-D", str(data), "-o", options,
                                 "-l", str(folder / "log"), "start"]),
                   check=True, capture_output=True)
    try:
        yield PostgreSQL(f"user='postgres' host='127.0.0.1' port='{port}'")
    finally:
        subprocess.run(_as_postgres([f"{bindir}/pg_ctl", "-D", str(data), "-m", "fast",
                                     "stop"]), capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def light_presets(tmp_path_factory):
    """A folder of presets with ``light`` (core only: a site in a few seconds)."""
    folder = tmp_path_factory.mktemp("presets")
    source = Path(__file__).resolve().parents[2] / "profiles"
    for preset in source.glob("*.toml"):
        shutil.copy(preset, folder / preset.name)
    (folder / "light.toml").write_text(
        'title = "Commune légère"\nlanguage = "fr"\naddons = ["communesplone.core"]\n'
    )
    return folder
