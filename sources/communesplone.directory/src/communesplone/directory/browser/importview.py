"""``@@import-businesses``: editors upload a CSV in the export's format (all rows or none)."""

from communesplone.directory import _
from communesplone.directory.importer import import_csv
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zope.i18n import translate


class ImportView(BrowserView):
    index = ViewPageTemplateFile("templates/import.pt")

    def __call__(self):
        self.report = None
        self.rejected = []
        self.message = ""
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            upload = self.request.form.get("file")
            data = upload.read() if hasattr(upload, "read") else b""
            if not data:
                self.message = translate(_("directory_import_no_file",
                                           default="Choose a CSV file."), context=self.request)
            else:
                self.report = import_csv(self.context, data,
                                         publish=bool(self.request.form.get("publish")))
                self.rejected = [
                    {"line": line, "column": column,
                     "message": translate(message, context=self.request)}
                    for line, column, message in self.report.rejected]
                if self.rejected:
                    self.request.response.setStatus(400)
        return self.index()
