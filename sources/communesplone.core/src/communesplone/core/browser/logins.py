"""``@@login-locks``: an administrator lifts the lock of an account or an address."""

from communesplone.core import _
from communesplone.core.logins import unlock
from communesplone.core.logins import unlock_address
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile


class LoginLocksView(BrowserView):
    """One field (a login name or an IP address) and one button: the lock is lifted.

    Locks are kept as keyed hashes, never as names: the page cannot list who is
    locked, it lifts the lock of the name the person it concerns gives.
    """

    index = ViewPageTemplateFile("templates/login_locks.pt")

    def __call__(self):
        self.done = None
        form = self.request.form
        if self.request.method == "POST" and form.get("form.submitted"):
            CheckAuthenticator(self.request)
            name = (form.get("login") or "").strip()
            if name:
                lifted = unlock(name) + unlock_address(name)
                self.done = _("login_lock_lifted",
                              default="\"${name}\" may log in again.", mapping={"name": name}) \
                    if lifted else _("login_lock_none",
                                     default="\"${name}\" had no failed login to forget.",
                                     mapping={"name": name})
                api.portal.show_message(self.done, request=self.request)
        return self.index()
