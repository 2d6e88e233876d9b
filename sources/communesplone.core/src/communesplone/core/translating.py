"""One way to put a message in the reader's language: ``t()``.

Ten views, forms and services each wrote the same two-line method; a
function here and a mixin for classes that have a ``request`` replace them.
"""

from zope.globalrequest import getRequest
from zope.i18n import translate


def t(message, request=None):
    """``message`` in the language of ``request`` (default: the current request)."""
    return translate(message, context=request if request is not None else getRequest())


class Translates:
    """For views, forms and services: ``self.t(message)`` in the page's language."""

    def t(self, message):
        return translate(message, context=self.request)
