"""The order form asks for a delivery address only when the document can be posted."""

from eguichethelpers import make_type
from plone import api
from plone.app.testing import login


def _form(doctype):
    login(api.portal.get(), "alice")
    return api.content.get_view("order", doctype, doctype.REQUEST)()


def test_no_delivery_address_for_a_counter_pickup(site):
    counter = make_type(site.catalog, "legalisation", delivery_methods=["pickup"])
    html = _form(counter)
    assert 'name="delivery_method"' in html
    assert 'name="delivery_address"' not in html


def test_delivery_address_when_it_can_be_posted(site):
    assert 'name="delivery_address"' in _form(site.residence)


def test_what_costs_nothing_says_free(site):
    from communesplone.eguichet.browser.catalog import price_text

    request = site.catalog.REQUEST
    request.set("LANGUAGE", "fr")
    assert price_text(0, request) in ("gratuit", "free")
    counter = make_type(site.catalog, "gratuit", delivery_methods=["pickup"], price=0.0)
    html = _form(counter)
    assert "0,00" not in html and "0.00" not in html
    page = api.content.get_view("view", counter, counter.REQUEST)()
    assert "0,00" not in page.split('id="content-core"')[-1]
