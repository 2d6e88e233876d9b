"""Back to the order form after creating an account (``communesplone.core.comeback``)."""

from communesplone.core import comeback
from communesplone.core.interfaces import ICommunesploneCoreLayer
from plone import api
from plone.base.interfaces import IRedirectAfterLogin
from zope.component import getMultiAdapter
from zope.interface import alsoProvides


def _request(portal):
    request = portal.REQUEST
    alsoProvides(request, ICommunesploneCoreLayer)
    return request


def test_the_register_form_remembers_came_from(functional):
    """Opened as the step-up page links it, ``@@register?came_from=<order form>``
    keeps the order form in a cookie of this browser (HTTP, as a browser gets it)."""
    import requests
    import transaction

    from urllib.parse import unquote

    portal = functional["portal"]
    api.portal.set_registry_record("plone.enable_self_reg", True)
    # Plone shows the registration form only to a site that can mail the password link
    api.portal.set_registry_record("plone.email_from_address", "commune@example.org")
    api.portal.set_registry_record("plone.smtp_host", "localhost")
    transaction.commit()
    order_form = f"{portal.absolute_url()}/e-guichet/acte/@@order"
    answer = requests.get(f"{portal.absolute_url()}/@@register",
                          params={"came_from": order_form}, timeout=60)
    assert answer.status_code == 200
    assert unquote(answer.cookies.get(comeback.COOKIE)) == order_form  # Zope quotes it
    # another site's address is never kept
    answer = requests.get(f"{portal.absolute_url()}/@@register",
                          params={"came_from": "https://evil.example.org/"}, timeout=60)
    assert comeback.COOKIE not in answer.cookies


def test_the_first_login_after_it_returns_there(integration):
    portal = integration["portal"]
    request = _request(portal)
    order_form = f"{portal.absolute_url()}/e-guichet/acte/@@order"
    request.cookies[comeback.COOKIE] = order_form
    redirect = getMultiAdapter((portal, request), IRedirectAfterLogin)
    # Plone asks where to go with no page of its own (the login form, the front page)
    assert redirect(f"{portal.absolute_url()}/login", False) == order_form
    assert str(request.response.cookies[comeback.COOKIE]["Max-Age"]) == "0"  # forgotten
    # a login that names its page keeps it
    request.cookies[comeback.COOKIE] = order_form
    other = f"{portal.absolute_url()}/reservations"
    assert redirect(other, False) == other


def test_never_a_page_elsewhere_nor_a_login_page(integration):
    portal = integration["portal"]
    request = _request(portal)
    assert not comeback.remember(request, "https://evil.example.org/phish")
    assert not comeback.remember(request, f"{portal.absolute_url()}/login")
    request.cookies[comeback.COOKIE] = "https://evil.example.org/phish"
    assert comeback.after_login(request, "") == ""
