"""Payment: the provider interface, the EPC QR code on the order page, marking paid,
the delivered PDF's checks."""

from communesplone.eguichet.interfaces import IPaymentProvider
from eguichethelpers import IBAN
from eguichethelpers import order
from plone import api
from zope.component import getUtility
from zope.publisher.browser import FileUpload

import base64
import io
import pytest
import re


def _decode_data_uri(uri):
    import zxingcpp
    from PIL import Image

    png = base64.b64decode(uri.split(",", 1)[1])
    [barcode] = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    return barcode.text.split("\n")


def test_bank_transfer_is_the_first_provider(site):
    provider = getUtility(IPaymentProvider, name="bank_transfer")
    assert IPaymentProvider.providedBy(provider) and provider.online is False
    with api.env.adopt_user("alice"):
        made = order(site.catalog, site.residence, quantity=3, delivery_method="post")
    info = provider.instructions(made)
    assert info["amount"] == 16.5 and info["iban"] == IBAN
    assert info["communication"] == made.structured_communication
    assert provider.start(made, site.portal.REQUEST) is None


def test_order_page_shows_a_qr_code_banking_apps_read(site):
    from communesplone.eguichet.browser.order import OrderView

    with api.env.adopt_user("alice"):
        made = order(site.catalog, site.residence, quantity=2, delivery_method="post")
        html = OrderView(made, site.portal.REQUEST)()
    [uri] = re.findall(r'src="(data:image/png;base64,[^"]+)"', html)
    fields = _decode_data_uri(uri)
    assert fields[0] == "BCD" and fields[3] == "SCT"
    assert fields[5] == "Commune de Demo" and fields[6] == IBAN
    assert fields[7] == "EUR11.5"
    assert fields[-1] == made.structured_communication
    assert made.structured_communication in html and "BE71096123456769" in html
    assert re.search(r'<img[^>]+alt="[^"]+"', html)


def _post(site, made, user, **form):
    from communesplone.eguichet.browser.order import OrderActionView
    from plone.protect.authenticator import createToken

    request = site.portal.REQUEST
    request.method = "POST"
    request.form.clear()
    with api.env.adopt_user(user):
        request.form.update(form, _authenticator=createToken())
        return OrderActionView(made, request)()


def test_only_the_service_marks_paid(site):
    from zExceptions import Unauthorized

    with api.env.adopt_user("alice"):
        made = order(site.catalog, site.residence)
    with pytest.raises(Unauthorized):
        _post(site, made, "alice", action="mark_paid")
    assert made.payment_status == "unpaid"
    _post(site, made, "paula", action="mark_paid")
    assert made.payment_status == "paid"
    assert api.content.get_state(made) == "submitted"


def _upload(data, filename="certificat.pdf"):
    class Field:
        file = io.BytesIO(data)
        headers = {"content-type": "application/pdf"}

    Field.filename = filename
    return FileUpload(Field())


def test_delivered_file_checks(site):
    with api.env.adopt_user("alice"):
        made = order(site.catalog, site.regulation, answers={})
    api.portal.set_registry_record("communesplone.eguichet.max_upload_mb", 1)
    _post(site, made, "paula", action="upload", delivered_file=_upload(b"not a pdf"))
    assert made.delivered_file is None
    big = b"%PDF-1.4\n" + b"0" * (1024 * 1024)
    _post(site, made, "paula", action="upload", delivered_file=_upload(big))
    assert made.delivered_file is None
    from Products.statusmessages.interfaces import IStatusMessage

    shown = [m.message for m in IStatusMessage(site.portal.REQUEST).show()]
    assert "The file is larger than 1 MB." in shown and "Choose a PDF file." in shown
    _post(site, made, "paula", action="upload", delivered_file=_upload(b"%PDF-1.4\nok"))
    assert made.delivered_file.data == b"%PDF-1.4\nok"
    from zExceptions import Unauthorized

    with pytest.raises(Unauthorized):
        _post(site, made, "alice", action="upload", delivered_file=_upload(b"%PDF-1.4\nx"))
