"""``@@demo-mailbox``: the mails a demo site sent, for its administrators.

Only on a demo site whose mails go to the sink (:mod:`communesplone.policy.mailbox`);
anywhere else the page does not exist (404). Who may set the site's mail
server may read its mails ("Plone Site Setup: Mail": Site Administrators, Managers).
"""

from communesplone.core.dates import when_text
from communesplone.core.languages import request_language
from communesplone.policy import _
from communesplone.policy import mailbox
from plone import api
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from urllib.parse import urlencode
from zExceptions import NotFound
from zope.i18n import translate


class DemoMailboxView(BrowserView):
    """The list of mails (newest first), one mail, or one of its attachments."""

    index = ViewPageTemplateFile("templates/mailbox.pt")

    def __call__(self):
        self.folder = mailbox.mailbox_folder(api.portal.get())
        if self.folder is None:
            raise NotFound("This site has no demo mailbox")
        self.mail = None
        mail_id = self.request.form.get("mail")
        if mail_id:
            message = mailbox.read(self.folder, mail_id)
            if message is None:
                raise NotFound("No such mail")
            self.mail_id = mail_id
            if self.request.form.get("attachment") is not None:
                return self.download(message)
            self.mail = self.details(message, mail_id)
        return self.index()

    @property
    def language(self):
        return request_language(self.request)

    def when(self, message, mail_id):
        """When the mail arrived, in words ("mercredi 2 décembre, 9 h 05")."""
        return when_text(mailbox.received_at(message, mail_id), self.language)

    def url(self, **query):
        base = f"{api.portal.get().absolute_url()}/@@demo-mailbox"
        return f"{base}?{urlencode(query)}" if query else base

    def mails(self):
        items = []
        for mail_id in mailbox.mail_ids(self.folder):
            message = mailbox.read(self.folder, mail_id)
            if message is None:
                continue
            items.append({
                "url": self.url(mail=mail_id), "when": self.when(message, mail_id),
                "to": str(message["To"] or ""),
                "subject": str(message["Subject"] or "") or translate(
                    _("mailbox_no_subject", default="(no subject)"), context=self.request),
            })
        return items

    def _attachments(self, message):
        return list(message.iter_attachments())

    def details(self, message, mail_id):
        body = message.get_body(preferencelist=("plain", "html"))
        text = body.get_content() if body is not None else ""
        return {
            "subject": str(message["Subject"] or ""), "from": str(message["From"] or ""),
            "to": str(message["To"] or ""), "when": self.when(message, mail_id),
            "text": text, "html_only": body is not None and body.get_content_type() == "text/html",
            "attachments": [
                {"name": part.get_filename() or f"attachment-{index + 1}",
                 "type": part.get_content_type(),
                 "size": f"{len(part.get_payload(decode=True) or b'') / 1024:.0f} kB",
                 "url": self.url(mail=mail_id, attachment=index)}
                for index, part in enumerate(self._attachments(message))
            ],
        }

    def download(self, message):
        try:
            part = self._attachments(message)[int(self.request.form["attachment"])]
        except (ValueError, IndexError):
            raise NotFound("No such attachment") from None
        data = part.get_payload(decode=True) or b""
        name = (part.get_filename() or "attachment").replace('"', "")
        response = self.request.response
        response.setHeader("Content-Type", "application/octet-stream")
        response.setHeader("Content-Disposition", f'attachment; filename="{name}"')
        response.setHeader("X-Content-Type-Options", "nosniff")
        response.setHeader("Content-Length", str(len(data)))
        return data
