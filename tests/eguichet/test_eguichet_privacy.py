"""An order leaves the e-guichet as it was: no citizen among the creators of the
e-guichet or of the document type, no new date, and nothing about the citizen on
them or their listings."""

from eguichethelpers import PASSWORD
from eguichethelpers import order_json
from eguichethelpers import rest
from plone import api
from privacy import CITIZEN_NAME
from privacy import as_demo
from privacy import dublin_core
from privacy import leaks

import transaction


def test_an_order_changes_nothing_of_the_eguichet_and_shows_nobody(live):
    api.user.get(userid="alice").setMemberProperties({"fullname": CITIZEN_NAME})
    containers = (live.catalog, live.regulation, live.portal)
    for container in containers[:2]:
        as_demo(container)
    before = [dublin_core(container) for container in containers]
    created = rest("POST", live.url, "alice",
                   json=order_json(live.regulation, applicant_name=CITIZEN_NAME))
    assert created.status_code == 201, created.text
    assert [dublin_core(container) for container in containers] == before
    transaction.begin()
    urls = [live.url, live.regulation.absolute_url(), live.portal.absolute_url(),
            f"{live.portal.absolute_url()}/@search?SearchableText=copie"]
    assert leaks(urls, "alice", other="bob", password=PASSWORD) == []
    assert rest("GET", created.json()["@id"], "bob").status_code in (401, 403, 404)
