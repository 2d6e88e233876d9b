"""Write tests/fixtures/previous-release.tar.gz: a packed FileStorage of "the previous release".

Run with the code of the release being frozen (``.venv/bin/python
scripts/make_upgrade_fixture.py``): a fresh instance folder, the demo commune
(``demo`` preset: every add-on, the demo content) created as ``make start``
creates it, the storage packed, ``Data.fs`` and the blobs archived. The
upgrade test (``tests/policy/test_upgrade_fixture.py``) unpacks a copy, runs
``communesplone sites upgrade --all`` with the current code and checks that the
content is still all there: a Data.fs written by the code before a change of
layout (the split into one distribution per add-on) or of schema must open and
upgrade with the code after it.

The counts the test expects are written beside it (``previous-release.json``),
read from the catalog of the site just made.
"""

from pathlib import Path

import json
import os
import sys
import tarfile
import tempfile

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
SITE_ID = "demo"


def counts(site):
    """``{portal_type: {review_state: n}}`` and a few titles, from the catalog."""
    from Products.CMFCore.utils import getToolByName

    catalog = getToolByName(site, "portal_catalog")
    found = {}
    titles = {}
    path = "/".join(site.getPhysicalPath())
    for brain in catalog.unrestrictedSearchResults(path=path):
        if not brain.portal_type:
            continue
        by_state = found.setdefault(brain.portal_type, {})
        state = brain.review_state or ""
        by_state[state] = by_state.get(state, 0) + 1
        titles.setdefault(brain.portal_type, set()).add(brain.Title)
    return found, {kind: sorted(names)[:3] for kind, names in titles.items()}


def profile_versions(site):
    setup_tool = site.portal_setup
    return {
        info["id"]: ".".join(setup_tool.getLastVersionForProfile(info["id"]))
        for info in setup_tool.listProfileInfo()
        if info["id"].startswith("communesplone.") and info["id"].endswith(":default")
        and setup_tool.getLastVersionForProfile(info["id"]) != "unknown"
    }


def main():
    with tempfile.TemporaryDirectory() as folder:
        var = Path(folder) / "var"
        os.environ["COMMUNESPLONE_VAR"] = str(var)
        from communesplone.cli import ensure_admin
        from communesplone.cli import ensure_site
        from communesplone.cli import zope_app
        from communesplone.instance import Instance

        import transaction
        import Zope2

        instance = Instance.from_environment()
        instance.write()
        with zope_app(instance) as app:
            ensure_admin(app)
            ensure_site(app, SITE_ID, "demo")
            transaction.commit()
            site = app[SITE_ID]
            by_type, titles = counts(site)
            versions = profile_versions(site)
            transaction.commit()
            Zope2.DB.pack()
        FIXTURES.mkdir(parents=True, exist_ok=True)
        archive = FIXTURES / "previous-release.tar.gz"
        with tarfile.open(archive, "w:gz") as tar:
            tar.add(instance.data_fs, arcname="filestorage/Data.fs")
            tar.add(instance.blobstorage, arcname="blobstorage")
        expected = {"site": SITE_ID, "counts": by_type, "titles": titles,
                    "versions": versions}
        (FIXTURES / "previous-release.json").write_text(
            json.dumps(expected, indent=1, sort_keys=True, ensure_ascii=False) + "\n")
        print(f"{archive.relative_to(ROOT)}: {archive.stat().st_size / 1e6:.2f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
