"""What of a meeting is public, and when (docs/deliberations.md): nothing before its agenda
is published, the minutes not before they are adopted, the convocation never; checked
from the side of those who must not get through."""

from deliberationhelpers import make_item
from deliberationhelpers import make_meeting
from deliberationhelpers import present
from deliberationhelpers import transition
from plone import api
from plone.app.testing import logout
from zExceptions import NotFound
from zExceptions import Unauthorized

import pytest


def _document(meeting, request, name, user=None):
    request.form.clear()
    request.form["name"] = name
    if user is None:
        logout()
        with api.env.adopt_roles(["Anonymous"]):
            return meeting.restrictedTraverse("@@meeting-document")()
    with api.env.adopt_user(username=user):
        return meeting.restrictedTraverse("@@meeting-document")()


def test_documents_follow_the_meeting(council, integration):
    request = integration["request"]
    meeting = make_meeting(council, days=10)
    present(make_item(council, "Subside au club de football"), meeting)
    # in preparation: nothing of the meeting for the public
    with api.env.adopt_roles(["Anonymous"]), pytest.raises(Unauthorized):
        _document(meeting, request, "agenda")
    transition(meeting, "freeze")
    assert _document(meeting, request, "agenda").startswith(b"%PDF")
    for user in (None, "citizen"):
        for name in ("minutes", "convocation"):
            with pytest.raises(NotFound):
                _document(meeting, request, name, user)
    # the assembly's members and the secretariat read the draft minutes
    assert _document(meeting, request, "minutes", "councillor").startswith(b"%PDF")
    assert _document(meeting, request, "minutes", "clerk").startswith(b"%PDF")


def test_assembly_configuration_only_for_its_managers(council, integration):
    from plone.restapi.interfaces import ISerializeToJson
    from zope.component import getMultiAdapter

    request = integration["request"]
    config = {"members", "proposing_services", "item_templates", "finance_threshold",
              "advice_days", "advice_days_urgent"}
    logout()
    with api.env.adopt_roles(["Anonymous"]):
        data = getMultiAdapter((council, request), ISerializeToJson)()
    assert not config & set(data)
    assert "@example.org" not in str(data)
    with api.env.adopt_user(username="citizen"):
        assert not config & set(getMultiAdapter((council, request), ISerializeToJson)())
    with api.env.adopt_user(username="clerk"):
        assert config <= set(getMultiAdapter((council, request), ISerializeToJson)())
