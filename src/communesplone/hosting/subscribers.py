"""Record the traversed site's id for the access log and the event log."""

from communesplone.hosting.logs import set_site
from communesplone.hosting.wsgi import STATE_KEY
from plone.base.interfaces import IPloneSiteRoot


def traversed_site_id(request):
    """The id of the innermost Plone site the request traversed, or None.

    Read from the traversal path (``PARENTS``), not from the thread's site
    hook, which a previous request or a script may have left set.
    """
    for parent in request.get("PARENTS", ()):
        if IPloneSiteRoot.providedBy(parent):
            return parent.getId()
    return None


def remember_site(event):
    site_id = traversed_site_id(event.request)
    if site_id is None:
        return
    state = event.request.environ.get(STATE_KEY)
    if state is not None:  # served through the access-log filter
        state["site"] = site_id
    set_site(site_id)
