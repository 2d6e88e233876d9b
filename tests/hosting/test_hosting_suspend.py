"""A host suspends a commune's site (maintenance page) and removes one after a final export."""

from communesplone.hosting.views import operate
from plone import api

import requests
import transaction


def test_a_suspended_site_shows_the_maintenance_page_to_all_but_managers(functional):
    app, site_id = functional["app"], functional["portal"].getId()
    with api.env.adopt_roles(["Manager"]):
        api.user.create(email="alice@example.org", username="alice",
                        password="secret-password-123")
    assert operate(app, {"action": "suspend", "site": site_id}) == {
        "site": site_id, "suspended": True}
    transaction.commit()
    url = f"http://{functional['host']}:{functional['port']}/{site_id}"
    for auth in (None, ("alice", "secret-password-123")):
        for path in ("", "/@@search", "/contact-info"):
            answer = requests.get(f"{url}{path}", auth=auth)
            assert answer.status_code == 503, (auth, path, answer.status_code)
            assert answer.headers["Retry-After"] == "3600"
            assert "Site en maintenance" in answer.text and "Site in onderhoud" in answer.text
            assert "no-store" in answer.headers["Cache-Control"]
    assert requests.get(f"{url}/@@ok").status_code == 200  # the process is fine
    managed = requests.get(url, auth=("admin", "secret"))  # the host's administrator
    assert managed.status_code == 200

    operate(app, {"action": "resume", "site": site_id})
    transaction.commit()
    assert requests.get(url).status_code == 200


def test_removal_exports_first(integration, light_presets, tmp_path, monkeypatch):
    from communesplone.policy.sites import create_site

    monkeypatch.setenv("COMMUNESPLONE_PRESETS", str(light_presets))
    app = integration["app"]
    create_site(app, "fermee", preset_name="light")
    with api.env.adopt_roles(["Manager"]):  # the command runs as Zope's system user
        result = operate(app, {"action": "remove", "site": "fermee", "folder": str(tmp_path)})
    assert result["removed"] and result["files"] > 0
    assert "fermee" not in app.objectIds()
    assert any(tmp_path.iterdir())
