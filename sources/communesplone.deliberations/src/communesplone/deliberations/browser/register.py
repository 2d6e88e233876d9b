"""The public publication register: the list, a PDF's download, and checking an upload."""

from communesplone.deliberations import register
from Products.Five import BrowserView
from zExceptions import NotFound
from zope.interface import implementer
from zope.publisher.interfaces import IPublishTraverse


@implementer(IPublishTraverse)
class RegisterView(BrowserView):
    action = None

    def publishTraverse(self, request, name):
        if name == "download":
            self.action = name
            return self
        raise NotFound(name)

    def __call__(self):
        if self.action == "download":
            return self.download()
        return self.index()

    def download(self):
        entry = register.get(self.request.form.get("id", ""))
        if entry is None or not entry.get("public"):
            raise NotFound("entry")
        self.request.response.setHeader("Content-Type", "application/pdf")
        self.request.response.setHeader(
            "Content-Disposition", f'inline; filename="{entry["file"].filename}"')
        return entry["file"].data

    def entries(self):
        return register.entries()

    def verification(self):
        """``None`` (nothing uploaded), or the entries matching the uploaded file (maybe [])."""
        upload = self.request.form.get("file")
        if not upload or not hasattr(upload, "read"):
            return None
        data = upload.read()
        return {"sha256": register.sha256(data), "entries": register.verify(data)}
