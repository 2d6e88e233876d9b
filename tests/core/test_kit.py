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
