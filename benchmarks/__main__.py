"""``make bench``: run every benchmark and print the ratios against plain Plone.

Each benchmark builds, in a throwaway instance folder, a plain Plone Classic
site and a CommunesPlone site side by side in one Zope process, then times
the same work on both, interleaved (A B A B ...) so a drift of the machine's
speed hits both alike. Only ratios are reported as results.
"""

from benchmarks import booking
from benchmarks import deliberations
from benchmarks import directory
from benchmarks import inbox
from benchmarks import pages

import sys


def main():
    # benchmarks/cluster.py (one process vs two on RelStorage) is `make bench-cluster`.
    results = [pages.run(), booking.run(), directory.run(), deliberations.run(),
               inbox.run()]
    for result in results:
        print(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
