"""Interfaces of communesplone.policy."""

from zope.publisher.interfaces.browser import IDefaultBrowserLayer


class ICommunesplonePolicyLayer(IDefaultBrowserLayer):
    """Marker for the browser layer of communesplone.policy: the site's own pages."""
