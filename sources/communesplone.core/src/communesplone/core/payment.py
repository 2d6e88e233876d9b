"""Paying the commune by bank transfer: its account, the EPC QR code, the instructions.

Every add-on that asks a citizen to pay (an order of the e-guichet, a paid
booking) shows the same thing: the amount, the commune's IBAN (from the core
"Commune" settings), the structured communication and an EPC QR code
("GiroCode", read by Belgian banking apps) that fills in the transfer. The
add-ons must not import each other, so the helper lives here.
"""

from communesplone.core.dates import LOCALES
from communesplone.core import logger
from communesplone.core.identity import commune_name
from communesplone.core.validation import format_iban
from communesplone.core.validation import normalize_iban
from babel.numbers import format_currency
from plone import api

import io
import segno.helpers

#: Babel's locale of each language a commune serves, for amounts.
_LOCALES = LOCALES  # Belgian conventions, as the dates


def amount_text(value, language=None):
    """ "3,50 €" (fr), "€ 3,50" (nl): euros as the reader writes them, in
    ``language`` or the page's, never "3.50 EUR"."""
    if language not in _LOCALES:
        try:
            language = (api.portal.get_current_language() or "fr").split("-")[0].lower()
        except Exception:  # no site (scripts, unit tests): French, the default
            language = "fr"
    return format_currency(float(value or 0), "EUR", locale=_LOCALES.get(language, "fr_BE"))


def commune_account():
    """(beneficiary name, IBAN without spaces) from the core "Commune" settings.

    An IBAN that is not valid is left out (and logged): a QR code with a
    wrong account would send the citizen's money nowhere.
    """
    name = commune_name()
    iban = api.portal.get_registry_record("communesplone.core.iban", default="") or ""
    try:
        iban = normalize_iban(iban) if iban else ""
    except ValueError:
        logger.warning("The commune's IBAN %r is not valid; no QR code is made", iban)
        iban = ""
    return name.strip() or api.portal.get().Title(), iban


def epc_qr(beneficiary, iban, amount, communication):
    """The EPC QR code (segno) of a SEPA credit transfer; None without an IBAN or amount."""
    if not iban or not amount:
        return None
    return segno.helpers.make_epc_qr(
        name=beneficiary[:70], iban=iban, amount=round(float(amount), 2), text=communication,
    )


def qr_png(qr, scale=5):
    """The QR code as PNG bytes (a mail attachment)."""
    buffer = io.BytesIO()
    qr.save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()


def transfer_instructions(amount, communication):
    """What a citizen needs to pay ``amount`` EUR with ``communication``.

    A dict: ``amount`` (float), ``currency``, ``beneficiary``, ``iban`` (compact),
    ``iban_display`` (in groups of four), ``communication``, ``qr_png`` (bytes)
    and ``qr_data_uri`` (for an ``<img>``), both None without a valid IBAN.
    """
    beneficiary, iban = commune_account()
    amount = round(float(amount or 0), 2)
    qr = epc_qr(beneficiary, iban, amount, communication)
    return {
        "amount": amount,
        "currency": "EUR",
        "beneficiary": beneficiary,
        "iban": iban,
        "iban_display": format_iban(iban) if iban else "",
        "communication": communication,
        "qr_png": qr_png(qr) if qr is not None else None,
        "qr_data_uri": qr.png_data_uri(scale=5, border=4) if qr is not None else None,
    }
