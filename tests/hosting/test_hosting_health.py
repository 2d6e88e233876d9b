"""``@@ok`` for load balancers and structured logs with the site id."""

from communesplone.hosting.logs import KeyValueFormatter
from communesplone.hosting.logs import current_site
from communesplone.hosting.logs import logfmt
from communesplone.hosting.logs import set_site
from communesplone.hosting.wsgi import AccessLog

import io
import logging
import requests


def test_ok_answers_anonymous_at_the_root_and_on_a_site(functional):
    portal = functional["portal"]
    for url in (portal.aq_parent.absolute_url(), portal.absolute_url()):
        answer = requests.get(f"{url}/@@ok", timeout=30)  # no credentials
        assert answer.status_code == 200
        assert answer.text == "OK"  # nothing about the data
        assert answer.headers["Cache-Control"] == "no-store"
        assert answer.headers["Content-Type"].startswith("text/plain")


def test_ok_needs_no_cookie_and_sets_none(functional):
    answer = requests.get(f"{functional['portal'].absolute_url()}/@@ok", timeout=30)
    assert "Set-Cookie" not in answer.headers


def _environ(path):
    return {
        "REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": "",
        "SERVER_NAME": "localhost", "SERVER_PORT": "80", "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.url_scheme": "http", "wsgi.input": io.BytesIO(b""), "wsgi.errors": io.StringIO(),
        "REMOTE_ADDR": "192.0.2.7", "HTTP_USER_AGENT": "haproxy health check",
    }


def _publish_through_the_filter(path, caplog):
    """Zope's real publisher behind the access-log filter, as in ``zope.ini``."""
    from ZPublisher.WSGIPublisher import publish_module

    seen = {}

    def zope(environ, start_response):
        body = publish_module(environ, start_response)
        seen["site"] = current_site.get()  # what an event-log line would carry now
        return body

    started = []
    with caplog.at_level(logging.INFO, logger="communesplone.access"):
        body = AccessLog(zope, name="worker-8081")(
            _environ(path), lambda status, headers, exc=None: started.append(status)
        )
        content = b"".join(body)
        body.close()
    return started[0], content, seen["site"], caplog.records[-1].getMessage()


def test_access_log_line_names_the_site(functional, caplog):
    status, content, during, line = _publish_through_the_filter("/plone/@@ok", caplog)
    assert status.startswith("200") and content == b"OK"
    assert during == "plone"
    assert "process=worker-8081 site=plone remote=192.0.2.7 method=GET path=/plone/@@ok" in line
    assert "status=200 bytes=2 " in line
    assert 'user_agent="haproxy health check"' in line
    assert current_site.get() == "-"  # reset once the response is closed


def test_access_log_line_outside_any_site(functional, caplog):
    status, _content, during, line = _publish_through_the_filter("/@@ok", caplog)
    assert status.startswith("200")
    assert during == "-"
    assert "site=- " in line and "path=/@@ok" in line


def test_event_log_lines_carry_the_site():
    record = logging.LogRecord("plone.app.event", logging.WARNING, __file__, 1,
                               'bad "date" = %s', ("x y",), None)
    token = set_site("namur")
    try:
        line = KeyValueFormatter().format(record)
    finally:
        current_site.reset(token)
    assert "level=WARNING logger=plone.app.event site=namur" in line
    assert line.endswith('msg="bad \\"date\\" = x y"')
    assert "site=-" in KeyValueFormatter().format(record)


def test_logfmt_quotes_only_when_needed():
    assert logfmt([("a", "b"), ("c", "d e"), ("n", "line\nbreak"), ("empty", "")]) == (
        'a=b c="d e" n="line\\nbreak" empty=""'
    )
