"""Clock-driven jobs of the add-ons (reminders, yearly mails, data retention).

A hosting operator runs them from cron with ``communesplone jobs run`` (every
site, or ``--site ID``), for instance every hour. Each add-on that has jobs
has a ``jobs`` module with a ``JOBS`` mapping of a job name to a function
``job(portal, now) -> int`` (how many things it did). Each job is idempotent
(running it twice in the same hour does nothing more) and runs in its own
transaction: a failing job is aborted, logged with the site and the job, and
the others still run.
"""

from communesplone.policy import logger
from datetime import UTC
from datetime import datetime
from plone.base.utils import get_installer

import importlib
import transaction


def site_jobs(site):
    """[(add-on, job name, function)] of the add-ons installed on ``site``."""
    installer = get_installer(site)
    found = []
    for addon in sorted(_addons_with_jobs()):
        if not installer.is_product_installed(addon):
            continue
        module = importlib.import_module(f"{addon}.jobs")
        for name, function in getattr(module, "JOBS", {}).items():
            found.append((addon, name, function))
    return found


def _addons_with_jobs():
    import communesplone

    from pathlib import Path

    # a namespace: one folder per installed distribution (sources/*/src, src)
    return sorted({
        f"communesplone.{path.parent.name}"
        for root in communesplone.__path__
        for path in Path(root).glob("*/jobs.py")
        if path.parent.name != "policy"
    })


def run_jobs(site, now=None, only=None):
    """Run the jobs of ``site`` (all, or the names in ``only``); a list of results.

    Each result is ``{"addon", "job", "done"}`` or ``{"addon", "job", "error"}``.
    """
    from zope.component.hooks import setSite

    now = now or datetime.now(UTC)
    setSite(site)
    results = []
    for addon, name, function in site_jobs(site):
        if only and name not in only:
            continue
        try:
            done = function(site, now)
            transaction.commit()
            results.append({"addon": addon, "job": name, "done": done or 0})
        except Exception as error:  # one job failing never stops the others
            transaction.abort()
            logger.exception("site %s: job %s of %s failed", site.getId(), name, addon)
            results.append({"addon": addon, "job": name,
                            "error": f"{type(error).__name__}: {error}"})
    return results
