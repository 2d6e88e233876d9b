"""Validation and formatting of Belgian administrative identifiers.

Communes and CPAS forms ask citizens and companies for a handful of numbers
that carry their own check digits: the national register number, the
enterprise number, the IBAN, the structured communication of a transfer and
the postcode.  Checking them when the form is submitted catches most typing
errors before a file lands on an agent's desk.

This module is deliberately pure Python (standard library only, no Plone
import): it can be used from forms, REST API deserialisers, import scripts
and plain unit tests alike.  Plone/zope.schema integration lives in
:mod:`communesplone.core.constraints`.

General rules shared by every function here:

* ``is_valid_*`` functions never raise: anything that is not a string
  (``None``, ``int``, ``bytes``...), an empty string or an over-long string
  simply gives ``False``.  A validator that raises on junk would turn a
  typing error into a server error.
* Only ASCII digits ``0-9`` count as digits.  ``str.isdigit`` and ``\\d``
  also accept e.g. Arabic-Indic or superscript digits, which ``int()``
  happily converts; such input would otherwise be stored in a form no
  other system accepts.
* The usual separators people type or paste are tolerated: whitespace
  (including the non-breaking space that comes with copy/paste from PDF or
  word processors), dots, slashes and dashes (including typographic
  dashes).  The ``normalize_*``/``format_*`` helpers give the canonical
  form to store or display.
* ``normalize_*`` and ``format_*`` raise :class:`ValueError` on invalid
  input, so a wrong number is never stored or shown as if it were right.
  :func:`mask_rrn` is the exception, see its docstring.
"""

from __future__ import annotations

import datetime
import re

__all__ = [
    "IBAN_LENGTHS",
    "format_enterprise_number",
    "format_iban",
    "format_rrn",
    "is_valid_be_postcode",
    "is_valid_enterprise_number",
    "is_valid_iban",
    "is_valid_rrn",
    "is_valid_structured_communication",
    "make_structured_communication",
    "mask_rrn",
    "normalize_enterprise_number",
    "normalize_iban",
    "normalize_rrn",
    "rrn_birth_date",
]

# No legitimate input for any of these identifiers, separators and prefixes
# included, comes anywhere near this length.  Refusing longer strings up
# front keeps a pasted document from costing regex and big-int work.
_MAX_INPUT_LENGTH = 64

# Whitespace (str pattern, so Unicode-aware: includes NBSP and friends),
# dots, slashes, ASCII hyphen-minus and the typographic dashes U+2010-U+2015.
_SEPARATORS_RE = re.compile(r"[\s./\-\u2010-\u2015]+")


def _clean(value: object) -> str | None:
    """Return ``value`` without separators, or None if it cannot be a number.

    None is returned for non-strings and for over-long strings, so callers
    only need to check the shape of the result.
    """
    if not isinstance(value, str) or len(value) > _MAX_INPUT_LENGTH:
        return None
    return _SEPARATORS_RE.sub("", value)


# ---------------------------------------------------------------------------
# National register number (rijksregisternummer / numéro de registre national)
# ---------------------------------------------------------------------------

_RRN_RE = re.compile(r"[0-9]{11}")

# People born from 2000 on get their check digits computed over the 9 digits
# prefixed with "2", i.e. over 2_000_000_000 + n.  2_000_000_000 % 97 == 68,
# so for a given number at most one of the two rules can match: the rule that
# matches tells the century unambiguously.
_RRN_2000_OFFSET = 2_000_000_000


def _rrn_check(base: int) -> int:
    """Check digits of a national register number over a 9-digit ``base``."""
    return 97 - base % 97


def _parse_rrn(value: object) -> tuple[str, int, int, int] | None:
    """Parse a national register number.

    Returns ``(digits, year, month, day)`` with the century resolved and the
    BIS offset removed (month and day may be 0 when unknown), or None when the
    number is not valid.
    """
    digits = _clean(value)
    if digits is None or not _RRN_RE.fullmatch(digits):
        return None
    base = int(digits[:9])
    check = int(digits[9:])
    if check == _rrn_check(base):
        century = 1900
    elif check == _rrn_check(_RRN_2000_OFFSET + base):
        century = 2000
    else:
        return None
    month = int(digits[2:4])
    day = int(digits[4:6])
    # BIS numbers (people not in the national register: cross-border
    # workers, owners living abroad...) have the month increased by 40
    # when the sex was known at attribution and by 20 when it was not.
    if month >= 40:
        month -= 40
    elif month >= 20:
        month -= 20
    # Month 00 and day 00 exist in real numbers: the birth date (or part of
    # it) was unknown at attribution, or the day's counter ran out.  Anything
    # beyond the calendar's range is a typing error.
    if month > 12 or day > 31:
        return None
    return digits, century + int(digits[:2]), month, day


def is_valid_rrn(value: object) -> bool:
    """Tell whether ``value`` is a valid Belgian national register number.

    Format: ``YYMMDD SSS CC`` -- birth date, a day counter (odd for men,
    even for women) and check digits ``CC = 97 - (YYMMDDSSS mod 97)``.  For
    people born from 2000 on, the check digits are computed over
    ``2YYMMDDSSS`` instead; both rules are accepted.

    BIS numbers (month + 20 or + 40) are accepted as well: for a commune
    they identify a person just as well.  Month 00 and day 00 are accepted
    (unknown birth date part), a month above 12 (after removing the BIS
    offset) or a day above 31 is not.  Impossible dates such as 30 February
    are *not* rejected here: the check digits are what protect against
    typing errors, and we cannot be sure the register never issued such a
    number.  :func:`rrn_birth_date` returns None for them.

    Separators are ignored: ``"85.07.30-033.28"``, ``"85073003328"`` and
    ``"850730 033 28"`` are all accepted.

    The check deliberately does not depend on today's date (python-stdnum
    rejects a number that only matches the from-2000 rule when its year
    lies in the future): a validator that changes its answer on New
    Year's Day is harder to reason about, and the check digits already make
    a future date very unlikely to pass by accident.

    What the check digits catch: a single wrong digit never gives a number
    valid under the *same* century rule.  The one single-digit error that
    can pass is the units digit of the year off by exactly 6, which
    switches to the other rule (``11073003355``, born 2011, becomes
    ``17073003355``, born 1917); 6 * 10**7 is congruent to 68 mod 97, as is
    the 2_000_000_000 prefix.
    """
    return _parse_rrn(value) is not None


def rrn_birth_date(value: object) -> datetime.date | None:
    """Return the birth date encoded in a national register number.

    The century is the one of the check rule that matched (see
    :func:`is_valid_rrn`) and the BIS month offset is removed.  Returns None
    when the number is invalid, when the date is (partly) unknown (month or
    day 00) or when it is not a real calendar date.
    """
    parsed = _parse_rrn(value)
    if parsed is None:
        return None
    _digits, year, month, day = parsed
    if month == 0 or day == 0:
        return None
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def normalize_rrn(value: object) -> str:
    """Return the 11 digits of a valid national register number.

    This is the form to store.  Raises :class:`ValueError` when ``value`` is
    not valid.
    """
    parsed = _parse_rrn(value)
    if parsed is None:
        raise ValueError(f"Invalid national register number: {value!r}")
    return parsed[0]


def format_rrn(value: object) -> str:
    """Format a national register number as ``"85.07.30-033.28"``.

    Raises :class:`ValueError` when ``value`` is not valid.
    """
    d = normalize_rrn(value)
    return f"{d[0:2]}.{d[2:4]}.{d[4:6]}-{d[6:9]}.{d[9:11]}"


def mask_rrn(value: object) -> str:
    """Mask a national register number for display: ``"85.07.30-xxx.xx"``.

    The national register number is personal data whose use is restricted by
    law; screens and e-mails that only need to let a citizen or an agent
    recognise a file show the birth-date part alone.

    Unlike the other helpers this one never raises: when ``value`` is not a
    valid number, the fully masked ``"xx.xx.xx-xxx.xx"`` is returned.  A
    caller that catches an exception is tempted to fall back to the raw
    value, which is exactly the leak masking is meant to prevent.
    """
    parsed = _parse_rrn(value)
    if parsed is None:
        return "xx.xx.xx-xxx.xx"
    d = parsed[0]
    return f"{d[0:2]}.{d[2:4]}.{d[4:6]}-xxx.xx"


# ---------------------------------------------------------------------------
# Enterprise number (KBO / BCE ondernemingsnummer / numéro d'entreprise)
# ---------------------------------------------------------------------------

_ENTERPRISE_RE = re.compile(r"[01][0-9]{9}")


def _compact_enterprise_number(value: object) -> str | None:
    """Return the 10 digits of a valid enterprise number, or None."""
    digits = _clean(value)
    if digits is None or not digits.isascii():
        return None
    digits = digits.upper()
    # The enterprise number doubles as the VAT number, written "BE 0403..."
    if digits.startswith("BE"):
        digits = digits[2:]
    # Numbers attributed before 2005 had 9 digits; the 10-digit form adds a 0.
    if len(digits) == 9:
        digits = "0" + digits
    if not _ENTERPRISE_RE.fullmatch(digits):
        return None
    if int(digits[8:]) != 97 - int(digits[:8]) % 97:
        return None
    return digits


def is_valid_enterprise_number(value: object) -> bool:
    """Tell whether ``value`` is a valid Belgian enterprise (KBO/BCE) number.

    Ten digits, the first one 0 or 1 (establishment unit numbers, which start
    with 2-8, are a different identifier), and the last two equal to
    ``97 - (first 8 digits mod 97)``.  The old 9-digit form is padded with a
    leading 0.  An optional ``BE`` prefix (the VAT form) and separators are
    accepted: ``"BE 0403.019.261"``, ``"0403 019 261"``, ``"403019261"``.

    Check digits ``00`` are never accepted: the formula gives 97, not 00,
    when the first eight digits are a multiple of 97 (python-stdnum's
    ``be.vat`` accepts both).
    """
    return _compact_enterprise_number(value) is not None


def normalize_enterprise_number(value: object) -> str:
    """Return the 10 digits of a valid enterprise number (the form to store).

    Raises :class:`ValueError` when ``value`` is not valid.
    """
    digits = _compact_enterprise_number(value)
    if digits is None:
        raise ValueError(f"Invalid enterprise number: {value!r}")
    return digits


def format_enterprise_number(value: object) -> str:
    """Format an enterprise number as the KBO/BCE does: ``"0403.019.261"``.

    Raises :class:`ValueError` when ``value`` is not valid.
    """
    d = normalize_enterprise_number(value)
    return f"{d[0:4]}.{d[4:7]}.{d[7:10]}"


# ---------------------------------------------------------------------------
# IBAN (ISO 13616)
# ---------------------------------------------------------------------------

#: Total IBAN length per country, from the SWIFT IBAN registry (release 101,
#: as shipped with python-stdnum 2.2).  A country not listed has no IBAN.
IBAN_LENGTHS: dict[str, int] = {
    # SEPA: European Union and EEA
    "AT": 20, "BE": 16, "BG": 22, "CY": 28, "CZ": 24, "DE": 22, "DK": 18,
    "EE": 20, "ES": 24, "FI": 18, "FR": 27, "GR": 27, "HR": 21, "HU": 28,
    "IE": 22, "IS": 26, "IT": 27, "LI": 21, "LT": 20, "LU": 20, "LV": 21,
    "MT": 31, "NL": 18, "NO": 15, "PL": 28, "PT": 25, "RO": 24, "SE": 24,
    "SI": 19, "SK": 24,
    # SEPA: other countries and territories (French overseas departments,
    # Åland, Jersey, Guernsey and Man use the FR, FI and GB formats)
    "AD": 24, "CH": 21, "GB": 22, "GI": 23, "MC": 27, "SM": 27, "VA": 22,
    # Recent additions to the SEPA scope
    "AL": 28, "MD": 24, "ME": 22, "MK": 19,
    # Rest of the registry: citizens may hold an account anywhere
    "AE": 23, "AZ": 28, "BA": 20, "BH": 22, "BI": 27, "BR": 29, "BY": 28,
    "CR": 22, "DJ": 27, "DO": 28, "EG": 29, "FK": 18, "FO": 18, "GE": 22,
    "GL": 18, "GT": 28, "HN": 28, "IL": 23, "IQ": 23, "JO": 30, "KW": 30,
    "KZ": 20, "LB": 28, "LC": 32, "LY": 25, "MN": 20, "MR": 27, "MU": 30,
    "NI": 28, "OM": 23, "PK": 24, "PS": 29, "QA": 29, "RS": 22, "RU": 33,
    "SA": 24, "SC": 31, "SD": 18, "SO": 23, "ST": 25, "SV": 28, "TL": 23,
    "TN": 24, "TR": 26, "UA": 29, "VG": 24, "XK": 20, "YE": 30,
}  # fmt: skip

_IBAN_RE = re.compile(r"[A-Z]{2}[0-9]{2}[A-Z0-9]+")


def _compact_iban(value: object) -> str | None:
    """Return the electronic form of a valid IBAN, or None."""
    iban = _clean(value)
    # Check ASCII before upper(): "ß".upper() == "SS" and a few ligatures
    # also turn into ASCII letters.
    if iban is None or not iban.isascii():
        return None
    iban = iban.upper()
    # The ISO 13616 "paper format" is preceded by the word IBAN.
    if iban.startswith("IBAN"):
        iban = iban[4:]
    if not _IBAN_RE.fullmatch(iban) or IBAN_LENGTHS.get(iban[:2]) != len(iban):
        return None
    # Check digits are computed as 98 - (x mod 97), hence always in 02..98;
    # 00, 01 and 99 pass the mod-97 test (they are congruent to 97, 98 and
    # 02) but are never issued.
    if not 2 <= int(iban[2:4]) <= 98:
        return None
    rearranged = iban[4:] + iban[:4]
    # int(c, 36) maps 0-9 to themselves and A-Z to 10..35, as ISO 7064 wants.
    if int("".join(str(int(c, 36)) for c in rearranged)) % 97 != 1:
        return None
    return iban


def is_valid_iban(value: object) -> bool:
    """Tell whether ``value`` is a valid IBAN.

    Checks the country code against the IBAN registry, the length for that
    country and the ISO 7064 mod-97 check digits: move the first four
    characters to the end, replace letters by 10..35, the result mod 97 must
    be 1.  Case-insensitive; spaces (and dots/dashes) are ignored, as is the
    ``IBAN`` word of the paper format (``"IBAN BE71 0961 2345 6769"``).

    This is deliberately the *pure* mod-97 rule, without python-stdnum's
    bank-code list: a commune or its citizens may bank anywhere, and the
    list shipped with stdnum lags behind the National Bank's (it rejects for
    instance the widely printed example ``BE68539007547034``, bank code 539).
    Refusing a real account because our copy of a list is outdated costs
    more than the very rare error the list would catch: the mod-97 check
    already catches every single wrong digit, every swap of two adjacent
    digits and all but about 1 in 97 of other typing errors.  No
    country-specific BBAN rule is applied either.
    """
    return _compact_iban(value) is not None


def normalize_iban(value: object) -> str:
    """Return the electronic form of a valid IBAN (upper case, no spaces).

    Raises :class:`ValueError` when ``value`` is not valid.
    """
    iban = _compact_iban(value)
    if iban is None:
        raise ValueError(f"Invalid IBAN: {value!r}")
    return iban


def format_iban(value: object) -> str:
    """Format an IBAN in groups of four: ``"BE71 0961 2345 6769"``.

    Raises :class:`ValueError` when ``value`` is not valid.
    """
    iban = normalize_iban(value)
    return " ".join(iban[i : i + 4] for i in range(0, len(iban), 4))


# ---------------------------------------------------------------------------
# Structured communication (OGM / VCS: +++123/4567/89002+++)
# ---------------------------------------------------------------------------

_OGM_DELIMITERS = ("+++", "***")
_OGM_INNER_SEPARATORS_RE = re.compile(r"[\s/]+")
_OGM_RE = re.compile(r"[0-9]{12}")
_OGM_BASE_RE = re.compile(r"[0-9]{1,10}")


def _ogm_check(base: int) -> int:
    """Check digits of a structured communication: base mod 97, 97 for 0."""
    return base % 97 or 97


def is_valid_structured_communication(value: object) -> bool:
    """Tell whether ``value`` is a valid Belgian structured communication.

    The "communication structurée" / "gestructureerde mededeling" lets a
    bank transfer be matched automatically with the invoice or request it
    pays.  It is 12 digits, the last two being the first ten mod 97 (97 when
    the remainder is 0), usually written ``+++123/4567/89002+++``.  Also
    accepted: the ``***...***`` form, and the 12 digits bare or with slashes
    and spaces.  Opening and closing delimiters must match.
    """
    if not isinstance(value, str) or len(value) > _MAX_INPUT_LENGTH:
        return False
    text = value.strip()
    for delimiter in _OGM_DELIMITERS:
        if (
            len(text) >= 2 * len(delimiter)
            and text.startswith(delimiter)
            and text.endswith(delimiter)
        ):
            text = text[len(delimiter) : -len(delimiter)]
            break
    digits = _OGM_INNER_SEPARATORS_RE.sub("", text)
    if not _OGM_RE.fullmatch(digits):
        return False
    return int(digits[10:]) == _ogm_check(int(digits[:10]))


def make_structured_communication(number: int | str) -> str:
    """Build the structured communication for ``number``.

    ``number`` is an ``int`` in ``0 <= number < 10**10`` or a string of 1 to
    10 ASCII digits (surrounding whitespace ignored); it is zero-padded on
    the left to 10 digits and the check digits appended.  Returns
    ``"+++ddd/dddd/ddddd+++"``.

    Raises :class:`ValueError` for a negative number, more than 10 digits or
    anything else (including ``bool``, ``float`` and ``None``: one exception
    type is simpler to handle for callers feeding it user or database data).
    """
    if isinstance(number, bool):
        raise ValueError(f"Not a number for a structured communication: {number!r}")
    if isinstance(number, int):
        if number < 0:
            raise ValueError(f"Negative number for a structured communication: {number}")
        if number >= 10**10:
            raise ValueError(f"More than 10 digits for a structured communication: {number}")
        base = number
    elif isinstance(number, str):
        text = number.strip()
        if not _OGM_BASE_RE.fullmatch(text):
            raise ValueError(f"A structured communication needs 1 to 10 digits, got {number!r}")
        base = int(text)
    else:
        raise ValueError(f"Not a number for a structured communication: {number!r}")
    d = f"{base:010d}{_ogm_check(base):02d}"
    return f"+++{d[0:3]}/{d[3:7]}/{d[7:12]}+++"


# ---------------------------------------------------------------------------
# Postcode
# ---------------------------------------------------------------------------

_POSTCODE_RE = re.compile(r"[1-9][0-9]{3}")
# Longest first, so that "BE-" is not read as "B" followed by "E-".
_POSTCODE_PREFIXES = ("BE-", "BE", "B-", "B")
_WHITESPACE_RE = re.compile(r"\s+")


def is_valid_be_postcode(value: object) -> bool:
    """Tell whether ``value`` is a well-formed Belgian postcode.

    Four digits from 1000 to 9999, spaces ignored, with an optional country
    prefix as found on envelopes and old forms: ``"B-5000"``, ``"B5000"``,
    ``"BE-5000"`` (case-insensitive).  Only the format is checked, not that
    the code is attributed by bpost: the list changes and an unknown code is
    better caught by a human than by a form refusing a new street.
    """
    if not isinstance(value, str) or len(value) > _MAX_INPUT_LENGTH:
        return False
    text = _WHITESPACE_RE.sub("", value)
    if not text.isascii():
        return False
    text = text.upper()
    for prefix in _POSTCODE_PREFIXES:
        if text.startswith(prefix):
            text = text[len(prefix) :]
            break
    return _POSTCODE_RE.fullmatch(text) is not None


# ---------------------------------------------------------------------------
# E-mail address
# ---------------------------------------------------------------------------

#: one ``@``; no space, quote, angle bracket, comma or semicolon (what a copied
#: "Name <a@b.be>" or a list "a@b.be; c@d.be" brings); a domain with a dot and
#: a top-level domain of letters
_EMAIL_RE = re.compile(r"[^@\s<>,;\"']+@[^@\s<>,;\"']+\.[A-Za-z]{2,}")
#: RFC 5321's limit on a path
_MAX_EMAIL_LENGTH = 254


def is_valid_email(value: object) -> bool:
    """Tell whether ``value`` looks like one e-mail address a mail can be sent to.

    The one rule of every add-on (booking, e-guichet and directory each had
    their own, more or less strict). Only the form is checked: whether the
    mailbox exists, only a mail tells.
    """
    if not isinstance(value, str) or len(value) > _MAX_EMAIL_LENGTH:
        return False
    return _EMAIL_RE.fullmatch(value) is not None
