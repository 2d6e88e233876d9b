"""Demo content: a council and a college, two meetings each, one decided and published."""

from plone import api


def test_demo_is_complete_and_idempotent(integration):
    from communesplone.core.notifications import notifications_suppressed
    from communesplone.deliberations import register
    from communesplone.deliberations.demo import populate

    portal = integration["portal"]
    with api.env.adopt_roles(["Manager"]), notifications_suppressed():
        populate(portal, "fr")
        populate(portal, "fr")
    council, college = portal["conseil-communal"], portal["college-communal"]
    meetings = api.content.find(portal_type="Meeting", unrestricted=True)
    assert len(meetings) == 5
    preparing = council["seance-en-preparation"]  # the agenda builder's demo
    assert api.content.get_state(preparing) == "created"
    from communesplone.deliberations.agenda_builder import overview

    assert len(overview(preparing)["waiting"]) == 5
    assert api.content.get_state(council["seance-passee"]) == "published"
    assert api.content.get_state(college["college-1"]) == "created"
    assert {e["kind"] for e in register.entries()} == {"agenda", "decision", "minutes"}
    published = api.content.find(portal_type="MeetingItem", review_state="published",
                                 unrestricted=True)
    assert len(published) == 3  # the template item and two public items; not the nomination
