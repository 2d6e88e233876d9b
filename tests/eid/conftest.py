"""Each test starts with the eID login's in-memory counters empty (they are per process)."""

import pytest


@pytest.fixture(autouse=True)
def _fresh_memory_counters():
    from communesplone.eid.browser import login
    from communesplone.eid import verification

    login.ATTEMPTS.__init__()
    verification._recent_audits.clear()
    yield
