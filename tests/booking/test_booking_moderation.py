"""No moderation bypass: the citizen who made a booking can neither share it, nor
delete it, nor change it outside the workflow, in any state."""

from bookinghelpers import book
from bookinghelpers import next_monday
from moderation import check_upgrade
from moderation import owner_permissions
from plone import api
from plone.app.testing import login

import datetime


def test_owner_of_a_booking_holds_nothing_beyond_the_workflow(resource):
    login(api.portal.get(), "alice")
    start = next_monday(2)
    made = book(resource, start, start + datetime.timedelta(hours=1))
    assert "Owner" in api.user.get_roles(username="alice", obj=made)
    assert owner_permissions(made, "alice") == {}
    with api.env.adopt_user(username="alice"):
        assert not api.user.has_permission("Modify portal content", obj=made)


def test_upgrade_to_1005(resource):
    login(api.portal.get(), "alice")
    start = next_monday(3)
    made = book(resource, start, start + datetime.timedelta(hours=1))
    check_upgrade(made, "communesplone.booking:default", "1004", "alice")
