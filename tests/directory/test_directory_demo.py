"""Demo content: 30 varied entries of real villages, valid data; a second run adds nothing."""

from communesplone.core.notifications import notifications_suppressed
from communesplone.core.validation import is_valid_be_postcode
from communesplone.core.validation import is_valid_enterprise_number
from communesplone.directory.demo import populate
from communesplone.directory.hours import parse_hours
from communesplone.directory.search import Criteria
from communesplone.directory.search import search
from plone import api


def test_demo_is_idempotent_and_valid(integration):
    portal = integration["portal"]
    with api.env.adopt_roles(["Manager"]), notifications_suppressed():
        directory = populate(portal, "fr")
        populate(portal, "fr")
    entries = [obj for obj in directory.objectValues() if obj.portal_type == "Business"]
    assert len(entries) == 30
    states = [api.content.get_state(obj) for obj in entries]
    assert states.count("published") == 28
    assert {"pending", "rejected"} <= set(states)
    for entry in entries:
        assert is_valid_be_postcode(entry.postcode) or not entry.postcode
        assert not entry.enterprise_number or is_valid_enterprise_number(
            entry.enterprise_number), entry.getId()
        assert 50.3 < entry.latitude < 50.6 and 4.7 < entry.longitude < 5.0
        parse_hours(entry.opening_hours)
        for category in entry.categories:
            assert category in directory.categories
    assert len({entry.locality for entry in entries}) >= 8
    page, total, facets = search(directory, Criteria(b_size=100))
    assert total == 28
    assert facets["category"]["Horeca"] >= 3
    assert directory["boulangerie-dubois"].translated("title", "nl") == "Bakkerij Dubois"
