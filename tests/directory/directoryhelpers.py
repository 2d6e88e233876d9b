"""Helpers of the directory tests (imported by name: tests/ is on sys.path)."""

from plone import api

import requests

PASSWORD = "secret-password-123"
CATEGORIES = [
    "Commerce > Alimentation > Boulangerie",
    "Commerce > Alimentation > Boucherie",
    "Commerce > Habillement",
    "Horeca > Restaurant",
    "Artisans > Menuisier",
    "Label > Commerce équitable",
]
HOURS = {"weekly": {day: [["09:00", "12:00"], ["13:30", "18:00"]]
                    for day in ("monday", "tuesday", "wednesday", "thursday", "friday")}
         | {"saturday": [["09:00", "12:30"]]},
         "closures": [{"start": "2026-12-24", "end": "2026-12-26", "reason": "Fêtes"}]}


def make_directory(portal, **fields):
    # Opening hours are read in the site's timezone (plone.app.event's setting),
    # which ``sites create`` sets to Brussels; the test layer's site is in UTC.
    api.portal.set_registry_record("plone.portal_timezone", "Europe/Brussels")
    with api.env.adopt_roles(["Manager"]):
        values = {"id": "entreprises", "title": "Entreprises", "categories": CATEGORIES,
                      "reserved_categories": ["Label > Commerce équitable"]}
        values.update(fields)
        return api.content.create(container=portal, type="BusinessDirectory", **values)


def make_people():
    for user_id in ("alice", "bob", "eva"):
        api.user.create(email=f"{user_id}@example.org", username=user_id, password=PASSWORD,
                        properties={"fullname": user_id.title()})
    api.group.add_user(groupname="communesplone-economy", username="eva")


def make_business(directory, id, state="published", owner=None, **fields):
    values = {"title": id.replace("-", " ").title(), "description": "", "street": "Rue de Fer",
                  "number": "25", "postcode": "5000", "locality": "Namur", "latitude": 50.4669,
                  "longitude": 4.8675, "categories": [CATEGORIES[0]], "opening_hours": HOURS,
                  "email": f"{id}@example.be"}
    values.update(fields)
    with api.env.adopt_roles(["Manager"]):
        business = api.content.create(container=directory, type="Business", id=id, **values)
        if owner:
            business.manage_setLocalRoles(owner, ["Owner"])
            business.changeOwnership(api.user.get(userid=owner).getUser())
            business.reindexObjectSecurity()
        if state == "published":
            api.content.transition(obj=business, transition="publish")
        elif state == "pending":
            api.content.transition(obj=business, transition="submit")
        elif state == "rejected":
            api.content.transition(obj=business, transition="submit")
            api.content.transition(obj=business, transition="reject", comment="Hors commune")
    return business


def entries_of(directory):
    """The Business entries of a directory (it also holds its dashboard)."""
    return [obj for obj in directory.objectValues() if obj.portal_type == "Business"]


def rest(method, url, user=None, **kwargs):
    headers = {"Accept": "application/json"}
    if "json" in kwargs:
        headers["Content-Type"] = "application/json"
    auth = (user, PASSWORD) if user else None
    return requests.request(method, url, headers=headers, auth=auth, timeout=60, **kwargs)


def get(url, user=None, **kwargs):
    auth = (user, PASSWORD) if user else None
    return requests.get(url, auth=auth, timeout=60, **kwargs)
