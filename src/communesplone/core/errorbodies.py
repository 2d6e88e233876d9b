"""No traceback in any REST answer, whoever asks.

plone.rest's error view adds a ``traceback`` key to the JSON of an error when
the user may manage the portal: an administrator's 400 then shows the code's
paths and lines, and a script replaying an administrator's session reads them.
The error log keeps the traceback; the answer does not. The error view has
rendered and locked the body when the publisher notifies ``IPubBeforeAbort``:
this subscriber rewrites that body once, without the key.
"""

from communesplone.core.installed import on_installed_requests
from plone.rest.interfaces import IAPIRequest

import json


@on_installed_requests()
def strip_traceback(event):
    """``IPubBeforeAbort``: drop ``traceback`` from the JSON error of a REST call."""
    request = event.request
    if not IAPIRequest.providedBy(request):
        return
    response = request.response
    body = getattr(response, "body", b"") or b""
    if b'"traceback"' not in body[:200_000]:
        return
    try:
        data = json.loads(body)
    except ValueError:
        return
    if not isinstance(data, dict) or "traceback" not in data:
        return
    del data["traceback"]
    body = json.dumps(data, indent=2, sort_keys=True).encode("utf-8")
    response.body = body
    response.setHeader("Content-Length", str(len(body)))
