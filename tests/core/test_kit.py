"""Core's kit that every add-on uses instead of its own copy.

The site's timezone (read one way: plone.app.event's ``plone.portal_timezone``)
and acting as the system (three ways that mean three different things, each
written once in :mod:`communesplone.core.system`).
"""

from communesplone.core import dates
from communesplone.core import system
from datetime import datetime
from datetime import UTC
from plone import api
from zope.component.hooks import setSite
from zoneinfo import ZoneInfo

import pytest

#: a moment that is 9:30 in Brussels (winter) and 8:30 in London
MOMENT = datetime(2026, 12, 15, 8, 30, tzinfo=UTC)


@pytest.fixture
def portal(integration):
    portal = integration["portal"]
    setSite(portal)
    return portal


def test_without_a_site_the_timezone_is_brussels():
    setSite(None)
    assert dates.site_timezone() == "Europe/Brussels"
    assert dates.site_zone() == ZoneInfo("Europe/Brussels")


@pytest.mark.parametrize("setting, expected", [
    ("Europe/London", "Europe/London"), ("Europe/Brussels", "Europe/Brussels")])
def test_the_site_setting_is_read(portal, setting, expected):
    api.portal.set_registry_record("plone.portal_timezone", setting)
    assert dates.site_timezone() == expected
    assert dates.site_zone() == ZoneInfo(expected)


@pytest.mark.parametrize("stored", ["", None, "Mars/Olympus", 42])
def test_a_setting_nobody_can_read_is_brussels(portal, monkeypatch, stored):
    """The registry's field refuses such names; an imported site may still hold one."""
    monkeypatch.setattr(dates.api.portal, "get_registry_record",
                        lambda *args, **kwargs: stored)
    assert dates.site_timezone() == "Europe/Brussels"


def test_every_addon_follows_the_setting(portal):
    """Booking (pytz), the e-guichet, the inbox and the directory's opening hours
    (which wrote Brussels itself) read the same setting."""
    from communesplone.booking.content.resource import site_timezone
    from communesplone.directory.hours import is_open
    from communesplone.directory.hours import local
    from communesplone.directory.hours import parse_hours

    api.portal.set_registry_record("plone.portal_timezone", "Europe/London")
    assert site_timezone().zone == "Europe/London"
    assert local(MOMENT).hour == 8
    morning = parse_hours({"weekly": {"tuesday": [["09:00", "12:00"]]}})
    assert not is_open(morning, MOMENT)  # 8:30 in London: not yet
    api.portal.set_registry_record("plone.portal_timezone", "Europe/Brussels")
    assert site_timezone().zone == "Europe/Brussels"
    assert local(MOMENT).hour == 9
    assert is_open(morning, MOMENT)  # 9:30 in Brussels


def _actor(obj):
    return obj.workflow_history[next(iter(obj.workflow_history))][-1]["actor"]


def _document(portal):
    with api.env.adopt_roles(["Manager"]):
        return api.content.create(container=portal, type="Document", id="page", title="P")


def test_system_transition_as_the_person_keeps_their_name(portal):
    """Lent roles: a Member without the right runs it; the history names them."""
    page = _document(portal)
    api.user.create(email="m@example.org", username="member", password="secret-password-123")
    with api.env.adopt_user(username="member"):
        assert not api.user.has_permission("Review portal content", obj=page)
        system.system_transition(page, "publish")
    assert api.content.get_state(page) == "published"
    assert _actor(page) == "member"


def test_system_transition_as_the_system_from_an_anonymous_request(portal):
    page = _document(portal)
    from AccessControl.SecurityManagement import noSecurityManager

    noSecurityManager()
    assert api.user.is_anonymous()
    system.system_transition(page, "publish", comment="by itself", actor="the-robot")
    assert api.content.get_state(page) == "published"
    assert _actor(page) is None  # an unrestricted user has no id
    assert api.user.is_anonymous()  # the anonymous request is anonymous again


def test_a_stand_in_has_its_roles_and_no_more(portal):
    page = _document(portal)
    with system.as_stand_in("booking-link", ("Member",)):
        assert api.user.get_current().getId() == "booking-link"
        assert not api.user.has_permission("Modify portal content", obj=page)
    with system.as_stand_in("booking-link", ("Manager",)):
        assert api.user.has_permission("Modify portal content", obj=page)


def test_the_system_user_is_reset_when_the_block_fails(portal):
    before = api.user.get_current().getId()
    from AccessControl.SecurityManagement import getSecurityManager

    with pytest.raises(RuntimeError), system.as_system():
        assert getSecurityManager().getUser().getUserName() == system.SYSTEM_USER
        raise RuntimeError("stop")
    assert api.user.get_current().getId() == before


def test_t_reads_the_language_of_the_request(portal):
    from communesplone.core import _
    from communesplone.core.translating import Translates
    from communesplone.core.translating import t
    from zope.publisher.browser import TestRequest

    message = _("refusal_back", default="Back")
    dutch = TestRequest(environ={"HTTP_ACCEPT_LANGUAGE": "nl"})
    french = TestRequest(environ={"HTTP_ACCEPT_LANGUAGE": "fr"})
    assert t(message, dutch) == "Terug"
    assert t(message, french) == "Retour"

    class View(Translates):
        request = dutch

    assert View().t(message) == "Terug"


@pytest.mark.parametrize("value", [
    "marie.dupont@namur.be", "jan+gemeente@example.org", "a.b-c@sub.domain.brussels"])
def test_an_email_address_accepted_everywhere(value):
    from communesplone.core.constraints import email_constraint
    from communesplone.core.validation import is_valid_email

    assert is_valid_email(value)
    assert email_constraint(value) and email_constraint("") and email_constraint(None)


@pytest.mark.parametrize("value", [
    "marie", "marie@", "@namur.be", "marie@namur", "marie dupont@namur.be",
    "Marie <marie@namur.be>", "marie@namur.be; jan@namur.be", "marie@@namur.be",
    "marie@namur.b", "marie@namur.be\n", "x" * 250 + "@namur.be", 42])
def test_an_email_address_refused_everywhere(value):
    """The same answer in the booking form, the order form and the directory."""
    from communesplone.booking.content.booking import email_constraint as booking
    from communesplone.core.constraints import InvalidEmail
    from communesplone.core.validation import is_valid_email
    from communesplone.directory.content.business import email_constraint as directory
    from communesplone.eguichet.content.order import email_constraint as eguichet

    assert not is_valid_email(value)
    for constraint in (booking, eguichet, directory):
        with pytest.raises(InvalidEmail):
            constraint(value)


def _refusals():
    from communesplone.booking.occupancy import BookingConflict
    from communesplone.booking.occupancy import BookingInvalid
    from communesplone.booking.occupancy import BookingNotAllowed
    from communesplone.core.limits import LimitReached
    from communesplone.directory.errors import BusinessInvalid
    from communesplone.eguichet.errors import OrderInvalid
    from communesplone.eguichet.errors import OrderNotAllowed

    return [
        BookingConflict([(MOMENT, MOMENT)]),
        BookingInvalid([("start", "Trop tôt")]),
        BookingNotAllowed("Réservé au personnel"),
        LimitReached("Trop de demandes", retry_after=60),
        BusinessInvalid([("email", "Adresse invalide")]),
        OrderInvalid([("quantity", "Trop")], message="Refusée"),
        OrderNotAllowed("Non"),
    ]


@pytest.mark.parametrize("error", _refusals(), ids=lambda error: type(error).__name__)
def test_every_refusal_survives_cmfcore_building_it_again(error):
    """CMFCore's WorkflowTool re-raises ``type(error)(error)``: the same refusal comes out."""
    from communesplone.core.refusals import Refusal

    assert isinstance(error, Refusal)
    again = type(error)(error)
    assert again.__dict__ == error.__dict__
    assert again.args == error.args and again.status == error.status
    assert list(again.errors) == list(error.errors)
