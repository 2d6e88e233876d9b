"""The editors' dashboard as a table: entries as rows from brains, publish or reject
several at once with the editor's rights (``communesplone.core.tables``)."""

from directoryhelpers import make_business
from plone import api


def test_rows_and_batches_from_the_side_of_who_must_not_get_through(directory):
    from communesplone.core.tables import rows
    from communesplone.core.tables import run_batch
    from communesplone.core.tables import table_of

    table = table_of(directory["dashboard"])
    assert table.name == "directory"
    first = make_business(directory, "boulangerie-dupont", state="pending", owner="alice")
    second = make_business(directory, "menuiserie", state="pending", owner="bob",
                           categories=["Artisans > Menuisier", "Horeca > Restaurant"])
    uids = [first.UID(), second.UID()]
    for user in ("alice", "bob"):  # who proposed them: neither may publish
        with api.env.adopt_user(user):
            assert not run_batch(table, "publish", uids).done
    assert {api.content.get_state(b) for b in (first, second)} == {"pending"}
    with api.env.adopt_user("eva"):
        found = rows(table, api.content.find(UID=uids, sort_on="sortable_title"),
                     directory.REQUEST, directory["dashboard"])
        refused = run_batch(table, "reject", [second.UID()])  # no reason: stays, says why
        assert not refused.done and refused.untouched
        assert len(run_batch(table, "publish", uids[:1]).done) == 1
        assert len(run_batch(table, "reject", uids[1:], "Hors commune").done) == 1
    assert api.content.get_state(first) == "published"
    assert api.content.get_state(second) == "rejected"
    name, category, locality, state, proposed_by, modified = found[0]["cells"]
    assert (name, category, locality, state) == ("Boulangerie Dupont", "Boulangerie",
                                                 "Namur", "Pending")
    assert modified.count("/") == 2
    assert found[1]["cells"][1] == "Menuisier, Restaurant"


def test_upgrade_1003_makes_the_dashboard_a_table(directory):
    from communesplone.core.tables import table_of
    from communesplone.directory.upgrades.v1003 import upgrade
    from eea.facetednavigation.layout.interfaces import IFacetedLayout

    dashboard = directory["dashboard"]
    with api.env.adopt_roles(["Manager"]):
        IFacetedLayout(dashboard).update_layout("faceted-preview-items")
        del dashboard.dashboard_table
        upgrade(api.portal.get_tool("portal_setup"))
    assert IFacetedLayout(dashboard).layout == "faceted-table"
    assert table_of(dashboard).name == "directory"
