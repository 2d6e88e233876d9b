"""Demo content: resources, linked halves, a month of bookings; a second run adds nothing."""

from communesplone.booking.demo import populate
from communesplone.booking.occupancy import tree_of
from plone import api


def test_demo_is_idempotent(integration):
    portal = integration["portal"]
    with api.env.adopt_roles(["Manager"]):
        folder = populate(portal, "fr")
        counts = {resource.getId(): len(resource.objectIds())
                  for resource in folder.objectValues() if resource.portal_type == "Resource"}
        populate(portal, "fr")
    assert set(counts) == {"salle-communale", "salle-de-reunion", "hall-omnisports",
                           "hall-omnisports-a", "hall-omnisports-b", "camionnette"}
    assert sum(counts.values()) == 28
    assert counts == {resource.getId(): len(resource.objectIds())
                      for resource in folder.objectValues() if resource.portal_type == "Resource"}
    assert folder["dashboard"].portal_type == "Dashboard"  # the managers' faceted dashboard
    whole = folder["hall-omnisports"]
    assert folder["hall-omnisports-a"].part_of == [api.content.get_uuid(whole)]
    assert len(tree_of(folder["salle-de-reunion"])) == 8
    states = {api.content.get_state(booking)
              for booking in folder["salle-de-reunion"].objectValues()}
    assert states == {"confirmed"}  # no approval needed
