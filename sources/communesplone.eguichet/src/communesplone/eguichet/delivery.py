"""The delivered document of an order: a PDF no larger than the registry's limit."""

from communesplone.eguichet.content.order import IDocumentOrder
from communesplone.eguichet.content.order import max_upload_mb
from communesplone.eguichet.content.order import NotAPDF
from communesplone.eguichet.errors import OrderInvalid
from plone.namedfile.file import NamedBlobFile
from zope.schema import ValidationError


def attach_pdf(order, upload):
    """Store ``upload`` as ``order.delivered_file`` after the field's own checks.

    Raises :class:`OrderInvalid` (field ``delivered_file``) for no file, a file
    that is not a PDF or one that is too large; nothing is stored then.
    """
    limit = max_upload_mb() * 1024 * 1024
    data = upload.read(limit + 1) if upload else b""
    filename = getattr(upload, "filename", None) or f"{order.reference}.pdf"
    document = NamedBlobFile(data=data, filename=filename, contentType="application/pdf")
    try:
        IDocumentOrder["delivered_file"].validate(document if data else None)
        if not data:
            raise NotAPDF()
    except ValidationError as error:
        raise OrderInvalid([("delivered_file", error.doc())]) from error
    order.delivered_file = document
