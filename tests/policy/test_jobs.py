"""``communesplone jobs run``: the clock-driven jobs of the installed add-ons."""

from communesplone.policy.jobs import run_jobs
from communesplone.policy.jobs import site_jobs

import communesplone.booking.jobs as booking_jobs


def test_jobs_of_installed_addons(integration):
    names = {name for _addon, name, _function in site_jobs(integration["portal"])}
    assert "booking-reminders" in names


def test_jobs_not_installed_are_not_run(bare):
    assert site_jobs(bare["portal"]) == []


def test_a_failing_job_is_reported_and_the_others_run(functional, monkeypatch):
    portal = functional["portal"]
    calls = []

    def broken(site, now):
        raise RuntimeError("mail server on fire")

    def working(site, now):
        calls.append(site.getId())
        return 3

    monkeypatch.setattr(booking_jobs, "JOBS", {"broken": broken, "working": working})
    results = run_jobs(portal)
    assert {"addon": "communesplone.booking", "job": "broken",
            "error": "RuntimeError: mail server on fire"} in results
    assert {"addon": "communesplone.booking", "job": "working", "done": 3} in results
    assert calls == [portal.getId()]
    assert run_jobs(portal, only=["working"]) == [
        {"addon": "communesplone.booking", "job": "working", "done": 3}]


class _FakeOperations:
    """Three sites; the second one's jobs cannot run (a broken site)."""

    def ids(self):
        return ["ath", "broken", "ciney"]

    def run(self, payload):
        from communesplone.cli import CommandError

        if payload["site"] == "broken":
            raise CommandError("site 'broken': jobs failed: POSKeyError")
        return {"jobs": [{"job": "booking-reminders", "done": 1}]}


def _fake_instance(tmp_path, monkeypatch):
    from contextlib import contextmanager
    from types import SimpleNamespace

    import communesplone.cli as cli

    @contextmanager
    def operations(_instance):
        yield _FakeOperations()

    monkeypatch.setattr(cli, "site_operations", operations)
    return SimpleNamespace(var=tmp_path)


def test_a_failing_site_does_not_stop_the_others(tmp_path, monkeypatch, capsys):
    from communesplone.cli import run_jobs as run_command

    assert run_command(_fake_instance(tmp_path, monkeypatch), [], None) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == ["ath: booking-reminders: 1", "ciney: booking-reminders: 1"]
    assert "broken: failed: site 'broken': jobs failed: POSKeyError" in err
    assert "jobs: 3 site(s) in" in err and "1 failure(s)" in err


def test_two_runs_never_overlap(tmp_path, monkeypatch, capsys):
    import fcntl

    from communesplone.cli import run_jobs as run_command

    instance = _fake_instance(tmp_path, monkeypatch)
    with open(tmp_path / "jobs.lock", "w") as held:  # a run still working
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        assert run_command(instance, [], None) == 75
        assert "another 'jobs run' is still working" in capsys.readouterr().err
    assert run_command(instance, ["ath"], None) == 0  # once it is over
