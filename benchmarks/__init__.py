"""Benchmarks: CommunesPlone against plain Plone doing the same amount of work (ratios).

Three sizes, chosen with ``BENCH_SIZE``:

- ``default`` (``make bench``): sizes that show how the cost grows and finish
  within 15 minutes on 2 cores;
- ``large`` (``make bench BENCH_SIZE=large``): the 100,000-entry sizes as well
  (100,000 bookings, directories of 10,000 and 100,000 businesses);
- ``tiny`` (``tests/test_benchmarks.py``): a few entries and rounds, so that CI
  runs every benchmark and none of them can rot unnoticed; its figures mean
  nothing.

A benchmark's own variable (``BENCH_ROUNDS``, ``BENCH_BOOKINGS``, ...) wins
over the size.
"""

import os

SIZES = ("tiny", "default", "large")


def size():
    """The size asked for (``BENCH_SIZE``), ``default`` when unset."""
    name = os.environ.get("BENCH_SIZE", "default").strip().lower() or "default"
    if name not in SIZES:
        raise SystemExit(f"BENCH_SIZE must be one of {', '.join(SIZES)}, not {name!r}")
    return name


def setting(variable, default, tiny, large=None):
    """``variable`` from the environment, else the value for the size asked for."""
    if os.environ.get(variable):
        return os.environ[variable]
    return {"tiny": tiny, "default": default,
            "large": default if large is None else large}[size()]
