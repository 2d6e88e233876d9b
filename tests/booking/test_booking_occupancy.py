"""The occupancy index without Plone: overlap lookups, and ZODB under concurrent writers."""

from BTrees.LOBTree import LOBTree
from communesplone.booking.occupancy import OccupancyVersion
from communesplone.booking.occupancy import hold
from communesplone.booking.occupancy import insert
from communesplone.booking.occupancy import overlaps
from communesplone.booking.occupancy import remove
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st
from persistent.mapping import PersistentMapping
from ZODB.POSException import ConflictError

import pytest
import transaction
import ZODB
import ZODB.FileStorage


def test_overlaps_predecessor_and_range():
    tree = LOBTree()
    insert(tree, 100, 200, "a")
    insert(tree, 200, 300, "b")
    insert(tree, 400, 500, "c")
    assert overlaps(tree, 150, 160) == [(100, 200, "a")]
    assert overlaps(tree, 199, 401) == [(100, 200, "a"), (200, 300, "b"), (400, 500, "c")]
    assert overlaps(tree, 300, 400) == []  # touching is not overlapping
    assert overlaps(tree, 0, 100) == []
    assert overlaps(tree, 500, 600) == []
    assert overlaps(LOBTree(), 0, 10) == []
    with pytest.raises(ValueError):
        insert(tree, 250, 260, "d")


def test_remove_only_own_periods():
    tree = LOBTree()
    insert(tree, 100, 200, "a")
    assert remove(tree, [100], "someone-else") == 0
    assert remove(tree, [100, 999], "a") == 1
    assert len(tree) == 0


def test_hold_is_all_or_nothing():
    tree, version = LOBTree(), OccupancyVersion()
    assert hold(tree, [(tree, version)], [(100, 200), (300, 400)], "a") == []
    assert version.counter == 1
    assert hold(tree, [(tree, version)], [(500, 600), (350, 450)], "b") == [(300, 400)]
    assert list(tree.keys()) == [100, 300]
    assert version.counter == 1
    # a series whose occurrences overlap each other
    assert hold(tree, [(tree, version)], [(700, 800), (750, 850)], "c") == [(750, 850)]


def test_hold_checks_linked_trees():
    whole, half = LOBTree(), LOBTree()
    whole_version, half_version = OccupancyVersion(), OccupancyVersion()
    related = [(half, half_version), (whole, whole_version)]
    assert hold(half, related, [(100, 200)], "a") == []
    assert whole_version.counter == half_version.counter == 1
    assert hold(whole, [(whole, whole_version), (half, half_version)], [(150, 250)], "b") == [
        (100, 200)]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.booleans(), st.integers(0, 96), st.integers(1, 16)),
                max_size=60))
def test_random_reserve_release_never_overlap(operations):
    """Random holds and releases: holders never overlap, and lookups match a brute force."""
    tree, version = LOBTree(), OccupancyVersion()
    held = {}
    for number, (is_hold, start, length) in enumerate(operations):
        if is_hold or not held:
            uid = f"u{number}"
            period = (start * 900, (start + length) * 900)
            expected = sorted(p for p in held.values()
                              if p[0] < period[1] and period[0] < p[1])
            conflicts = hold(tree, [(tree, version)], [period], uid)
            assert conflicts == expected
            if not conflicts:
                held[uid] = period
        else:
            uid = sorted(held)[start % len(held)]
            assert remove(tree, [held.pop(uid)[0]], uid) == 1
        periods = sorted((key, value[0]) for key, value in tree.items())
        assert periods == sorted(held.values())
        for (_s1, end1), (start2, _e2) in zip(periods, periods[1:], strict=False):
            assert end1 <= start2


# --- ZODB under concurrent writers ----------------------------------------------


@pytest.fixture
def database(tmp_path):
    # FileStorage resolves conflicts as production does (MappingStorage does not)
    db = ZODB.DB(ZODB.FileStorage.FileStorage(str(tmp_path / "Data.fs")))
    with db.transaction() as connection:
        resource = PersistentMapping()
        resource["tree"] = LOBTree()
        insert(resource["tree"], 0, 10, "existing")  # non-empty: inserts are merged
        resource["version"] = OccupancyVersion()
        connection.root()["resource"] = resource
    yield db
    db.close()


def _two_writers(db, bump):
    """Two transactions each check, find nothing, insert an overlapping period."""
    managers = [transaction.TransactionManager(), transaction.TransactionManager()]
    connections = [db.open(transaction_manager=tm) for tm in managers]
    for number, connection in enumerate(connections):
        resource = connection.root()["resource"]
        tree = resource["tree"]
        related = [(tree, resource["version"] if bump else OccupancyVersion())]
        assert hold(tree, related, [(100 + number * 10, 200 + number * 10)],
                    f"writer{number}") == []
    outcomes = []
    for manager in managers:
        try:
            manager.commit()
            outcomes.append("committed")
        except ConflictError:
            manager.abort()
            outcomes.append("conflict")
    for connection in connections:
        connection.close()
    with db.transaction() as connection:
        stored = sorted(connection.root()["resource"]["tree"].keys())
    return outcomes, stored


def test_btree_alone_lets_a_double_booking_through(database):
    """Why the version object exists: ZODB merges the two inserts into one tree."""
    outcomes, stored = _two_writers(database, bump=False)
    assert outcomes == ["committed", "committed"]
    assert stored == [0, 100, 110]  # two overlapping holders: the invariant broken


def test_version_object_makes_the_second_writer_conflict(database):
    outcomes, stored = _two_writers(database, bump=True)
    assert outcomes == ["committed", "conflict"]
    assert stored == [0, 100]
