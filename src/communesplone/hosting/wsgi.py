"""A WSGI filter writing one structured access-log line per request.

Used in ``zope.ini`` (``use = call:communesplone.hosting.wsgi:access_log_filter``)
in place of Paste's translogger. The site id comes from the traversal
subscriber (:mod:`communesplone.hosting.subscribers`) through a dict put in
the WSGI environ (Zope's request copies the environ, not the values in it), so
the line is written once the response is complete.
"""

from communesplone.hosting.logs import current_site
from communesplone.hosting.logs import logfmt
from communesplone.hosting.logs import timestamp

import contextlib
import logging
import time

logger = logging.getLogger("communesplone.access")
STATE_KEY = "communesplone.request"


class AccessLog:
    """Time the request, then log method, path, status, bytes, duration and site."""

    def __init__(self, app, name="zope"):
        self.app = app
        self.name = name

    def __call__(self, environ, start_response):
        started = time.perf_counter()
        state = {"status": "500", "bytes": 0, "site": "-"}
        environ[STATE_KEY] = state
        token = current_site.set("-")

        def recording_start_response(status, headers, exc_info=None):
            state["status"] = status.split(" ", 1)[0]
            return start_response(status, headers, exc_info)

        try:
            body = self.app(environ, recording_start_response)
        except BaseException:
            self.log(environ, state, started)
            current_site.reset(token)
            raise
        return _Closing(body, lambda: self.finish(environ, state, started, token), state)

    def finish(self, environ, state, started, token):
        self.log(environ, state, started)
        # closed from another context (ValueError): nothing to restore there
        with contextlib.suppress(ValueError):
            current_site.reset(token)

    def log(self, environ, state, started):
        path = environ.get("PATH_INFO", "")
        if environ.get("QUERY_STRING"):
            path += "?" + environ["QUERY_STRING"]
        logger.info(logfmt([
            ("time", timestamp()),
            ("process", self.name),
            ("site", state["site"]),
            ("remote", environ.get("HTTP_X_FORWARDED_FOR") or environ.get("REMOTE_ADDR", "-")),
            ("method", environ.get("REQUEST_METHOD", "-")),
            ("path", path),
            ("status", state["status"]),
            ("bytes", state["bytes"]),
            ("duration_ms", round((time.perf_counter() - started) * 1000, 1)),
            ("user_agent", environ.get("HTTP_USER_AGENT", "-")),
        ]))


class _Closing:
    """The response body, counting bytes; ``close`` logs the request once."""

    def __init__(self, body, on_close, state):
        self.body = body
        self.on_close = on_close
        self.state = state

    def __iter__(self):
        for chunk in self.body:
            self.state["bytes"] += len(chunk)
            yield chunk

    def close(self):
        try:
            if hasattr(self.body, "close"):
                self.body.close()
        finally:
            self.on_close()


def access_log_filter(global_conf, name="zope", **local_conf):
    """Paste filter factory (the ``accesslog`` entry of the pipeline in ``zope.ini``)."""

    def make_filter(app):
        return AccessLog(app, name=name)

    return make_filter
