"""The means of identification a page offers for a level, and what each level means.

The step-up page and the "you need an account" page list the same means: the
identity providers the commune configured (:func:`accepted_providers`: the eID
card, the OpenID Connect providers) and, when the level asked is at most what
a password account meets (:func:`account_record`), the site's own login and
registration. Nothing is listed that the commune did not configure, so no
text promises a means a citizen cannot use.
"""

from communesplone.core import _
from communesplone.core.assurance import LEVEL_TITLES
from communesplone.core.assurance import accepted_providers
from communesplone.core.assurance import email_addresses_confirmed
from communesplone.core.levels import level_at_least
from plone import api
from urllib.parse import urlencode

#: What a level asks of a person, in plain words (eIDAS levels, docs/eid.md).
LEVEL_MEANINGS = {
    "none": _("assurance_meaning_none",
              default="An account on this site is enough."),
    "low": _("assurance_meaning_low",
             default="An account on this site whose e-mail address was confirmed is enough."),
    "substantial": _("assurance_meaning_substantial",
                     default="The commune must be sure who you are: identify yourself with a "
                     "means recognised by the Belgian State."),
    "high": _("assurance_meaning_high",
              default="The commune must be certain who you are: identify yourself with the "
              "strongest means recognised by the Belgian State."),
}

ACCOUNT_MEANS = {
    "login": _("means_login", default="Log in"),
    "register": _("means_register", default="Create an account"),
}


def account_meets(level):
    """Whether a password account may reach ``level`` on this site."""
    if level == "none":
        return True
    return level_at_least("low", level) and email_addresses_confirmed()


def may_register(site=None):
    """Whether an anonymous visitor may create an account (self-registration on)."""
    site = site or api.portal.get()
    roles = [item["name"] for item in site.rolesOfPermission("Add portal member")
             if item["selected"] == "SELECTED"]
    return "Anonymous" in roles


def means_for(level, came_from=None, site=None):
    """The means that meet ``level``, as dicts ``{id, title, url, kind}``.

    ``kind`` is ``provider`` (eID, OpenID Connect) or ``account`` (log in,
    create an account); each URL brings the person back to ``came_from``.
    An account means is offered only to anonymous visitors.
    """
    site = site or api.portal.get()
    providers = [dict(item, kind="provider")
                 for item in accepted_providers(level, came_from, site)]
    means = []
    if account_meets(level) and api.user.is_anonymous():
        url = site.absolute_url()
        query = f"?{urlencode({'came_from': came_from})}" if came_from else ""
        means.append({"id": "login", "title": ACCOUNT_MEANS["login"], "kind": "account",
                      "url": f"{url}/login{query}", "level": "low"})
        if may_register(site):
            means.append({"id": "register", "title": ACCOUNT_MEANS["register"],
                          "kind": "account", "url": f"{url}/@@register{query}",
                          "level": "low"})
    # An account is the simplest means where it is enough: it comes first.
    return means + providers


def level_title(level):
    return LEVEL_TITLES[level]


def level_meaning(level):
    return LEVEL_MEANINGS[level]
