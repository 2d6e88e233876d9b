"""``make bench``: run every benchmark and print the ratios against plain Plone.

Each benchmark builds, in a throwaway instance folder, a plain Plone Classic
site and a CommunesPlone site side by side in one Zope process, then times
the same work on both, interleaved (A B A B ...) so a drift of the machine's
speed hits both alike. Only ratios are reported as results.

Each benchmark runs in a process of its own: one Zope per process (the
second benchmark of a shared process found the first one's database closed,
and ``make bench`` stopped there). One that fails is reported and the others
still run; the exit status says whether all of them ran.
"""

import os
import subprocess
import sys
import time

# benchmarks/cluster.py (one process vs two on RelStorage) is `make bench-cluster`,
# benchmarks/hosting.py is `make bench-hosting`.
BENCHMARKS = ("pages", "booking", "directory", "deliberations", "inbox")


def run_one(name, env=None):
    """Run benchmark ``name`` in a new process: ``(its report, None)`` or ``(None, error)``."""
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    done = subprocess.run(
        [sys.executable, "-c", f"from benchmarks import {name}; print({name}.run())"],
        cwd=root, env=env, capture_output=True, text=True)
    if done.returncode:
        return None, done.stderr.strip().splitlines()[-1:] or [f"exit status {done.returncode}"]
    return done.stdout.strip(), None


def main(names=BENCHMARKS):
    failed = []
    for name in names:
        started = time.perf_counter()
        report, error = run_one(name)
        elapsed = time.perf_counter() - started
        if error:
            failed.append(name)
            print(f"{name}: FAILED after {elapsed:.0f} s: {error[0]}", flush=True)
        else:
            print(f"{report}\n  ({name}: {elapsed:.0f} s in all)", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or BENCHMARKS))
