"""The staff dashboard's filters (category, proposing service, state, dates) and the
upgrade step that adds them to the dashboards made before profile version 1001."""

from deliberationhelpers import make_item
from deliberationhelpers import transition
from plone import api


def _criteria(dashboard):
    from eea.facetednavigation.interfaces import ICriteria

    return {cid: c.get("index") for cid, c in ICriteria(dashboard).items()}


def _filter(dashboard, **form):
    """Catalog paths of the items the faceted query finds with the widgets' ``form``."""
    view = api.content.get_view("faceted_query", dashboard, dashboard.REQUEST)
    query = view.criteria(**form)
    keep = {key: query[key] for key in ("delib_category", "delib_service", "review_state",
                                          "delib_meeting_date", "created") if key in query}
    catalog = api.portal.get_tool("portal_catalog")
    return sorted(b.Title for b in catalog(portal_type="MeetingItem", **keep))


def test_dashboard_filters_on_category_service_state_and_date(council):
    from zope.component import getUtility
    from zope.schema.interfaces import IVocabularyFactory

    dashboard = council["dashboard"]
    indexes = _criteria(dashboard)
    assert {"delib_category", "delib_service", "review_state", "delib_meeting_date",
            "created"} <= set(indexes.values())
    categories = getUtility(IVocabularyFactory, "communesplone.deliberations.Categories")
    assert "finances" in categories(dashboard)
    services = getUtility(IVocabularyFactory,
                          "communesplone.deliberations.ProposingServices")(dashboard)
    assert set(services.by_value) == {"communesplone-economy", "communesplone-population"}
    make_item(council, "Budget", category="finances")
    works = make_item(council, "Voirie", category="public-works")
    make_item(council, "Registre", user="pop", category="finances",
              proposing_service="communesplone-population")
    transition(works, "propose", "eco")
    cid = {index: key for key, index in indexes.items()}
    with api.env.adopt_user(username="clerk"):
        assert _filter(dashboard, **{cid["delib_category"]: ["finances"]}) == [
            "Budget", "Registre"]
        assert _filter(dashboard, **{cid["delib_category"]: ["finances"],
                                     cid["delib_service"]: ["communesplone-population"]}) == [
            "Registre"]
        assert _filter(dashboard, **{cid["review_state"]: ["proposed"]}) == ["Voirie"]
        assert _filter(dashboard, **{cid["created"]: ["2000-01-01", "2000-12-31"]}) == []
        assert len(_filter(dashboard, **{cid["created"]: ["2000-01-01", "2100-12-31"]})) == 3
    with api.env.adopt_user(username="pop"):  # the catalog still filters by permission
        assert _filter(dashboard, **{cid["delib_category"]: ["finances"]}) == ["Registre"]


def test_upgrade_1001_adds_the_filters_to_existing_dashboards(council):
    from communesplone.core.faceted import DEFAULT_CRITERIA
    from communesplone.core.faceted import enable_faceted
    from communesplone.deliberations.upgrades.to1001 import upgrade

    dashboard = council["dashboard"]
    with api.env.adopt_roles(["Manager"]):
        enable_faceted(dashboard, DEFAULT_CRITERIA)  # a dashboard made by version 1000
    assert "delib_category" not in _criteria(dashboard).values()
    setup = api.portal.get_tool("portal_setup")
    steps = setup.listUpgrades("communesplone.deliberations:default", show_old=True)
    assert any(step["dest"] == ("1001",) for step in steps)
    with api.env.adopt_roles(["Manager"]):
        upgrade(setup)
    indexes = list(_criteria(dashboard).values())
    assert indexes.count("delib_category") == 1 and indexes.count("delib_service") == 1
    # installed at the profile's current version, which is 1001 or later
    assert setup.getLastVersionForProfile("communesplone.deliberations:default") == (
        setup.getVersionForProfile("communesplone.deliberations:default"),)


def test_the_dashboard_is_a_table_and_its_batches_keep_to_permissions(council):
    """Items as rows (number, title, service, category, state, meeting) from brains; the
    secretariat validates and presents several items at once in the meeting it picks;
    another service and a citizen change nothing, and an item meant for another meeting
    says why it stayed."""
    from communesplone.core.tables import rows
    from communesplone.core.tables import run_batch
    from communesplone.core.tables import table_of
    from deliberationhelpers import make_meeting

    dashboard = council["dashboard"]
    table = table_of(dashboard)
    assert table.name == "deliberations"
    meeting = make_meeting(council)
    other = make_meeting(council, days=40)
    first = make_item(council, "Budget", category="finances")
    second = make_item(council, "Voirie")
    for item in (first, second):
        transition(item, "propose", "eco")
    uids = [first.UID(), second.UID()]
    for user in ("pop", "citizen", "eco"):  # another service, a citizen, the proposer
        with api.env.adopt_user(username=user):
            result = run_batch(table, "validate", uids)
        assert not result.done, user
    assert {api.content.get_state(item) for item in (first, second)} == {"proposed"}
    with api.env.adopt_user(username="clerk"):
        assert len(run_batch(table, "validate", uids).done) == 2
        second.meeting = other.UID()  # meant for the next one
        second.reindexObject()
        result = run_batch(table, "present", uids, choice=meeting.UID())
        found = rows(table, api.content.find(UID=uids, sort_on="sortable_title"),
                     dashboard.REQUEST, dashboard)
    assert result.done == ["Budget"]
    [(title, why)] = result.untouched
    assert title == "Voirie" and "waits for a meeting" in str(why)
    budget, voirie = (row["cells"] for row in found)
    assert budget[1] == "Budget" and budget[4:] == ["Presented", meeting.Title()]
    assert budget[2] != "communesplone-economy" and budget[3] != "finances"
    assert voirie[4] == "Validated" and voirie[5] == other.Title()


def test_upgrade_1003_makes_the_dashboards_tables(council):
    from communesplone.core.tables import table_of
    from communesplone.deliberations.upgrades.to1003 import upgrade
    from eea.facetednavigation.layout.interfaces import IFacetedLayout

    dashboard = council["dashboard"]
    with api.env.adopt_roles(["Manager"]):
        IFacetedLayout(dashboard).update_layout("faceted-preview-items")
        del dashboard.dashboard_table
        upgrade(api.portal.get_tool("portal_setup"))
    assert IFacetedLayout(dashboard).layout == "faceted-table"
    assert table_of(dashboard).name == "deliberations"
