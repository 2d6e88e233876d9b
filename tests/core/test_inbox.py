"""The staff inbox "À traiter" (``@@inbox``, ``@inbox``): what waits for each service,
from the catalog; tested from the side of who must not get through."""

from communesplone.core.upgrades.to1009 import fill_inbox_indexes
from communesplone.core.upgrades.to1009 import upgrade
from myspacehelpers import get
from myspacehelpers import make_commune
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from zope.lifecycleevent import modified

import pytest
import requests
import transaction

JSON = {"Accept": "application/json"}


@pytest.fixture
def commune(functional):
    commune = make_commune(functional["portal"])
    with api.env.adopt_roles(["Manager"]):
        commune.room.manager_group = "communesplone-facilities"
        modified(commune.room)  # the booking made before now waits for the facilities
        commune.directory.moderator_group = "communesplone-economy"
        modified(commune.directory)
        api.user.create(email="eve@example.org", username="eve",
                        password="secret-password-123", properties={"fullname": "Eve Eco"})
        api.group.add_user(groupname="communesplone-economy", username="eve")
    transaction.commit()
    return commune


def _inbox(commune, user, **params):
    answer = get(f"{commune.url}/@inbox", user, headers=JSON, params=params)
    assert answer.status_code == 200, answer.text
    return answer.json()


def _urls(data):
    return [item["url"] for item in data["items"]]


def test_each_service_sees_what_waits_for_it(commune):
    population = _inbox(commune, "paula")
    assert population["scope"] == "service"
    assert population["counts"] == [{"kind": "order-payment", "title": "Paiements à vérifier",
                                     "count": 1}]
    [row] = population["items"]
    assert row["url"] == commune.order.absolute_url()
    assert row["state_title"] == "En attente de paiement"
    assert commune.order.reference in row["title"] + row["detail"] and "5,00" in row["detail"]
    assert row["service_title"] and "communesplone" not in row["service_title"]
    assert row["due_text"] and "T" not in row["due_text"]
    assert [action["id"] for action in row["actions"]] == ["confirm_payment"]
    assert "workflow_action=confirm_payment" in row["actions"][0]["url"]
    assert "_authenticator=" in row["actions"][0]["url"]

    facilities = _inbox(commune, "carol")
    assert _urls(facilities) == [commune.booking.absolute_url()]
    assert [a["id"] for a in facilities["items"][0]["actions"]] == ["confirm"]
    assert "Salle du conseil" in facilities["items"][0]["detail"]
    economy = _inbox(commune, "eve")
    assert _urls(economy) == [commune.business.absolute_url()]
    assert economy["counts"][0]["kind"] == "entry-moderate"


def test_another_service_sees_nothing_of_an_order_it_does_not_process(commune):
    order = commune.order.absolute_url()
    for scope in ("mine", "service", "all"):
        data = _inbox(commune, "carol", scope=scope)
        assert order not in _urls(data)
        assert "order-payment" not in [count["kind"] for count in data["counts"]]
    # naming the population office does not open its queue
    data = _inbox(commune, "carol", scope="all", service="communesplone-population",
                  kind="order-payment")
    assert data["items"] == [] and data["service"] is None
    page = get(f"{commune.url}/@@inbox?scope=all&kind=order-payment", "carol")
    assert page.status_code == 200, page.text[-3000:]
    assert commune.order.reference not in page.text


def test_a_manager_sees_everything_and_acts_on_it(commune):
    data = requests.get(f"{commune.url}/@inbox", headers=JSON, timeout=60,
                        auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD)).json()
    assert data["scope"] == "all"
    assert set(_urls(data)) == {commune.order.absolute_url(), commune.booking.absolute_url(),
                                commune.business.absolute_url()}
    assert all(item["actions"] for item in data["items"])


def test_citizens_and_anonymous_get_no_inbox(commune):
    answer = get(f"{commune.url}/@inbox", "alice", headers=JSON)
    assert answer.status_code in (401, 403)
    assert "items" not in answer.text
    page = get(f"{commune.url}/@@inbox", "alice", allow_redirects=False)
    assert page.status_code in (302, 401, 403)
    assert commune.order.reference not in page.text
    assert get(f"{commune.url}/@inbox", None, headers=JSON).status_code == 401
    anonymous = get(f"{commune.url}/@@inbox", None, allow_redirects=False)
    assert anonymous.status_code == 302 and "/login" in anonymous.headers["Location"]
    # the user menu links the inbox for staff only
    assert "@@inbox" not in get(commune.url, "alice").text
    assert "@@inbox" in get(commune.url, "paula").text


def test_the_queue_follows_the_order_and_mine_is_what_i_took(commune):
    with api.env.adopt_user(username="paula"):
        api.content.transition(obj=commune.order, transition="confirm_payment")
        api.content.transition(obj=commune.order, transition="take")
    transaction.commit()
    data = _inbox(commune, "paula")
    assert [count["kind"] for count in data["counts"]] == ["order-deliver"]
    assert data["items"][0]["assigned_to_me"]
    assert [a["id"] for a in data["items"][0]["actions"]] == ["mark_ready"]
    assert _urls(_inbox(commune, "paula", scope="mine")) == [commune.order.absolute_url()]
    assert _inbox(commune, "carol", scope="mine")["items"] == []


def test_upgrade_to_1009_adds_and_fills_the_indexes(commune):
    """A site of 1008: no inbox index, column nor user action; the step brings them,
    filled for what already waits."""
    portal = commune.portal
    catalog = api.portal.get_tool("portal_catalog")
    for name in ("inbox_queue", "inbox_due", "inbox_assignee"):
        catalog.delIndex(name)
        catalog.delColumn(name)
    portal.portal_actions.user.manage_delObjects(["inbox"])
    upgrade(portal.portal_setup)
    assert "inbox" in portal.portal_actions.user.objectIds()
    assert set(catalog.uniqueValuesFor("inbox_queue")) == {
        "order-payment|communesplone-population", "booking-confirm|communesplone-facilities",
        "entry-moderate|communesplone-economy"}
    [brain] = catalog.unrestrictedSearchResults(inbox_queue="order-payment|"
                                                "communesplone-population")
    assert brain.inbox_due is not None and brain.inbox_queue
    assert fill_inbox_indexes() == 3  # run again: the same three
