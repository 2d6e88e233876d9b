"""What a citizen's request must leave untouched: the container it was added to, and
what other visitors read there (imported by name: tests/ is on sys.path)."""

from plone import api

import re
import requests
import transaction

#: The citizen's full name in the privacy tests: nobody else may read it.
CITIZEN_NAME = "Marie Dupont"


def as_demo(container):
    """A container as the demo makes it: no creator (made by a setup script)."""
    with api.env.adopt_roles(["Manager"]):
        container.setCreators([])
        container.reindexObject(idxs=["Creator", "listCreators"])
    transaction.commit()


def dublin_core(container):
    """What a request must not change: creators, owner and modification date, on the
    object and in the catalog."""
    transaction.begin()
    brain = api.content.find(UID=container.UID(), unrestricted=True)[0]
    return {
        "creators": container.listCreators(),
        "owner": container.getOwner().getId(),
        "modified": container.modified(),
        "catalog creators": brain.listCreators,
        "catalog creator": brain.Creator,
        "catalog modified": brain.modified,
    }


def leaks(urls, user_id, other=None, password=None):
    """The pages among ``urls`` (HTML and REST) where anonymous or ``other`` reads
    the citizen's name or user id; ``[]`` when there is none."""
    found = []
    pattern = re.compile(rf"{re.escape(CITIZEN_NAME)}|\b{re.escape(user_id)}\b", re.I)
    for who in (None, other):
        auth = (who, password) if who else None
        for url in urls:
            for accept in ("text/html", "application/json"):
                answer = requests.get(url, auth=auth, headers={"Accept": accept}, timeout=60)
                match = pattern.search(answer.text)
                if match:
                    start = max(0, match.start() - 60)
                    found.append((who or "anonymous", url, accept,
                                  answer.text[start:match.end() + 60]))
    return found
