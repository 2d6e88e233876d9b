"""No traceback in any REST answer, and refusals said in the site's language.

plone.rest's error view adds a ``traceback`` key to the JSON of an error when
the user may manage the portal: an administrator's 400 then shows the code's
paths and lines, and a script replaying an administrator's session reads them.
The error log keeps the traceback; the answer does not.

The same view says a refusal with the exception's own text, in English
whatever the site's language, and sometimes with words meant for developers
("You are not authorized to access this resource.", ``Unauthorized("advice
request")``, "Resource not found: <url>"). A citizen of a French site is told
instead, in French, that they must log in or may not do this, or that the
address leads nowhere; the status stays (401, 403, 404).

The error view has rendered and locked the body when the publisher notifies
``IPubBeforeAbort``: :func:`strip_traceback` rewrites that body once.
"""

from communesplone.core import _
from communesplone.core.installed import on_installed_requests
from plone.rest.interfaces import IAPIRequest
from zope.i18n import translate

import json

#: The translated message of each refusal plone.rest reports by its exception's name.
REFUSALS = {
    "Unauthorized": _("error_rest_unauthorized",
                      default="You may not do this: log in with an account that may, "
                      "or ask the commune."),
    "Forbidden": _("error_rest_forbidden", default="You may not do this."),
    "NotFound": _("error_rest_not_found",
                  default="This address leads to nothing: the page or the item may have "
                  "been moved or removed."),
}


@on_installed_requests()
def strip_traceback(event):
    """``IPubBeforeAbort``: drop ``traceback`` from the JSON error of a REST call and
    say a refusal (401, 403, 404) in the request's language."""
    request = event.request
    if not IAPIRequest.providedBy(request):
        return
    response = request.response
    body = getattr(response, "body", b"") or b""
    head = body[:200_000]
    if b'"traceback"' not in head and not any(
            f'"{name}"'.encode() in head for name in REFUSALS):
        return
    try:
        data = json.loads(body)
    except ValueError:
        return
    if not isinstance(data, dict):
        return
    changed = data.pop("traceback", None) is not None
    message = REFUSALS.get(data.get("type"))
    if message is not None:
        data["message"] = translate(message, context=request)
        changed = True
    if not changed:
        return
    body = json.dumps(data, indent=2, sort_keys=True).encode("utf-8")
    response.body = body
    response.setHeader("Content-Length", str(len(body)))
