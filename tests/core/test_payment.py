"""The commune's transfer instructions and EPC QR code, shared by every add-on that takes money."""

from communesplone.core.payment import transfer_instructions
from plone import api

import io
import PIL.Image
import zxingcpp


def _decoded(png):
    [result] = zxingcpp.read_barcodes(PIL.Image.open(io.BytesIO(png)))
    return result.text


def test_instructions_hold_the_account_and_a_qr_that_a_bank_app_reads(integration):
    api.portal.set_registry_record("communesplone.core.commune_name", "Commune de Demo")
    api.portal.set_registry_record("communesplone.core.iban", "BE71 0961 2345 6769")
    info = transfer_instructions(3.5, "+++123/4567/89002+++")
    assert info["amount"] == 3.5
    assert info["iban"] == "BE71096123456769"
    assert info["iban_display"] == "BE71 0961 2345 6769"
    assert info["qr_data_uri"].startswith("data:image/png;base64,")
    lines = _decoded(info["qr_png"]).split("\n")
    assert lines[5:8] == ["Commune de Demo", "BE71096123456769", "EUR3.5"]
    assert lines[-1] == "+++123/4567/89002+++"


def test_no_qr_without_a_valid_iban(integration):
    api.portal.set_registry_record("communesplone.core.iban", "BE68539007547035")
    info = transfer_instructions(10, "+++123/4567/89002+++")
    assert info["iban"] == ""
    assert info["qr_png"] is None and info["qr_data_uri"] is None
