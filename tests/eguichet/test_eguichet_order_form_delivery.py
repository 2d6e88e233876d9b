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
