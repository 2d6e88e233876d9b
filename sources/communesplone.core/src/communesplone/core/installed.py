"""Act only on the sites that installed CommunesPlone.

One Zope may hold a commune's CommunesPlone site beside plain Plone sites (an
intranet, a project site), and once the add-ons' packages are on the path,
their ZCML is loaded for all of them. Views and viewlets are bound to the
add-on's browser layer, which ``plone.browserlayer`` puts on the request only
on a site that installed the add-on. Event subscribers cannot be bound to a
layer, so each one that reacts to something every site has (a request, a
login, a transition, a registry change) is wrapped here:

* :func:`on_installed_requests` for the publication events (``IPubAfterTraversal``,
  ``IPubBeforeAbort``, ...): the request carries the add-on's layer once the
  site was traversed;
* :func:`in_installed_sites` for the other events, which may happen without a
  request (a script, a job): the current site's registered layers say whether
  the add-on is installed there.
"""

from communesplone.core.guarded import GUARDED
from communesplone.core.interfaces import ICommunesploneCoreLayer
from functools import wraps
from zope.component.hooks import getSite
from zope.globalrequest import getRequest

def _core_layer():
    return ICommunesploneCoreLayer


def installed_in(site, layer=None):
    """Whether the add-on of ``layer`` is installed in ``site`` (its layer registered)."""
    layer = layer or _core_layer()
    if site is None:
        return False
    from plone.browserlayer.interfaces import ILocalBrowserLayerType

    manager = site.getSiteManager() if hasattr(site, "getSiteManager") else None
    if manager is None:
        return False
    return any(registered is layer
               for registered in manager.getAllUtilitiesRegisteredFor(ILocalBrowserLayerType))


def installed_here(layer=None):
    """Whether the add-on of ``layer`` is installed where we work now.

    The request says it when it was traversed into a site; otherwise (a
    script, a job, before traversal) the current site's registry does.
    """
    layer = layer or _core_layer()
    request = getRequest()
    if request is not None and layer.providedBy(request):
        return True
    return installed_in(getSite(), layer)


def on_installed_requests(layer=None):
    """Run a publication-event handler only on requests of sites with ``layer``."""

    def decorate(handler):
        @wraps(handler)
        def guarded(event, *args):
            if (layer or _core_layer()).providedBy(event.request):
                return handler(event, *args)
            return None

        setattr(guarded, GUARDED, True)
        return guarded

    return decorate


def in_installed_sites(layer=None):
    """Run an event handler only where the add-on of ``layer`` is installed."""

    def decorate(handler):
        @wraps(handler)
        def guarded(*args):
            if installed_here(layer):
                return handler(*args)
            return None

        setattr(guarded, GUARDED, True)
        return guarded

    return decorate

