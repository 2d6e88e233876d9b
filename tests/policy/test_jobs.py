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
