"""Nothing of CommunesPlone acts on a site that did not install it (issue 19, part 3).

One Zope may hold a commune's site beside plain Plone sites. Once our packages
are on the path, their ZCML is loaded for all of them: every view, viewlet and
resource must be bound to its add-on's browser layer, and every event
subscriber that reacts to something every site has must check that its
add-on is installed (``communesplone.core.installed``).
"""

from communesplone.core.guarded import GUARDED
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from zope.component import getGlobalSiteManager
from zope.interface import Interface
from zope.publisher.interfaces import IRequest

import importlib
import pytest
import requests
import transaction

#: Our browser layers: a registration that needs a request names one of these.
LAYERS = (
    "communesplone.core.interfaces.ICommunesploneCoreLayer",
    "communesplone.booking.interfaces.IBookingLayer",
    "communesplone.directory.interfaces.IDirectoryLayer",
    "communesplone.eguichet.interfaces.IEguichetLayer",
    "communesplone.deliberations.interfaces.IDeliberationsLayer",
    "communesplone.eid.interfaces.ICommunesploneEidLayer",
    "communesplone.policy.interfaces.ICommunesplonePolicyLayer",
)
#: What the host's own package registers for every site on purpose: the health
#: check, the per-site log field, the maintenance page and the root's operations.
HOST_FILES = ("communesplone/hosting/",)
ROOT_VIEWS = {"communesplone-sites"}  # at the Zope root, where no site layer exists
#: eea.facetednavigation offers a layout only if the request, when the layout is
#: set, provides its layer; a dashboard is set up while a site is created by a
#: script or an upgrade, whose request has no layer yet. The layout only renders
#: our tables' code on a dashboard that chose it: a plain site never does.
UNBOUND_ON_PURPOSE = {"faceted-table"}


def _layers():
    found = []
    for dotted in LAYERS:
        module, name = dotted.rsplit(".", 1)
        found.append(getattr(importlib.import_module(module), name))
    return found


def _ours(registration):
    info = str(getattr(registration, "info", ""))
    return "communesplone/" in info and not any(path in info for path in HOST_FILES)


def _is_ours(interface):
    return (interface.__module__ or "").startswith("communesplone.")


def test_every_view_viewlet_and_resource_is_bound_to_a_layer(bare):
    layers = _layers()
    unbound = []
    for registration in getGlobalSiteManager().registeredAdapters():
        if not _ours(registration):
            continue
        required = registration.required
        if not any(spec is not None and spec.isOrExtends(IRequest) for spec in required):
            continue  # not a view: an adapter of content, bound by its content type
        if registration.name in ROOT_VIEWS:
            continue
        if any(spec is not None and spec.isOrExtends(layer)
               for spec in required for layer in layers):
            continue
        if any(spec is not None and spec is not Interface and _is_ours(spec)
               for spec in required):
            continue  # for our own content types or markers only
        if registration.name in UNBOUND_ON_PURPOSE:
            continue
        unbound.append(f"{registration.name or registration.provided.__name__} "
                       f"({registration.info})")
    assert unbound == [], "\n".join(unbound)


def test_every_subscriber_to_what_every_site_has_checks_its_add_on(bare):
    unguarded = []
    for registration in getGlobalSiteManager().registeredHandlers():
        if not _ours(registration):
            continue
        if all(spec is not None and spec is not Interface and _is_ours(spec)
               for spec in registration.required[:1]):
            continue  # our content types, our events: they exist only where installed
        if getattr(registration.handler, GUARDED, False):
            continue
        unguarded.append(f"{registration.handler.__module__}.{registration.handler.__name__}")
    assert unguarded == [], "\n".join(unguarded)


@pytest.fixture
def plain_site(functional):
    """A plain Plone site (contenttypes only) beside the CommunesPlone one."""
    from Products.CMFPlone.factory import addPloneSite
    from zope.component.hooks import getSite
    from zope.component.hooks import setSite

    app, portal = functional["app"], functional["portal"]
    plain = addPloneSite(app, "plain", title="Intranet", default_language="fr",
                         extension_ids=("plone.app.contenttypes:default",))
    setSite(plain)
    try:
        with api.env.adopt_roles(["Manager"]):
            plain.invokeFactory("Document", "page", title="Une page")
            plain.portal_workflow.doActionFor(plain["page"], "publish")
    finally:
        setSite(portal if getSite() is plain else getSite())
    transaction.commit()
    base = f"http://{functional['host']}:{functional['port']}"
    return f"{base}/plain", f"{base}/{portal.getId()}"


def test_a_plain_site_beside_ours_serves_only_plone(plain_site):
    plain, ours = plain_site
    # ours has CommunesPlone's pages and resources...
    front = requests.get(ours, timeout=60)
    assert front.status_code == 200 and "communesplone" in front.text.lower()
    # ...the plain one none of it, nor our headers
    for path in ("", "/page", "/@@search", "/login", "/contact-info"):
        answer = requests.get(f"{plain}{path}", timeout=60)
        assert answer.status_code == 200, path
        assert "communesplone" not in answer.text.lower(), path
        assert not any("communesplone" in value.lower() for value in answer.headers.values())
    for path in ("/++resource++communesplone.core/inbox.css", "/@@inbox", "/@@mon-espace",
                 "/@inbox", "/@@login-locks"):
        answer = requests.get(f"{plain}{path}", timeout=60,
                              headers={"Accept": "application/json"} if "@inbox" in path else {},
                              auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD))
        assert answer.status_code == 404, (path, answer.status_code)


def test_our_request_guards_leave_a_plain_site_alone(plain_site):
    """The cross-site guard and the JSON-body reader are ours: on the plain site
    a bad body reaches plone.restapi as it would without us."""
    plain, ours = plain_site
    auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    headers = {"Accept": "application/json", "Content-Type": "application/json",
               "Accept-Language": "fr"}
    mine = requests.patch(ours, data=b"{not json", auth=auth,
                          headers=headers, timeout=60)
    theirs = requests.patch(f"{plain}/page", data=b"{not json", auth=auth,
                            headers=headers, timeout=60)
    assert mine.status_code == 400 and theirs.status_code in (400, 500)
    assert mine.json()["error"]["message"] != theirs.json()["error"]["message"]
