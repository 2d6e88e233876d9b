"""``@@claim`` (a member asks to manage an entry) and ``@@claims`` (editors decide)."""

from communesplone.core.assurance import require_assurance
from communesplone.core.notifications import can_send_mail
from communesplone.directory import _
from communesplone.directory.claims import add_claim
from communesplone.directory.claims import claims
from communesplone.directory.claims import decide
from communesplone.directory.vocabularies import directory_of
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zope.i18n import translate


class ClaimView(BrowserView):
    index = ViewPageTemplateFile("templates/claim.pt")
    mail_works = True

    def __call__(self):
        self.anonymous = api.user.is_anonymous()
        self.sent = self.pending = self.already_owner = False
        if self.anonymous:
            self.login_url = (f"{api.portal.get().absolute_url()}/login?came_from="
                              f"{self.context.absolute_url()}/@@claim")
            return self.index()
        user_id = api.user.get_current().getId()
        self.already_owner = "Owner" in api.user.get_roles(user=api.user.get_current(),
                                                           obj=self.context)
        directory = directory_of(self.context)
        level = getattr(directory, "claim_assurance", "none") or "none"
        if level != "none":
            require_assurance(level, request=self.request)
        self.pending = user_id in claims(self.context)
        if self.request.method == "POST" and not self.already_owner:
            CheckAuthenticator(self.request)
            add_claim(self.context, user_id, self.request.form.get("message", ""))
            self.sent = True
        self.mail_works = can_send_mail() if self.sent else True
        return self.index()

    @property
    def show_form(self):
        return not (self.anonymous or self.already_owner or self.sent or self.pending)

    @property
    def show_sent(self):
        return self.sent or self.pending


class ClaimsView(BrowserView):
    """The pending requests of an entry, for its editors."""

    index = ViewPageTemplateFile("templates/claims.pt")

    def __call__(self):
        self.message = ""
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            user_id = self.request.form.get("user_id", "")
            grant = bool(self.request.form.get("grant"))
            if decide(self.context, user_id, grant):
                self.message = translate(
                    _("directory_claim_granted", default="The member may now edit this entry.")
                    if grant else _("directory_claim_refused", default="The request was refused."),
                    context=self.request)
        self.requests = []
        for user_id, item in sorted(claims(self.context).items()):
            member = api.user.get(userid=user_id)
            self.requests.append({
                "user_id": user_id,
                "name": (member.getProperty("fullname") if member is not None else "") or user_id,
                "email": member.getProperty("email") if member is not None else "",
                "message": item["message"], "date": item["date"].strftime("%d/%m/%Y %H:%M"),
            })
        return self.index()
