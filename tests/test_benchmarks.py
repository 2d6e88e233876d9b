"""Every benchmark of ``make bench`` runs, at a tiny size, so that none of them rots.

``make bench`` failed at its first benchmark for a while and nothing noticed
(the demo content needed a request that the benchmark did not give), then at
its second (one Zope per process). Here each benchmark runs in a process of
its own, as ``make bench`` runs it (``benchmarks.__main__.run_one``), with
``BENCH_SIZE=tiny`` (a few entries, two rounds): its figures mean nothing,
only that it finishes and reports. The hosting and cluster benchmarks
(``make bench-hosting``, ``make bench-cluster``) start servers and a
PostgreSQL of their own and are not run here.
"""

from pathlib import Path

import os
import pytest

ROOT = Path(__file__).parent.parent
BENCHMARKS = ("pages", "booking", "directory", "deliberations", "inbox")


def test_make_bench_runs_them_all():
    """The list below is the one ``make bench`` runs: a new benchmark is tested too."""
    from benchmarks.__main__ import BENCHMARKS as RUN_BY_MAKE_BENCH

    assert RUN_BY_MAKE_BENCH == BENCHMARKS
    for name in BENCHMARKS:
        assert (ROOT / "benchmarks" / f"{name}.py").exists()


@pytest.mark.slow
@pytest.mark.parametrize("name", BENCHMARKS)
def test_benchmark_runs_at_a_tiny_size(name, tmp_path):
    from benchmarks.__main__ import run_one

    env = {key: value for key, value in os.environ.items() if not key.startswith("BENCH_")}
    env.update(BENCH_SIZE="tiny", TMPDIR=str(tmp_path))
    report, error = run_one(name, env=env)
    assert error is None, error
    assert name in report.lower(), report


def test_an_unknown_size_is_refused(monkeypatch):
    from benchmarks import setting

    monkeypatch.setenv("BENCH_SIZE", "huge")
    with pytest.raises(SystemExit, match="tiny, default, large"):
        setting("BENCH_NOTHING", "1", tiny="0")


@pytest.mark.parametrize("size, expected", [
    ("tiny", "0"), ("default", "1"), ("large", "2"), ("", "1")])
def test_sizes(monkeypatch, size, expected):
    from benchmarks import setting

    monkeypatch.setenv("BENCH_SIZE", size)
    monkeypatch.delenv("BENCH_NOTHING", raising=False)
    assert setting("BENCH_NOTHING", "1", tiny="0", large="2") == expected
    monkeypatch.setenv("BENCH_NOTHING", "7")
    assert setting("BENCH_NOTHING", "1", tiny="0", large="2") == "7"
