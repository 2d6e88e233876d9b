"""Abuse limits, from the attacker's side: each flood ends in a translated 429.

Floods are bounded (a few more requests than the limit, lowered for the test
where the default is large) and end by themselves. The limits hold across
processes: two connections to one database, each a process's view, cannot
both count the same hour as free.
"""

from datetime import timedelta
from pathlib import Path
from plone import api

import pytest
import requests
import sys
import transaction

for _folder in ("booking", "eguichet"):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / _folder))

from bookinghelpers import booking_json  # noqa: E402
from bookinghelpers import make_resource  # noqa: E402
from bookinghelpers import next_monday  # noqa: E402
from bookinghelpers import TZ  # noqa: E402
from eguichethelpers import make_site  # noqa: E402
from eguichethelpers import order_json  # noqa: E402
from eguichethelpers import orders_in  # noqa: E402
from eguichethelpers import PASSWORD  # noqa: E402

PREFIX = "communesplone.core.limits."


@pytest.fixture
def live(functional):
    portal = functional["portal"]
    api.portal.set_registry_record("plone.portal_timezone", TZ)
    eguichet = make_site(portal)
    with api.env.adopt_roles(["Manager"]):
        folder = api.content.create(container=portal, type="ResourceFolder", id="salles",
                                    title="Salles")
    resources = [make_resource(folder, f"salle-{n}", audience="anonymous") for n in (1, 2)]
    transaction.commit()
    return {"portal": portal, "resources": resources, "eguichet": eguichet}


def post(url, json, user=None, headers=None):
    sent = {"Accept": "application/json", "Content-Type": "application/json",
            "Accept-Language": "fr"}
    sent.update(headers or {})
    return requests.post(url, json=json, headers=sent, timeout=60,
                         auth=(user, PASSWORD) if user else None)


def _slot(index, hours=1):
    start = next_monday(weeks=2, hour=8) + timedelta(days=index // 6, hours=2 * (index % 6))
    return start, start + timedelta(hours=hours)


def booking(index, **fields):
    start, end = _slot(index)
    return booking_json(start, end, **fields)


def assert_429_in_french(answer, words):
    assert answer.status_code == 429, answer.text[:400]
    assert int(answer.headers["Retry-After"]) > 0
    message = answer.json()["error"]["message"]
    assert words in message, message
    return message


def set_limits(**values):
    for name, value in values.items():
        api.portal.set_registry_record(PREFIX + name, value)
    transaction.commit()


def test_defaults_are_in_the_registry_and_refuse_no_legitimate_citizen(live):
    """Three bookings and two orders in a minute, with the defaults: never refused."""
    assert api.portal.get_registry_record(PREFIX + "bookings_pending_per_requester") == 10
    resource = live["resources"][0].absolute_url()
    for index in range(3):
        answer = post(resource, booking(index))
        assert answer.status_code == 201, answer.text
    eguichet = live["eguichet"]
    for _index in range(2):
        answer = post(eguichet.url, order_json(eguichet.regulation), "alice")
        assert answer.status_code == 201, answer.text


def test_one_requester_cannot_hold_every_slot(live):
    """40 anonymous bookings in 5 s once blocked a room: the 6th pending one is refused."""
    first, second = (resource.absolute_url() for resource in live["resources"])
    answers = [post(first, booking(index)) for index in range(8)]
    assert [a.status_code for a in answers[:5]] == [201] * 5
    for answer in answers[5:]:
        assert_429_in_french(answer, "Réservations de cette ressource en attente")
    transaction.begin()
    assert len(live["resources"][0].objectIds()) == 5
    # the same requester, with the same address in capitals, elsewhere: the site-wide limit
    set_limits(bookings_pending_per_requester=7)
    answers = [post(second, booking(index, requester_email="ALICE@example.org"))
               for index in range(4)]
    assert [a.status_code for a in answers] == [201, 201, 429, 429]
    assert_429_in_french(answers[-1], "en attente de réponse : 7")
    # another requester is not held back by the first one
    assert post(second, booking(10, requester_email="bob@example.org")).status_code == 201


def test_an_answered_booking_no_longer_counts(live):
    set_limits(bookings_pending_per_resource=2)
    url = live["resources"][0].absolute_url()
    made = [post(url, booking(index)) for index in range(2)]
    assert [a.status_code for a in made] == [201, 201]
    assert post(url, booking(2)).status_code == 429
    transaction.begin()
    with api.env.adopt_roles(["Manager"]):
        first = api.content.get(path=made[0].json()["@id"].split("/plone", 1)[1])
        api.content.transition(obj=first, transition="confirm")
    transaction.commit()
    assert post(url, booking(3)).status_code == 201


def test_orders_for_one_address_and_from_one_connection(live):
    """40 anonymous orders with a victim's address once sent 40 mails."""
    eguichet = live["eguichet"]
    set_limits(orders_per_email_hour=3, orders_per_ip_hour=5)
    victim = {"applicant_email": "victim@example.org", "applicant_name": "Victime"}
    answers = [post(eguichet.url, order_json(eguichet.regulation, **victim)) for _i in range(5)]
    assert [a.status_code for a in answers] == [201, 201, 201, 429, 429]
    assert_429_in_french(answers[-1], "Trop de commandes pour cette adresse e-mail")
    assert len(orders_in(eguichet.catalog)) == 3
    others = [post(eguichet.url, order_json(eguichet.regulation,
                                            applicant_email=f"p{n}@example.org",
                                            applicant_name="P"))
              for n in range(4)]
    assert [a.status_code for a in others] == [201, 201, 429, 429]
    assert_429_in_french(others[-1], "depuis votre connexion")
    assert len(orders_in(eguichet.catalog)) == 5


def test_mails_to_one_address(live, smtp_server):
    from smtp import use_server

    use_server(smtp_server.port)
    set_limits(mails_per_address_hour=2, orders_per_email_hour=50, orders_per_ip_hour=50)
    eguichet = live["eguichet"]
    victim = {"applicant_email": "victim@example.org", "applicant_name": "Victime"}
    answers = [post(eguichet.url, order_json(eguichet.regulation, **victim)) for _i in range(4)]
    assert [a.status_code for a in answers] == [201, 201, 429, 429]
    assert_429_in_french(answers[-1], "Trop de messages")
    to_victim = [m for _sender, rcpts, m in smtp_server.inbox.messages
                 if "victim@example.org" in rcpts]
    assert len(to_victim) == 2


def test_counts_hold_across_two_processes(live):
    """Two connections to one database, as two processes behind the balancer see it:
    both read the same count, both add one; the second cannot commit (the
    publisher retries it), and its retry sees the first's count."""
    from communesplone.core import limits
    from ZODB.POSException import ConflictError

    transaction.commit()
    db = live["portal"]._p_jar.db()
    managers = [transaction.TransactionManager() for _i in range(2)]
    connections = [db.open(transaction_manager=tm) for tm in managers]
    try:
        stores = [conn.root()["Application"]["plone"]._communesplone_limits
                  for conn in connections]
        seen = [limits.count("order-email", "x@example.org", store) for store in stores]
        for store in stores:
            limits.add("order-email", "x@example.org", store)
        managers[0].commit()
        with pytest.raises(ConflictError):
            managers[1].commit()
        managers[1].abort()
        connections[1].sync()
        assert seen == [0, 0]
        assert limits.count("order-email", "x@example.org", stores[1]) == 1
        # pending bookings: the same requester from both processes
        for store in stores:
            held = store.holds.get("k", ())
            store.holds["k"] = tuple(held) + (("uid", "resource"),)
        managers[0].commit()
        with pytest.raises(ConflictError):
            managers[1].commit()
        managers[1].abort()
    finally:
        for conn in connections:
            conn.close()


def test_upgrade_step_adds_the_records_and_the_store(live):
    from communesplone.core.upgrades.to1007 import upgrade

    portal = live["portal"]
    registry = api.portal.get_tool("portal_registry")
    del registry.records[PREFIX + "orders_per_ip_hour"]
    del portal._communesplone_limits
    upgrade(api.portal.get_tool("portal_setup"))
    assert api.portal.get_registry_record(PREFIX + "orders_per_ip_hour") == 30
    assert portal._communesplone_limits.counts is not None


def login(portal_url, name, password):
    return requests.post(f"{portal_url}/@login", json={"login": name, "password": password},
                         headers={"Accept": "application/json", "Accept-Language": "fr"},
                         timeout=60)


def test_failed_logins_lock_and_never_tell_whether_the_account_exists(live):
    """30 wrong passwords for one account were neither slowed nor locked."""
    set_limits(login_slow_after=20, login_lock_after=4)
    url = live["portal"].absolute_url()
    answers = {name: [login(url, name, "wrong").status_code for _i in range(6)]
               for name in ("alice", "nobody-here")}
    assert answers["alice"] == answers["nobody-here"] == [401] * 4 + [429] * 2
    locked = login(url, "alice", PASSWORD)  # the right password, while locked
    message = assert_429_in_french(locked, "bloquée")
    assert message == login(url, "nobody-here", "x").json()["error"]["message"]
    # Basic authentication is guarded the same way
    answer = requests.get(f"{url}/@search", auth=("alice", PASSWORD), timeout=60,
                          headers={"Accept": "application/json"})
    assert answer.status_code == 429
    # the administrator lifts the lock; alice logs in
    transaction.begin()
    from communesplone.core.logins import unlock

    assert unlock("alice")
    transaction.commit()
    assert login(url, "alice", PASSWORD).status_code == 200


def test_failed_logins_slow_down_first(live):
    set_limits(login_slow_after=2, login_lock_after=10)
    url = live["portal"].absolute_url()
    assert [login(url, "bob", "wrong").status_code for _i in range(3)] == [401, 401, 429]
    answer = login(url, "bob", PASSWORD)
    assert_429_in_french(answer, "attendez un peu")
    assert int(answer.headers["Retry-After"]) <= 30


def test_failed_logins_from_one_address(live):
    set_limits(login_ip_lock_after=3, login_lock_after=10, login_slow_after=10)
    url = live["portal"].absolute_url()
    codes = [login(url, name, "wrong").status_code for name in ("a", "b", "c", "d")]
    assert codes == [401, 401, 401, 429]
    assert_429_in_french(login(url, "alice", PASSWORD), "depuis votre connexion")


def test_an_administrator_lifts_a_lock_from_a_page(live):
    from plone.app.testing import SITE_OWNER_NAME
    from plone.app.testing import SITE_OWNER_PASSWORD

    api.portal.set_registry_record("plone.default_language", "fr")
    set_limits(login_lock_after=2, login_slow_after=5)
    url = live["portal"].absolute_url()
    for _i in range(3):
        login(url, "alice", "wrong")
    session = requests.Session()
    session.auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    session.headers["Accept-Language"] = "fr"
    page = session.get(f"{url}/@@login-locks", timeout=60)
    assert page.status_code == 200 and "Lever le blocage" in page.text
    token = page.text.split('name="_authenticator" value="')[1].split('"')[0]
    done = session.post(f"{url}/@@login-locks", timeout=60,
                        data={"login": "alice", "form.submitted": "1", "_authenticator": token})
    assert "peut à nouveau se connecter" in done.text
    assert login(url, "alice", PASSWORD).status_code == 200
    citizen = requests.get(f"{url}/@@login-locks", timeout=60, auth=("alice", PASSWORD),
                           allow_redirects=False)
    assert citizen.status_code in (302, 401, 403) and "Lever le blocage" not in citizen.text


def test_eid_login_attempts_are_counted_in_memory_and_audited_once_a_minute(live):
    """Each anonymous @@eid-login attempt with a garbage header wrote an audit entry."""
    from communesplone.core.audit import entries
    from communesplone.eid.browser import login as eid_login

    eid_login.ATTEMPTS.__init__()
    url = f"{live['portal'].absolute_url()}/@@eid-login"
    codes = [requests.get(url, headers={"X-SSL-Client-Cert": f"garbage-{n}"}, timeout=60,
                          allow_redirects=False).status_code
             for n in range(eid_login.ATTEMPTS_PER_MINUTE + 2)]
    assert codes[-1] == 429 and 429 not in codes[:eid_login.ATTEMPTS_PER_MINUTE]
    transaction.begin()
    assert len(entries()) <= 1

