"""Reference numbers of orders: ``YYYY-NNNNNN``, unique per site, one series a year.

Each year has its own :class:`YearCounter`, a plain ``Persistent`` object
**without** conflict resolution (deliberately not a ``BTrees.Length``, whose
concurrent increments are merged so that two orders read the same number).
Two orders made at the same moment both change the counter: the second gets
a ``ConflictError`` at commit, the Zope publisher retries its request, and
the retry reads the number the first one took. Nothing here catches
``ConflictError``.
"""

from communesplone.core.validation import make_structured_communication
from persistent import Persistent
from persistent.mapping import PersistentMapping
from zope.annotation.interfaces import IAnnotations

ANNOTATION_KEY = "communesplone.eguichet.counters"


class YearCounter(Persistent):
    """The last number handed out in one year."""

    def __init__(self):
        self.value = 0


def next_number(portal, year):
    """Take the next number of ``year`` (1, 2, ...)."""
    annotations = IAnnotations(portal)
    counters = annotations.get(ANNOTATION_KEY)
    if counters is None:
        counters = annotations[ANNOTATION_KEY] = PersistentMapping()
    counter = counters.get(year)
    if counter is None:
        counter = counters[year] = YearCounter()
    counter.value += 1
    return counter.value


def format_reference(year, number):
    return f"{year}-{number:06d}"


def communication_for(year, number):
    """The structured communication of an order: its reference's ten digits + check.

    ``2026-000123`` pays with ``+++202/6000/12320+++``: a clerk reading a bank
    statement recognises the reference in it.
    """
    return make_structured_communication(year * 10**6 + number)


def digits(communication):
    """The 12 digits of a structured communication (the catalog's key for matching)."""
    return "".join(char for char in communication or "" if char.isdigit())
