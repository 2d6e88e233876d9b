"""A fuzz test of the REST bodies citizens send (hypothesis, bounded and seeded).

A valid booking or order with one field replaced by anything JSON can hold
(wrong types, nulls, huge or control-character strings, huge and negative
numbers, nested lists and objects), or a whole body of random JSON: the
answer is never a 5xx, a refusal is a JSON error in French without a
traceback, and a refusal leaves nothing behind. ``derandomize=True``: the
same examples on every run, so CI cannot pass one day and fail the next.
"""

from hypothesis import HealthCheck
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st
from test_bad_input import ENGLISH
from test_bad_input import _booking
from test_bad_input import live  # noqa: F401 (the fixture)
from test_bad_input import send

import json

SCALARS = st.one_of(
    st.none(), st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=300),
    st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=31), max_size=20),
    st.just("x" * 6000),
    st.sampled_from(["9999-12-31T23:00", "0001-01-01", "2026-02-30T10:00", "demain"]),
)
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=10), inner, max_size=4)),
    max_leaves=8)
BOOKING_FIELDS = ("start", "end", "requester_name", "requester_email", "purpose",
                  "attendees", "organisation", "repeat", "@type")
ORDER_FIELDS = ("document_type", "quantity", "delivery_method", "applicant_name",
                "applicant_email", "applicant_address", "applicant_phone", "@type")
SETTINGS = settings(max_examples=30, derandomize=True, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])


def assert_clean(answer):
    assert answer.status_code < 500, (answer.status_code, answer.text[:500])
    if answer.status_code < 400:
        return False
    data = answer.json()
    assert "traceback" not in json.dumps(data), answer.text[:500]
    error = data.get("error", data)
    texts = [error.get("message", "")] + [i.get("message", "") for i in error.get("errors", [])]
    assert texts[0], answer.text[:500]
    for text in texts:
        assert not any(word in text for word in ENGLISH), text
    return True


def _count(folder):
    import transaction

    transaction.begin()
    return len(folder.objectIds())


@SETTINGS
@given(field=st.sampled_from(BOOKING_FIELDS), value=VALUES)
def test_a_booking_with_any_value_in_one_field(live, field, value):  # noqa: F811
    resource = live["resource"]
    before = _count(resource)
    body = dict(_booking(), **{field: value})
    if assert_clean(send("POST", resource.absolute_url(), json=body)):
        assert _count(resource) == before


@SETTINGS
@given(field=st.sampled_from(ORDER_FIELDS), value=VALUES)
def test_an_order_with_any_value_in_one_field(live, field, value):  # noqa: F811
    from eguichethelpers import order_json

    eguichet = live["eguichet"]
    before = _count(eguichet.catalog)
    body = dict(order_json(eguichet.regulation), **{field: value})
    if assert_clean(send("POST", eguichet.url, json=body)):
        assert _count(eguichet.catalog) == before


@SETTINGS
@given(body=VALUES)
def test_any_json_body(live, body):  # noqa: F811
    resource = live["resource"]
    before = _count(resource)
    if assert_clean(send("POST", resource.absolute_url(), json=body)):
        assert _count(resource) == before
