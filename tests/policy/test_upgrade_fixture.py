"""A Data.fs of the previous release opens and upgrades with the current code.

``tests/fixtures/previous-release.tar.gz`` is the demo commune (every add-on,
its demo content) as the release before the split into one distribution per
add-on wrote it (``scripts/make_upgrade_fixture.py``), packed; beside it
``previous-release.json`` holds what its catalog held then. A copy is upgraded
with ``communesplone sites upgrade --all``, as a host does after installing a
new release, and must keep every order, booking, entry and item in its state,
its titles, and end with every profile at its current version and nothing
pending. A module moved without its old dotted name kept (a pickled class, a
registered utility, an upgrade step's handler) fails here, not on a commune's
site.
"""

from communesplone.instance import Instance
from pathlib import Path

import json
import os
import subprocess
import sys
import tarfile

import pytest

pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"
COMMAND = str(Path(sys.executable).parent / "communesplone")
EXPECTED = json.loads((FIXTURES / "previous-release.json").read_text())

#: After the upgrade: what the catalog holds now and where each profile stands.
READ_SITE = f"""
import json, sys
sys.path.insert(0, {str(SCRIPTS)!r})
from make_upgrade_fixture import counts
from communesplone.cli import zope_app
from communesplone.instance import Instance
from zope.component.hooks import setSite

with zope_app(Instance.from_environment()) as app:
    site = app[{EXPECTED["site"]!r}]
    setSite(site)
    found, _titles = counts(site)
    catalog = site.portal_catalog
    titles = {{brain.Title for brain in catalog.unrestrictedSearchResults(
        path="/".join(site.getPhysicalPath()))}}
    setup_tool = site.portal_setup
    profiles = {{}}
    for profile_id in {sorted(EXPECTED["versions"])!r}:
        profiles[profile_id] = {{
            "installed": ".".join(setup_tool.getLastVersionForProfile(profile_id)),
            "available": setup_tool.getVersionForProfile(profile_id),
            "pending": len(setup_tool.listUpgrades(profile_id)),
        }}
    print(json.dumps({{"counts": found, "titles": sorted(titles), "profiles": profiles}}))
"""


@pytest.fixture(scope="module")
def upgraded(tmp_path_factory):
    """The fixture unpacked into a fresh instance folder, upgraded by the command."""
    var = tmp_path_factory.mktemp("previous-release")
    with tarfile.open(FIXTURES / "previous-release.tar.gz") as tar:
        tar.extractall(var, filter="data")
    Instance(var=var).write()
    env = dict(os.environ, COMMUNESPLONE_VAR=str(var))
    upgrade = subprocess.run([COMMAND, "sites", "upgrade", "--all"], env=env,
                             capture_output=True, text=True, timeout=600)
    read = subprocess.run([sys.executable, "-c", READ_SITE], env=env,
                          capture_output=True, text=True, timeout=600)
    assert read.returncode == 0, read.stderr[-3000:]
    return upgrade, json.loads(read.stdout.strip().splitlines()[-1])


def test_the_command_upgrades_every_site_without_failure(upgraded):
    upgrade, _site = upgraded
    assert upgrade.returncode == 0, upgrade.stdout + upgrade.stderr[-3000:]
    assert "1 site(s)" in upgrade.stdout and "0 failed" in upgrade.stdout


def test_every_item_keeps_its_type_and_state(upgraded):
    _upgrade, site = upgraded
    # orders, bookings, directory entries, meeting items: each state's count, exactly
    for portal_type in ("DocumentOrder", "Booking", "Business", "MeetingItem", "Meeting",
                        "Resource", "DocumentType", "Assembly"):
        assert site["counts"].get(portal_type) == EXPECTED["counts"][portal_type], portal_type
    assert site["counts"] == EXPECTED["counts"]


def test_titles_are_kept(upgraded):
    _upgrade, site = upgraded
    for portal_type, titles in EXPECTED["titles"].items():
        for title in titles:
            assert title in site["titles"], (portal_type, title)


def test_every_profile_is_current_with_nothing_pending(upgraded):
    _upgrade, site = upgraded
    for profile_id, recorded in EXPECTED["versions"].items():
        profile = site["profiles"][profile_id]
        assert profile["installed"] == profile["available"], profile_id
        assert int(profile["installed"]) >= int(recorded), profile_id
        assert profile["pending"] == 0, profile_id
