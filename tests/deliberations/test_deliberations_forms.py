"""Browser forms over real HTTP (no JavaScript): attendance, vote, advice; and the
dashboard's filters. Each is tried by who must get through and who must not."""

from deliberationhelpers import attend
from deliberationhelpers import make_item
from deliberationhelpers import make_meeting
from deliberationhelpers import PASSWORD
from deliberationhelpers import present
from deliberationhelpers import transition
from plone import api

import re
import requests
import transaction


def _get(url, user=None):
    auth = (user, PASSWORD) if user else None
    return requests.get(url, auth=auth, timeout=60, allow_redirects=False)


def _post(url, user, data):
    """POST ``data`` with the CSRF token the form's GET gave to ``user``."""
    page = _get(url, user)
    assert page.status_code == 200, page.status_code
    token = re.search(r'name="_authenticator"\s+value="([^"]+)"', page.text).group(1)
    return requests.post(url, auth=(user, PASSWORD), timeout=60, allow_redirects=False,
                         data={"form.submitted": "1", "_authenticator": token, **data})


def _denied(response):
    """Anonymous is sent to the login form, an authenticated stranger gets 401/403."""
    if response.status_code in (301, 302, 303):
        return "login" in response.headers["Location"] or "require_login" in \
            response.headers["Location"]
    return response.status_code in (401, 403, 404)


def _sync(obj):
    transaction.begin()
    obj._p_jar.sync()
    return obj


def _session(council, *items, present_members=("m1", "m2", "m3", "m4", "m5", "m7"), days=10):
    meeting = make_meeting(council, days=days)
    for item in items:
        present(item, meeting)
    attend(meeting, present=present_members)
    transition(meeting, "freeze")
    transition(meeting, "open_session")
    transaction.commit()
    return meeting


def test_attendance_form_saves_validates_and_is_secretariat_only(live):
    meeting = make_meeting(live["council"], days=20)
    transaction.commit()
    url = meeting.absolute_url() + "/@@attendance"
    for user in (None, "councillor", "eco", "citizen"):
        assert _denied(_get(url, user)), user
    page = _get(url, "clerk")
    assert page.status_code == 200
    assert '<label for="status-m3">Chloé Conseillère</label>' in page.text
    data = {f"status-{m}": "present" for m in ("m1", "m2", "m3", "m4", "m5", "m7")}
    data.update({"status-dg": "excused", "status-m6": "absent", "left-m3": "douze"})
    refused = _post(url, "clerk", data)
    assert refused.status_code == 400
    assert "The number of the item must be a whole number from 1." in refused.text
    assert 'aria-describedby="left-m3-error"' in refused.text
    assert 'value="douze"' in refused.text  # what was typed is kept
    assert _sync(meeting).attendance == []
    data["left-m3"] = "12"
    data["left-dg"] = "3"  # excused: cannot leave
    assert "Only a member present" in _post(url, "clerk", data).text
    del data["left-dg"]
    data.update({"joined-m4": "7", "left-m4": "6"})  # leaves before arriving
    refused = _post(url, "clerk", data)
    assert "cannot leave before the item they arrived at" in refused.text
    assert 'value="7"' in refused.text
    data["left-m4"] = ""
    saved = _post(url, "clerk", data)
    assert saved.status_code == 302
    entries = _sync(meeting).attendance_map()
    assert entries["m3"] == {"member": "m3", "status": "present", "left_at_item": 12}
    assert entries["m4"] == {"member": "m4", "status": "present", "joined_at_item": 7}
    assert 'id="joined-m4"' in _get(url, "clerk").text and 'value="7"' in _get(url, "clerk").text
    assert entries["dg"]["status"] == "excused" and entries["m6"]["status"] == "absent"
    # a service cannot POST either (token or not)
    forged = requests.post(url, auth=("eco", PASSWORD), timeout=60, allow_redirects=False,
                           data={"form.submitted": "1", "status-m1": "absent"})
    assert _denied(forged)
    assert _sync(meeting).attendance_map()["m1"]["status"] == "present"


def test_vote_form_applies_the_rules_of_the_rest_service(live):
    council = live["council"]
    item = make_item(council, "Budget", category="finances")
    meeting = _session(council, item)
    url = item.absolute_url() + "/@@record-vote"
    for user in (None, "eco", "councillor", "citizen"):
        assert _denied(_get(url, user)), user
    assert 'id="delib-vote-link"' in _get(item.absolute_url(), "clerk").text
    assert 'id="delib-vote-link"' not in _get(item.absolute_url(), "councillor").text
    page = _get(url, "clerk")
    assert '<label class="col-sm-4 col-form-label" for="vote-m3">Chloé Conseillère</label>' \
        in page.text
    assert 'for="vote-m6"' not in page.text  # mandate ended: not present
    too_many = _post(url, "clerk", {"mode": "summary", "count-yes": "5", "count-no": "2"})
    assert too_many.status_code == 400
    assert "7 voters but only 6 members present." in too_many.text
    assert 'href="#counts"' in too_many.text and 'value="5"' in too_many.text
    override = _post(url, "clerk", {"mode": "nominal", "vote-m1": "yes", "vote-m2": "no",
                                    "vote-m3": "no", "outcome": "accepted"})
    assert "Overriding the outcome of the vote needs a reason." in override.text
    assert re.search(r'<option value="no"\s+selected="selected">', override.text)
    assert getattr(_sync(item), "vote", None) is None
    done = _post(url, "clerk", {"mode": "nominal", "vote-m1": "yes", "vote-m2": "no",
                                "vote-m3": "no", "outcome": "accepted",
                                "reason": "Erreur matérielle constatée en séance"})
    assert done.status_code == 302
    vote = _sync(item).vote
    assert vote["votes"] == {"m1": "yes", "m2": "no", "m3": "no"}
    assert (vote["derived_outcome"], vote["outcome"]) == ("refused", "accepted")
    assert vote["recorded_by"] == "clerk"
    assert meeting.UID() == item.meeting


def test_vote_form_secret_ballot_and_quorum(live):
    council = live["council"]
    secret = make_item(council, "Nomination", category="nominations", closed_session=True)
    _session(council, secret)
    url = secret.absolute_url() + "/@@record-vote"
    page = _get(url, "clerk")
    assert 'id="mode-secret"' in page.text and 'id="mode-nominal"' not in page.text
    forced = _post(url, "clerk", {"mode": "nominal", "vote-m1": "yes"})
    assert "The law reserves this category to a secret ballot." in forced.text
    assert _post(url, "clerk", {"mode": "secret", "count-yes": "4", "count-no": "2"}
                 ).status_code == 302
    assert _sync(secret).vote["mode"] == "secret" and "votes" not in secret.vote
    # without quorum (3 of 7 present), the vote is refused with the reason
    lonely = make_item(council, "Sans quorum", category="finances")
    _session(council, lonely, present_members=("m1", "m2", "m3"), days=12)
    refused = _post(lonely.absolute_url() + "/@@record-vote", "clerk",
                    {"mode": "summary", "count-yes": "3"})
    assert refused.status_code == 400
    assert "No quorum for this item: 3 members present out of 6" in refused.text


def test_advice_form_only_for_the_asked_service(live):
    from communesplone.deliberations.advice import request_advice

    item = make_item(live["council"], "Subside", category="finances")
    transition(item, "propose", "eco")
    with api.env.adopt_roles(["Manager"]):
        request_advice(item, "communesplone-population")
    transaction.commit()
    url = item.absolute_url() + "/@@give-advice"
    for user in (None, "citizen", "fin", "eco", "councillor"):
        assert _denied(_get(url, user)), user
    assert 'id="delib-advice-link"' in _get(item.absolute_url(), "pop").text
    assert 'id="delib-advice-link"' not in _get(item.absolute_url(), "eco").text
    page = _get(url, "pop")
    assert '<label class="form-check-label" for="answer-remarks">' in page.text
    missing = _post(url, "pop", {"service": "communesplone-population",
                                 "comment": "Voir le règlement"})
    assert missing.status_code == 400
    assert "An advice is favourable, unfavourable or with remarks." in missing.text
    assert "Voir le règlement" in missing.text
    assert _post(url, "pop", {"service": "communesplone-population", "answer": "remarks",
                              "comment": "Sous réserve du règlement"}).status_code == 302
    advice = _sync(item).advices[0]
    assert (advice["answer"], advice["answered_by"]) == ("remarks", "pop")
    assert advice["comment"] == "Sous réserve du règlement"
    assert _denied(_get(url, "pop"))  # answered: nothing left to answer


def test_advice_form_refuses_a_service_not_asked(council):
    """A member of another service posting the form directly: refused, nothing saved."""
    from communesplone.deliberations.advice import request_advice
    from plone.protect.authenticator import createToken

    item = make_item(council, "Subside", category="finances")
    with api.env.adopt_roles(["Manager"]):
        request_advice(item, "communesplone-population")
    request = item.REQUEST
    with api.env.adopt_user(username="eco"):
        request.method = "POST"
        request.form.update({"form.submitted": "1", "_authenticator": createToken(),
                             "service": "communesplone-population", "answer": "favourable"})
        html = api.content.get_view("give-advice", item, request)()
    assert "Only the service asked for the advice can give it." in html
    assert item.advices[0]["answer"] is None


def test_save_attendance_arrivals_departures_and_unknown_members(council):
    """The form's function: arrivals and departures during an item (what REST sets
    too), checked; unknown members refused."""
    import pytest
    from communesplone.deliberations.attendance import AttendanceError
    from communesplone.deliberations.attendance import save_attendance

    meeting = make_meeting(council, days=20)
    meeting.attendance = [{"member": "m2", "status": "present", "joined_at_item": 3}]
    with pytest.raises(AttendanceError) as refused:
        save_attendance(meeting, {"m1": {"status": "present"}, "zz": {"status": "present"}})
    assert [field for field, _msg in refused.value.errors] == ["status-zz"]
    with pytest.raises(AttendanceError) as refused:
        save_attendance(meeting, {"m1": {"status": "late"}})
    assert [field for field, _msg in refused.value.errors] == ["status-m1"]
    assert meeting.attendance == [{"member": "m2", "status": "present", "joined_at_item": 3}]
    for row, field in (({"status": "present", "joined_at_item": "5", "left_at_item": "4"},
                        "left-m2"),
                       ({"status": "excused", "joined_at_item": "3"}, "joined-m2"),
                       ({"status": "present", "joined_at_item": "trois"}, "joined-m2")):
        with pytest.raises(AttendanceError) as refused:
            save_attendance(meeting, {"m2": row})
        assert [name for name, _msg in refused.value.errors] == [field]
    assert meeting.attendance == [{"member": "m2", "status": "present", "joined_at_item": 3}]
    save_attendance(meeting, {"m1": {"status": "absent"}, "m2": {
        "status": "present", "joined_at_item": "3", "left_at_item": "5"}})
    assert meeting.attendance_map()["m2"] == {"member": "m2", "status": "present",
                                             "left_at_item": 5, "joined_at_item": 3}
