"""The registration form remembers ``came_from``; the first login returns there
(:mod:`communesplone.core.comeback`)."""

from communesplone.core import comeback
from plone.base.interfaces import IRedirectAfterLogin
from plone.z3cform.fieldsets.extensible import FormExtender
from zope.interface import implementer


class RegisterCameFromExtender(FormExtender):
    """On Plone's ``@@register`` opened with ``?came_from=``: remember it."""

    def update(self):
        came_from = self.request.form.get("came_from")
        if came_from and self.request.get("REQUEST_METHOD") == "GET":
            comeback.remember(self.request, came_from)


@implementer(IRedirectAfterLogin)
class RedirectAfterLogin:
    """After a login (or the password set through the mailed link): the page the
    visitor was on before creating the account, when the login names no other."""

    def __init__(self, context, request):
        self.context, self.request = context, request

    def __call__(self, came_from=None, is_initial_login=False):
        return comeback.after_login(self.request, came_from)
