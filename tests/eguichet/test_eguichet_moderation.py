"""No moderation bypass: the citizen who made an order can neither share it, nor
delete it, nor change it outside the workflow, in any state."""

from eguichethelpers import order
from moderation import check_upgrade
from moderation import owner_permissions
from plone import api
from plone.app.testing import login


def test_owner_of_an_order_holds_nothing_beyond_the_workflow(site):
    login(site.portal, "alice")
    made = order(site.catalog, site.residence)
    assert "Owner" in api.user.get_roles(username="alice", obj=made)
    assert owner_permissions(made, "alice") == {}
    with api.env.adopt_user(username="alice"):
        assert not api.user.has_permission("Modify portal content", obj=made)


def test_upgrade_to_1003(site):
    login(site.portal, "alice")
    made = order(site.catalog, site.residence)
    check_upgrade(made, "communesplone.eguichet:default", "1002", "alice")
