"""A proposal leaves the directory as it was: no citizen among its creators, no new
date, and nothing about the citizen on the directory or its listings."""

from communesplone.directory.registration import add_proposal
from communesplone.directory.registration import confirm_proposal
from directoryhelpers import PASSWORD
from directoryhelpers import make_business
from plone import api
from plone.app.testing import login
from plone.app.testing import logout
from privacy import CITIZEN_NAME
from privacy import as_demo
from privacy import dublin_core
from privacy import leaks

import transaction


def test_a_proposal_changes_nothing_of_the_directory_and_shows_nobody(live):
    directory, portal = live["directory"], live["portal"]
    make_business(directory, "boulangerie-du-coin")
    api.user.get(userid="alice").setMemberProperties({"fullname": CITIZEN_NAME})
    as_demo(directory)
    before = dublin_core(directory)
    login(portal, "alice")
    token = add_proposal(directory, {"title": "Librairie Dupont", "street": "Rue Haute",
                                     "number": "3", "postcode": "5000", "locality": "Namur",
                                     "categories": ["Commerce > Habillement"]},
                         "marie@example.org", user_id="alice")
    assert confirm_proposal(directory, token) is not None
    logout()
    transaction.commit()
    assert dublin_core(directory) == before
    urls = [live["url"], f"{live['url']}/boulangerie-du-coin", portal.absolute_url(),
            f"{portal.absolute_url()}/@search?SearchableText=Librairie"]
    assert leaks(urls, "alice", other="bob", password=PASSWORD) == []
