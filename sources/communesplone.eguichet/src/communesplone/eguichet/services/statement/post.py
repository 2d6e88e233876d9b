"""``POST <catalog>/@import-statement``: a CODA or CSV bank statement pays the orders it pays.

The file comes as a multipart upload (field ``file``, or ``statement`` as on
the page; optional field ``format``) or as JSON
``{"filename": ..., "data": "<base64>", "format": "coda" | "csv" | "auto"}``.
It goes through :func:`~communesplone.eguichet.statements.import_statement`,
exactly as ``@@import-statement``: same staff check, same matching, idempotent.
Anonymous gets 401, a member who is not e-guichet staff 403, a file that
cannot be read 400 ``ValidationError`` (nothing paid).
"""

from communesplone.core.translating import Translates
from communesplone.eguichet import _
from communesplone.eguichet.staff import is_staff
from communesplone.eguichet.content.order import max_upload_mb
from communesplone.eguichet.statements import import_statement
from communesplone.eguichet.statements import report_rows
from communesplone.eguichet.statements import StatementError
from communesplone.core.jsonbody import MAX_STAFF_BODY_BYTES
from communesplone.core.jsonbody import read_json_body
from plone import api
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from zExceptions import Unauthorized
from zope.interface import alsoProvides

import base64
import binascii

FILE_FIELDS = ("file", "statement")


class ImportStatementPost(Translates, Service):
    @property
    def max_body_bytes(self):
        """Staff only: a file in base64 up to the staff's body limit, or a third more
        than the upload limit if that is larger; the service itself then says
        (400, field ``data``) when the file is over the upload limit."""
        return max(MAX_STAFF_BODY_BYTES, int(max_upload_mb() * 1024 * 1024 * 4 / 3) + 65536)

    def reply(self):
        if api.user.is_anonymous():
            raise Unauthorized("Log in as staff of a processing service")
        if not is_staff(self.context):
            self.request.response.setStatus(403)
            return {"error": {"type": "Forbidden", "message": self.t(_(
                "eguichet_error_import_forbidden",
                default="Only the services that process orders may import a bank statement."))}}
        alsoProvides(self.request, IDisableCSRFProtection)
        multipart = (self.request.getHeader("Content-Type") or "").startswith(
            "multipart/form-data")
        try:
            filename, data, format_ = self.read_upload() if multipart else self.read_json()
            report = import_statement(data, self.context, format_ or "auto")
        except StatementError as error:
            return self.bad_request(error.message,
                                    error.field or ("file" if multipart else "data"))
        matched, unmatched = report_rows(report, self.t)
        duplicates = [row for row in unmatched if row["reason"] == "already_paid"]
        return {
            "@id": f"{self.context.absolute_url()}/@import-statement",
            "filename": filename,
            "matched": matched,
            "unmatched": unmatched,
            "duplicates": duplicates,
            "counts": {"lines": len(matched) + len(unmatched), "matched": len(matched),
                       "unmatched": len(unmatched), "duplicates": len(duplicates)},
        }

    def read_upload(self):
        """``(filename, bytes, format)`` of a multipart upload."""
        form = self.request.form
        for field in FILE_FIELDS:
            upload = form.get(field)
            if upload is not None and hasattr(upload, "read"):
                return getattr(upload, "filename", None), upload.read(), form.get("format")
        raise StatementError(MISSING)

    def read_json(self):
        """``(filename, bytes, format)`` of ``{"filename", "data" (base64), "format"}``."""
        body = read_json_body(self.request)
        body = body if isinstance(body, dict) else {}
        encoded = body.get("data")
        if not isinstance(encoded, str):
            raise StatementError(MISSING)
        try:
            data = base64.b64decode(encoded, validate=True)
        except (binascii.Error, ValueError):
            raise StatementError(_("eguichet_error_statement_base64",
                                   default="The data is not valid base64.")) from None
        return body.get("filename"), data, body.get("format")

    def bad_request(self, message, field):
        text = self.t(message)
        self.request.response.setStatus(400)
        return {"error": {"type": "ValidationError", "message": text,
                          "errors": [{"field": field, "message": text}]}}


MISSING = _("eguichet_error_statement_missing",
            default="Send the statement as a file (multipart field file) or as JSON with "
            "its content in base64 (data).")
