"""``communesplone sites create-many``: the communes of a region from one CSV file."""

from communesplone.instance import Instance
from communesplone.policy.sites import SiteError
from communesplone.policy.sites import read_communes
from hostinghelpers import run

import json
import os
import pytest
import re

GOOD = """id,name,nis_code,languages,addons
namur,Ville de Namur,92094,fr,
eupen,Stadt Eupen,63023,de fr,
"""


def test_the_csv_is_checked_line_by_line(tmp_path):
    path = tmp_path / "communes.csv"
    path.write_text(GOOD, encoding="utf-8")
    rows = read_communes(path)
    assert [row["id"] for row in rows] == ["namur", "eupen"]
    assert rows[1]["languages"] == ["de", "fr"] and rows[1]["addons"] is None
    # a spreadsheet's semicolons and a byte-order mark
    path.write_text("\ufeffid;name;nis_code;languages;addons\n"
                    "ixelles;Ixelles;21009;fr nl;communesplone.booking\n", encoding="utf-8")
    assert read_communes(path)[0]["addons"] == ["communesplone.booking"]
    for line, problem in (
        ("namur,Ville de Namur,9209,fr,", "line 2: NIS code '9209' is not 5 digits"),
        ("namur,,92094,fr,", "line 2: no name"),
        ("../x,Ville,92094,fr,", "line 2: invalid id '../x'"),
        ("namur,Ville de Namur,92094,es,", "line 2: languages 'es'"),
    ):
        path.write_text("id,name,nis_code,languages,addons\n" + line + "\n", encoding="utf-8")
        with pytest.raises(SiteError, match=problem.replace("(", r"\(").replace(".", r"\.")):
            read_communes(path)
    path.write_text("id,name\nnamur,Namur\n", encoding="utf-8")
    with pytest.raises(SiteError, match="missing column"):
        read_communes(path)


@pytest.mark.slow
def test_create_many_goes_on_after_a_failure_and_resumes(light_presets, tmp_path):
    var = tmp_path / "var"
    env = dict(os.environ, COMMUNESPLONE_VAR=str(var), COMMUNESPLONE_PRESETS=str(light_presets))
    env.pop("STORAGE", None)
    Instance(var).write()
    communes = tmp_path / "communes.csv"
    communes.write_text(GOOD.replace("eupen,Stadt Eupen,63023,de fr,",
                                     "eupen,Stadt Eupen,63023,de fr,communesplone.nope"))
    first = run(env, "sites", "create-many", str(communes), "--preset", "light")
    assert first.returncode == 1
    assert "1 site(s) created, 0 already there, 1 failed" in first.stdout
    assert "[2/2] eupen: FAILED" in first.stderr and "communesplone.nope" in first.stderr

    communes.write_text(GOOD)
    again = run(env, "sites", "create-many", str(communes), "--preset", "light")
    assert again.returncode == 0, again.stderr
    assert "1 site(s) created, 1 already there, 0 failed" in again.stdout
    assert "[1/2] namur: exists, skipped" in again.stderr
    sites = {site["id"]: site for site in json.loads(run(env, "sites", "list", "--json").stdout)}
    assert sorted(sites) == ["eupen", "namur"]  # the failed attempt left nothing behind
    assert sites["eupen"]["language"] == "de" and sites["eupen"]["title"] == "Stadt Eupen"

    # what each commune costs in storage, and its own sender
    used = run(env, "sites", "list", "--usage")
    assert used.returncode == 0, used.stderr
    assert re.search(r"^eupen\t.*objects=\d+ \(\d+\.\d [KM]B\) blobs=\d+", used.stdout, re.M)
    mail = run(dict(env, EUPEN_SMTP="geheim"), "sites", "mail", "eupen", "--smtp-host",
               "relay.eupen.be", "--smtp-user", "eupen", "--smtp-password-env", "EUPEN_SMTP",
               "--sender", "info@eupen.be", "--sender-name", "Stadt Eupen")
    assert mail.returncode == 0, mail.stderr
    assert mail.stdout.strip() == ("eupen: mails from Stadt Eupen <info@eupen.be> through "
                                   "relay.eupen.be:25, eupen (password set).")
    assert "geheim" not in mail.stdout + mail.stderr
    bad = run(env, "sites", "mail", "namur", "--sender", "pas une adresse")
    assert bad.returncode == 1 and "--sender 'pas une adresse'" in bad.stderr
