"""No moderation bypass: a member who owns an entry (a granted claim) cannot share
it, delete it, or change it with roles the workflow did not give them."""

from directoryhelpers import PASSWORD
from directoryhelpers import make_business
from directoryhelpers import rest
from moderation import check_upgrade
from moderation import owner_permissions
from plone import api
from plone.protect.authenticator import createToken

import requests
import transaction


def test_owner_holds_no_sharing_and_no_delete_in_any_state(directory):
    business = make_business(directory, "atelier", state="private", owner="alice")
    assert owner_permissions(business, "alice") == {}


def test_granted_claim_back_in_moderation_cannot_share_delete_or_edit(live):
    """The attack of issue 16: become Editor through the sharing, then DELETE or PATCH;
    or Zope's own methods, with a valid form token of the member's."""
    business = make_business(live["directory"], "imprimerie", state="pending", owner="alice")
    transaction.commit()
    entry = business.absolute_url()
    granted = rest("POST", f"{entry}/@sharing", "alice", json={
        "entries": [{"id": "alice", "type": "user", "roles": {"Editor": True}}]})
    assert granted.status_code in (401, 403), granted.text
    assert rest("GET", f"{entry}/@sharing", "alice").status_code in (401, 403)
    assert rest("GET", f"{entry}/@@sharing", "alice").status_code in (401, 403)
    assert rest("DELETE", entry, "alice").status_code in (401, 403)
    with api.env.adopt_user(username="alice"):
        token = createToken()
    for method, data in (
        ("manage_setLocalRoles", {"userid": "alice", "roles:list": "Editor"}),
        ("manage_addLocalRoles", {"userid": "alice", "roles:list": "Editor"}),
        ("manage_changeProperties", {"title": "Changé sans modération"}),
        ("selectViewTemplate", {"templateId": "folder_contents"}),
    ):
        answer = requests.post(f"{entry}/{method}", auth=("alice", PASSWORD),
                               data=dict(data, _authenticator=token), timeout=60,
                               allow_redirects=False)
        # refused: 401/403, or Plone's redirection to its login page
        assert answer.status_code in (302, 401, 403), (method, answer.status_code)
        assert answer.status_code != 302 or "login" in answer.headers["Location"], method
    transaction.begin()
    assert dict(business.get_local_roles())["alice"] == ("Owner",)
    assert business.title == "Imprimerie"
    assert "imprimerie" in live["directory"]


def test_upgrade_to_1005(directory):
    business = make_business(directory, "reliure", state="pending", owner="alice")
    check_upgrade(business, "communesplone.directory:default", "1004", "alice")
