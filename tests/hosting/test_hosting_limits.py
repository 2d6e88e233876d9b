"""The abuse limits hold across two Zope processes on one RelStorage (PostgreSQL).

A limit counted in one process's memory would let a script that alternates
between the processes behind the balancer send twice as much. The booking
and mail limits are counted in the database (:mod:`communesplone.core.limits`):
anonymous requests that alternate between the two processes of
``communesplone start-cluster -n 2``, one after the other and then all at
once, are refused (429) as soon as the site's limit is reached, whichever
process answers. Each flood is bounded (at most 60 requests in all) and ends
by itself.
"""

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
import requests
import test_hosting_cluster
import threading

pytestmark = pytest.mark.slow
#: The two processes of one cluster, started once for this module.
cluster = test_hosting_cluster.cluster
ADMIN = test_hosting_cluster.ADMIN
LIMIT = "communesplone.core.limits."


def rest(method, url, auth=None, **kwargs):
    headers = {"Accept": "application/json", "Accept-Language": "fr"}
    return requests.request(method, url, headers=headers, auth=auth, timeout=120, **kwargs)


def set_limits(site, **values):
    answer = rest("PATCH", f"{site}/@registry", ADMIN,
                  json={LIMIT + name: value for name, value in values.items()})
    assert answer.status_code == 204, answer.text


def anonymous_resource(site, id_):
    made = rest("POST", f"{site}/salles", ADMIN, json={
        "@type": "Resource", "id": id_, "title": id_.title(), "slot_minutes": 30,
        "min_minutes": 30, "max_minutes": 240, "horizon_days": 180, "needs_approval": True,
        "audience": "anonymous", "capacity": 50, "closed_on_holidays": False})
    assert made.status_code == 201, made.text
    return id_


def booking(index, email):
    """The ``index``-th two-hour slot from a Monday three weeks ahead, six a day, on days
    the resource opens (an index whose ``index // 6`` is 6 or 13 falls on a Sunday)."""
    start = test_hosting_cluster.next_monday(8) + timedelta(weeks=3, days=index // 6,
                                                           hours=2 * (index % 6))
    return {"@type": "Booking", "start": start.isoformat(),
            "end": (start + timedelta(hours=1)).isoformat(),
            "requester_name": "Script", "requester_email": email,
            "purpose": "Tout bloquer", "attendees": 2}


def alternate(urls, resource, indexes, email):
    """One anonymous booking per index, on the first process, then the second, ..."""
    return [rest("POST", f"{urls[index % 2]}/salles/{resource}", json=booking(index, email))
            for index in indexes]


def at_once(urls, resource, indexes, email):
    """The same, all requests sent together (half to each process)."""
    barrier = threading.Barrier(len(indexes))

    def post(index):
        barrier.wait()
        return rest("POST", f"{urls[index % 2]}/salles/{resource}", json=booking(index, email))

    with ThreadPoolExecutor(max_workers=len(indexes)) as pool:
        return list(pool.map(post, indexes))


def stored(site, resource):
    listing = rest("GET", f"{site}/salles/{resource}", ADMIN)
    assert listing.status_code == 200, listing.text
    return len([item for item in listing.json()["items"] if item["@type"] == "Booking"])


def refused_in_french(answer, words):
    assert answer.status_code == 429, (answer.status_code, answer.text[:300])
    assert int(answer.headers["Retry-After"]) > 0
    assert words in answer.json()["error"]["message"], answer.text[:300]


def test_pending_bookings_per_requester_hold_across_processes(cluster):
    urls = cluster["urls"]
    set_limits(urls[0], bookings_pending_per_resource=4, bookings_pending_per_requester=50,
               mails_per_address_hour=100)
    resource = anonymous_resource(urls[0], "salle-un")
    answers = alternate(urls, resource, range(10), "flood@example.org")
    assert [a.status_code for a in answers] == [201] * 4 + [429] * 6, [
        (a.status_code, a.text[:120]) for a in answers]
    for answer in answers[4:]:
        refused_in_french(answer, "Réservations de cette ressource en attente")
    # both processes refused: a limit counted per process would have let 8 through
    assert {answer.url.split("/ville")[0] for answer in answers[4:]} == {
        url.split("/ville")[0] for url in urls}
    assert stored(urls[1], resource) == 4
    # another requester, all at once over both processes: never more than the limit
    answers = at_once(urls, resource, range(20, 32), "burst@example.org")
    codes = sorted(answer.status_code for answer in answers)
    assert codes == [201] * 4 + [429] * 8, [(a.status_code, a.text[:120]) for a in answers]
    assert stored(urls[0], resource) == 8


def test_mails_to_one_address_hold_across_processes(cluster):
    urls = cluster["urls"]
    set_limits(urls[0], mails_per_address_hour=3, bookings_pending_per_resource=50,
               bookings_pending_per_requester=50)
    resource = anonymous_resource(urls[0], "salle-deux")
    answers = alternate(urls, resource, range(60, 68), "victim@example.org")
    assert [a.status_code for a in answers] == [201] * 3 + [429] * 5, [
        (a.status_code, a.text[:120]) for a in answers]
    for answer in answers[3:]:
        refused_in_french(answer, "Trop de messages")
    assert stored(urls[1], resource) == 3
    answers = at_once(urls, resource, range(70, 78), "victim@example.org")
    assert {answer.status_code for answer in answers} == {429}
    assert stored(urls[0], resource) == 3
