"""Tests for communesplone.core.validation (pure Python, no Plone layer).

Published examples come from the Belgian administrations' documentation,
python-stdnum's doctests and the IBAN registry; property tests build valid
numbers from their definition and cross-check against python-stdnum.
"""

import datetime
import re

import pytest
from hypothesis import assume
from hypothesis import example
from hypothesis import given
from hypothesis import strategies as st
from stdnum import numdb
from stdnum.be import bis as stdnum_bis
from stdnum.be import nn as stdnum_nn
from stdnum.be import vat as stdnum_vat
from stdnum.iso7064 import mod_97_10

from communesplone.core import validation as v

JUNK = [
    None,
    "",
    " ",
    "abc",
    "not a number",
    0,
    85073003328,
    12.5,
    b"85073003328",
    ["85073003328"],
    {"value": "85073003328"},
    "8" * 1000,
    "\x00",
    "+++",
    "BE",
]


# ---------------------------------------------------------------------------
# National register number
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "birth_date"),
    [
        ("85073003328", datetime.date(1985, 7, 30)),
        # Only valid with the "2" prefix used for births from 2000 on.
        ("17073003384", datetime.date(2017, 7, 30)),
        # BIS number, month + 40: born 7 September 2001.
        ("01490700185", datetime.date(2001, 9, 7)),
        # BIS number from python-stdnum's doctests, month + 40.
        ("98472899765", datetime.date(1998, 7, 28)),
    ],
)
def test_rrn_published_examples(value, birth_date):
    assert v.is_valid_rrn(value)
    assert v.rrn_birth_date(value) == birth_date


def test_rrn_2000_example_needs_the_2_prefix():
    # Documents why the second rule exists: the plain rule fails on it.
    assert int("17073003384"[9:]) != 97 - int("170730033") % 97
    assert int("17073003384"[9:]) == 97 - (2_000_000_000 + 170730033) % 97


@pytest.mark.parametrize(
    "value",
    [
        "85073003329",  # wrong check digits
        "85073003327",
        "8507300332",  # 10 digits
        "850730033288",  # 12 digits
        "85073003300",  # check digits 00 are never computed
        "1707300338A",
        "85O73003328",  # letter O instead of zero
    ],
)
def test_rrn_invalid(value):
    assert not v.is_valid_rrn(value)
    assert v.rrn_birth_date(value) is None


@pytest.mark.parametrize(
    "value",
    [
        "85.07.30-033.28",
        "85 07 30 033 28",
        "850730-033-28",
        "85/07/30/033/28",
        "  85073003328\n",
        "85.07.30\u00a0033\u00a028",  # non-breaking spaces from copy/paste
        "85.07.30\u2013033.28",  # en dash
    ],
)
def test_rrn_separators(value):
    assert v.is_valid_rrn(value)
    assert v.normalize_rrn(value) == "85073003328"
    assert v.format_rrn(value) == "85.07.30-033.28"
    assert v.mask_rrn(value) == "85.07.30-xxx.xx"


@pytest.mark.parametrize("value", JUNK)
def test_rrn_junk_never_raises(value):
    assert v.is_valid_rrn(value) is False
    assert v.rrn_birth_date(value) is None
    assert v.mask_rrn(value) == "xx.xx.xx-xxx.xx"


def test_rrn_non_ascii_digits_rejected():
    # int() accepts Arabic-Indic digits; the register does not.
    arabic = "".join(chr(0x0660 + int(c)) for c in "85073003328")
    assert int(arabic) == 85073003328
    assert not v.is_valid_rrn(arabic)


def _rrn(yy, mm, dd, seq, century=1900):
    base = int(f"{yy:02d}{mm:02d}{dd:02d}{seq:03d}")
    offset = 2_000_000_000 if century == 2000 else 0
    return f"{base:09d}{97 - (offset + base) % 97:02d}"


@pytest.mark.parametrize(
    ("mm", "dd", "valid", "birth_date"),
    [
        (0, 0, True, None),  # birth date unknown
        (0, 15, True, None),  # month unknown
        (7, 0, True, None),  # day unknown
        (2, 30, True, None),  # accepted, but not a real date
        (2, 31, True, None),
        (4, 31, True, None),
        (12, 31, True, datetime.date(1985, 12, 31)),
        (13, 1, False, None),
        (19, 1, False, None),
        (7, 32, False, None),
        (7, 99, False, None),
        # BIS: + 20 (sex unknown) and + 40 (sex known)
        (20, 0, True, None),
        (27, 30, True, datetime.date(1985, 7, 30)),
        (32, 31, True, datetime.date(1985, 12, 31)),
        (33, 1, False, None),
        (39, 1, False, None),
        (40, 1, True, None),
        (47, 30, True, datetime.date(1985, 7, 30)),
        (52, 31, True, datetime.date(1985, 12, 31)),
        (53, 1, False, None),
        (60, 1, False, None),
        (99, 1, False, None),
    ],
)
def test_rrn_date_part(mm, dd, valid, birth_date):
    value = _rrn(85, mm, dd, 33)
    assert v.is_valid_rrn(value) is valid
    assert v.rrn_birth_date(value) == birth_date


def test_rrn_leap_day():
    assert v.rrn_birth_date(_rrn(84, 2, 29, 1)) == datetime.date(1984, 2, 29)
    assert v.rrn_birth_date(_rrn(0, 2, 29, 1, century=2000)) == datetime.date(2000, 2, 29)
    # 1900 was not a leap year: valid number, no birth date.
    assert v.is_valid_rrn(_rrn(0, 2, 29, 1))
    assert v.rrn_birth_date(_rrn(0, 2, 29, 1)) is None


def test_rrn_the_two_rules_never_agree():
    # 2_000_000_000 is not a multiple of 97, so at most one rule can match and
    # the century is never ambiguous.
    assert 2_000_000_000 % 97 == 68


def test_rrn_year_digit_off_by_six_flips_the_century():
    # The only single-digit error the check digits cannot catch (see below).
    assert v.rrn_birth_date("11073003355") == datetime.date(2011, 7, 30)
    assert v.rrn_birth_date("17073003355") == datetime.date(1917, 7, 30)
    assert v.rrn_birth_date("89073003315") == datetime.date(1989, 7, 30)
    assert v.rrn_birth_date("83073003315") == datetime.date(2083, 7, 30)


def test_rrn_normalize_format_raise_on_invalid():
    for func in (v.normalize_rrn, v.format_rrn):
        with pytest.raises(ValueError):
            func("85073003329")
        with pytest.raises(ValueError):
            func(None)


def test_rrn_mask_of_bis_number():
    assert v.mask_rrn("01.49.07-001.85") == "01.49.07-xxx.xx"


_bis_offsets = st.sampled_from([0, 20, 40])
_sequences = st.integers(min_value=0, max_value=999)


@given(
    birth=st.dates(datetime.date(1900, 1, 1), datetime.date(1999, 12, 31)),
    seq=_sequences,
    bis=_bis_offsets,
)
def test_rrn_property_births_before_2000(birth, seq, bis):
    value = _rrn(birth.year % 100, birth.month + bis, birth.day, seq, century=1900)
    assert v.is_valid_rrn(value)
    assert v.rrn_birth_date(value) == birth


@given(
    birth=st.dates(datetime.date(2000, 1, 1), datetime.date(2099, 12, 31)),
    seq=_sequences,
    bis=_bis_offsets,
)
def test_rrn_property_births_from_2000(birth, seq, bis):
    value = _rrn(birth.year % 100, birth.month + bis, birth.day, seq, century=2000)
    assert v.is_valid_rrn(value)
    assert v.rrn_birth_date(value) == birth


def _rrn_rule(value):
    """Century of the check rule ``value`` satisfies (None if neither)."""
    base, check = int(value[:9]), int(value[9:])
    if check == 97 - base % 97:
        return 1900
    if check == 97 - (2_000_000_000 + base) % 97:
        return 2000
    return None


@given(
    yy=st.integers(0, 99),
    mm=st.sampled_from([*range(0, 13), *range(20, 33), *range(40, 53)]),
    dd=st.integers(0, 31),
    seq=_sequences,
    century=st.sampled_from([1900, 2000]),
)
@example(yy=11, mm=7, dd=30, seq=33, century=2000)
@example(yy=89, mm=7, dd=30, seq=33, century=1900)
def test_rrn_property_single_digit_substitution(yy, mm, dd, seq, century):
    """Exact property, checked over all 99 single-digit substitutions:

    * the mutated number never satisfies the check rule of the original
      century (mod 97 with 97 prime catches every single-digit change);
    * it is valid at all only when the substituted digit is the units digit
      of the year (index 1), changed by exactly 6 (6 * 10**7 = 68 mod 97 =
      2_000_000_000 mod 97), and then it satisfies the other century's rule
      and its birth date, when known, lies in the other century.
    """
    value = _rrn(yy, mm, dd, seq, century)
    assert v.is_valid_rrn(value)
    assert _rrn_rule(value) == century
    original_date = v.rrn_birth_date(value)
    for index in range(11):
        for digit in "0123456789":
            if digit == value[index]:
                continue
            mutated = value[:index] + digit + value[index + 1 :]
            rule = _rrn_rule(mutated)
            assert rule != century
            if not v.is_valid_rrn(mutated):
                continue
            assert index == 1
            assert abs(int(digit) - int(value[1])) == 6
            assert rule is not None
            mutated_date = v.rrn_birth_date(mutated)
            assert mutated_date != original_date or original_date is None
            if mutated_date is not None:
                assert mutated_date.year // 100 * 100 == rule


_rrn_months = st.one_of(
    st.integers(0, 99),
    st.sampled_from([0, 1, 12, 13, 19, 20, 32, 33, 39, 40, 52, 53, 60]),
)


@st.composite
def _rrn_candidates(draw):
    """11-digit strings near the valid space: a plausible body with check
    digits computed under either rule, or arbitrary ones."""
    body = (
        f"{draw(st.integers(0, 99)):02d}{draw(_rrn_months):02d}"
        f"{draw(st.integers(0, 99)):02d}{draw(_sequences):03d}"
    )
    base = int(body)
    check = draw(st.sampled_from([97 - base % 97, 97 - (2_000_000_000 + base) % 97, None]))
    if check is None:
        check = draw(st.integers(0, 99))
    return f"{body}{check:02d}"


@given(value=st.one_of(_rrn_candidates(), st.from_regex(r"[0-9]{11}", fullmatch=True)))
def test_rrn_agrees_with_stdnum(value):
    """Cross-check with python-stdnum (nn or bis).

    Intended differences:

    * day 32-99: stdnum accepts it (it only drops the day from the birth
      date), we reject it as a typing error;
    * a number that only matches the from-2000 rule with a year after the
      current one: stdnum rejects it (today-dependent), we accept it
      (deterministic validator).
    """
    ours = v.is_valid_rrn(value)
    theirs = stdnum_nn.is_valid(value) or stdnum_bis.is_valid(value)
    day = int(value[4:6])
    future_2000 = _rrn_rule(value) == 2000 and 2000 + int(value[:2]) > datetime.date.today().year
    if day > 31:
        assert not ours
    elif future_2000:
        assert not theirs
        month = int(value[2:4]) % 20
        assert ours == (int(value[2:4]) < 60 and month <= 12)
    else:
        assert ours == theirs
    if ours and theirs:
        theirs_date = stdnum_nn.get_birth_date(value)
        ours_date = v.rrn_birth_date(value)
        # stdnum returns a date whenever month and day are known and real.
        assert ours_date == theirs_date


# ---------------------------------------------------------------------------
# Enterprise number
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["0403019261", "0362475538", "0671516647"])
def test_enterprise_published_examples(value):
    assert v.is_valid_enterprise_number(value)
    assert v.normalize_enterprise_number(value) == value


@pytest.mark.parametrize(
    "value",
    [
        "0403019262",  # wrong check digits
        "2403019261",  # establishment unit numbers start with 2-8
        "040301926",  # 9 digits, padded: 0040301926, wrong check
        "04030192611",  # 11 digits
        "BE",
        "FR0403019261",
        "0403O19261",
    ],
)
def test_enterprise_invalid(value):
    assert not v.is_valid_enterprise_number(value)


@pytest.mark.parametrize(
    "value",
    [
        "BE 0403.019.261",
        "BE0403019261",
        "be0403019261",
        "BE-0403-019-261",
        "0403 019 261",
        "0403.019.261",
        "0403/019/261",
        "403019261",  # old 9-digit form
        "BE 403.019.261",
        " 0403.019.261 ",
    ],
)
def test_enterprise_formats(value):
    assert v.is_valid_enterprise_number(value)
    assert v.normalize_enterprise_number(value) == "0403019261"
    assert v.format_enterprise_number(value) == "0403.019.261"


@pytest.mark.parametrize("value", JUNK)
def test_enterprise_junk_never_raises(value):
    assert v.is_valid_enterprise_number(value) is False


def test_enterprise_normalize_format_raise_on_invalid():
    for func in (v.normalize_enterprise_number, v.format_enterprise_number):
        with pytest.raises(ValueError):
            func("0403019262")
        with pytest.raises(ValueError):
            func(None)


def _enterprise(base):
    return f"{base:08d}{97 - base % 97:02d}"


@given(base=st.integers(0, 19_999_999))
def test_enterprise_property_built_numbers_are_valid(base):
    value = _enterprise(base)
    assert value[0] in "01"
    assert v.is_valid_enterprise_number(value)
    assert v.is_valid_enterprise_number(f"BE {value[:4]}.{value[4:7]}.{value[7:]}")
    if value[0] == "0":
        assert v.normalize_enterprise_number(value[1:]) == value


@st.composite
def _enterprise_candidates(draw):
    first8 = draw(st.integers(0, 99_999_999))
    check = draw(st.sampled_from([97 - first8 % 97, 0, None]))
    if check is None:
        check = draw(st.integers(0, 99))
    return f"{first8:08d}{check:02d}"


@given(value=st.one_of(_enterprise_candidates(), st.from_regex(r"[0-9]{10}", fullmatch=True)))
@example(value="0000000097")
@example(value="0000000000")
@example(value="0000009700")  # first 8 digits a multiple of 97, check 00
def test_enterprise_agrees_with_stdnum(value):
    """Cross-check with python-stdnum's be.vat.

    Intended difference: stdnum tests (first8 + check) % 97 == 0, which also
    accepts check digits 00 when the first 8 digits are a multiple of 97; the
    official formula 97 - (first8 mod 97) gives 97 there, never 00.
    """
    ours = v.is_valid_enterprise_number(value)
    theirs = stdnum_vat.is_valid(value)
    if value[8:] == "00" and int(value[:8]) % 97 == 0 and int(value) > 0 and value[0] in "01":
        assert theirs and not ours
    else:
        assert ours == theirs


# ---------------------------------------------------------------------------
# IBAN
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "BE71096123456769",
        "BE68539007547034",  # bank code unknown to stdnum's list: accepted
        "NL91ABNA0417164300",
        "FR1420041010050500013M02606",
        "DE89370400440532013000",
        "LU280019400644750000",
        "GB29NWBK60161331926819",
        "CH9300762011623852957",
        "NO9386011117947",
        "MT84MALT011000012345MTLCAST001S",
    ],
)
def test_iban_published_examples(value):
    assert v.is_valid_iban(value)
    assert v.normalize_iban(value) == value


@pytest.mark.parametrize(
    "value",
    [
        "BE68539007547035",  # wrong check
        "BE6853900754703",  # too short
        "BE685390075470344",  # too long
        "NL91ABNA041716430",  # too short for NL
        "DE8937040044053201300",  # too short for DE
        "XX68539007547034",  # unknown country
        "BE68 5390 0754 703$",
        "68BE539007547034",
        "BEXX539007547034",
    ],
)
def test_iban_invalid(value):
    assert not v.is_valid_iban(value)


@pytest.mark.parametrize(
    "value",
    [
        "BE71 0961 2345 6769",
        "be71 0961 2345 6769",
        "Be71096123456769",
        "IBAN BE71 0961 2345 6769",  # ISO 13616 paper format
        "BE71-0961-2345-6769",
        "\tBE71\u00a00961\u00a02345\u00a06769 ",
    ],
)
def test_iban_formats(value):
    assert v.is_valid_iban(value)
    assert v.normalize_iban(value) == "BE71096123456769"
    assert v.format_iban(value) == "BE71 0961 2345 6769"


def test_format_iban_last_group_may_be_short():
    assert v.format_iban("fr1420041010050500013m02606") == "FR14 2004 1010 0505 0001 3M02 606"


def test_iban_check_digits_out_of_range():
    # 99 is congruent to 02 mod 97, so it passes the bare mod-97 test, but ISO
    # 13616 check digits are always in 02..98.
    valid = "GB02BARC20040417231762"
    assert v.is_valid_iban(valid)
    assert mod_97_10.is_valid(valid[4:] + "GB99")
    assert not v.is_valid_iban("GB99BARC20040417231762")


def test_iban_unicode_case_folding_does_not_sneak_in():
    # str.upper() turns some non-ASCII characters into ASCII letters: "ß" into
    # "SS", the "ﬀ" ligature into "FF".  They must not make a valid IBAN.
    assert v.is_valid_iban("GB89BOSS60161331926819")
    assert "\u00df".upper() == "SS"
    assert not v.is_valid_iban("GB89BO\u00df60161331926819")
    assert v.is_valid_iban("GB76AFFX60161331926819")
    assert "\ufb00".upper() == "FF"
    assert not v.is_valid_iban("GB76A\ufb00X60161331926819")


@pytest.mark.parametrize("value", JUNK)
def test_iban_junk_never_raises(value):
    assert v.is_valid_iban(value) is False


def test_iban_normalize_format_raise_on_invalid():
    for func in (v.normalize_iban, v.format_iban):
        with pytest.raises(ValueError):
            func("BE68539007547035")
        with pytest.raises(ValueError):
            func(None)


SEPA = {
    # EU and EEA
    *("AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU"),
    *("IE", "IS", "IT", "LI", "LT", "LU", "LV", "MT", "NL", "NO", "PL", "PT", "RO", "SE"),
    *("SI", "SK"),
    # Other SEPA countries and territories, including recent additions
    *("AD", "CH", "GB", "GI", "MC", "SM", "VA", "AL", "MD", "ME", "MK"),
}
_ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _registry_lengths():
    """IBAN lengths per country derived from python-stdnum's registry copy."""
    db = numdb.get("iban")
    lengths = {}
    for country in v.IBAN_LENGTHS:
        info = db.info(country)[0][1]
        if "bban" in info:
            lengths[country] = 4 + sum(int(n) for n in re.findall(r"([0-9]+)!", info["bban"]))
    return lengths


def test_iban_lengths_match_the_registry():
    assert {
        "BE": 16,
        "NL": 18,
        "FR": 27,
        "DE": 22,
        "LU": 20,
    }.items() <= v.IBAN_LENGTHS.items()
    assert set(v.IBAN_LENGTHS) >= SEPA
    assert _registry_lengths() == v.IBAN_LENGTHS


def _iban_with_check(country, bban):
    numeric = "".join(str(int(c, 36)) for c in bban + country + "00")
    return f"{country}{98 - int(numeric) % 97:02d}{bban}"


_countries = st.sampled_from(sorted(v.IBAN_LENGTHS))


@given(data=st.data(), country=_countries)
def test_iban_property_built_numbers_are_valid(data, country):
    length = v.IBAN_LENGTHS[country] - 4
    bban = data.draw(st.text(_ALNUM, min_size=length, max_size=length))
    value = _iban_with_check(country, bban)
    assert v.is_valid_iban(value)
    assert v.is_valid_iban(v.format_iban(value).lower())
    assert mod_97_10.is_valid(value[4:] + value[:4])


@given(data=st.data(), country=_countries)
def test_iban_agrees_with_stdnum_mod97(data, country):
    """Right country and length, random check digits: our verdict is exactly
    stdnum's ISO 7064 mod 97-10 check, restricted to check digits 02..98."""
    length = v.IBAN_LENGTHS[country] - 4
    bban = data.draw(st.text(_ALNUM, min_size=length, max_size=length))
    check = data.draw(st.integers(0, 99))
    value = f"{country}{check:02d}{bban}"
    expected = mod_97_10.is_valid(value[4:] + value[:4]) and 2 <= check <= 98
    assert v.is_valid_iban(value) == expected


@given(data=st.data(), country=_countries)
def test_iban_single_character_change_is_caught(data, country):
    length = v.IBAN_LENGTHS[country] - 4
    bban = data.draw(st.text("0123456789", min_size=length, max_size=length))
    value = _iban_with_check(country, bban)
    index = data.draw(st.integers(2, len(value) - 1))
    digit = data.draw(st.sampled_from("0123456789"))
    assume(digit != value[index])
    assert not v.is_valid_iban(value[:index] + digit + value[index + 1 :])


# ---------------------------------------------------------------------------
# Structured communication
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "+++123/4567/89002+++",
        "***123/4567/89002***",
        "123456789002",
        "123/4567/89002",
        "123 4567 89002",
        "+++ 123 / 4567 / 89002 +++",
        "  +++123/4567/89002+++  ",
        "+++000/0000/00097+++",  # remainder 0 gives 97
        "+++000/0000/09797+++",
    ],
)
def test_structured_communication_valid(value):
    assert v.is_valid_structured_communication(value)


@pytest.mark.parametrize(
    "value",
    [
        "+++123/4567/89003+++",
        "+++000/0000/00000+++",  # 00 is never a check value
        "+++000/0000/09700+++",
        "+++123/4567/89002***",  # mismatched delimiters
        "+++123/4567/89002",
        "123/4567/89002+++",
        "++123/4567/89002++",
        "+++123/4567/8900+++",  # 11 digits
        "+++123/4567/890022+++",  # 13 digits
        "+++123.4567.89002+++",
        "+++abc/defg/hijkl+++",
        "++++++",
    ],
)
def test_structured_communication_invalid(value):
    assert not v.is_valid_structured_communication(value)


@pytest.mark.parametrize("value", JUNK)
def test_structured_communication_junk_never_raises(value):
    assert v.is_valid_structured_communication(value) is False


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (1234567890, "+++123/4567/89002+++"),
        ("1234567890", "+++123/4567/89002+++"),
        (0, "+++000/0000/00097+++"),
        ("0", "+++000/0000/00097+++"),
        (97, "+++000/0000/09797+++"),
        (1, "+++000/0000/00101+++"),
        (" 42 ", "+++000/0000/04242+++"),
        ("0000000001", "+++000/0000/00101+++"),
        (9_999_999_999, "+++999/9999/99948+++"),
    ],
)
def test_make_structured_communication(number, expected):
    assert v.make_structured_communication(number) == expected


@pytest.mark.parametrize(
    "number",
    [-1, "-1", 10**10, "12345678901", "", " ", "12a", "1.5", 1.5, None, True, False, "\u0661"],
)
def test_make_structured_communication_rejects(number):
    with pytest.raises(ValueError):
        v.make_structured_communication(number)


@given(number=st.integers(0, 10**10 - 1))
def test_make_structured_communication_property(number):
    ogm = v.make_structured_communication(number)
    assert v.is_valid_structured_communication(ogm)
    assert ogm.startswith("+++") and ogm.endswith("+++")
    digits = ogm[3:-3].replace("/", "")
    assert digits[:10] == f"{number:010d}"
    assert int(digits[:10]) == number
    assert v.make_structured_communication(str(number)) == ogm
    assert v.make_structured_communication(f"{number:010d}") == ogm


# ---------------------------------------------------------------------------
# Postcode
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "5000",
        "1000",
        "9999",
        "B-5000",
        "B5000",
        "BE-5000",
        "BE5000",
        "b-5000",
        "be-5000",
        " 50 00 ",
        "B - 5000",
        "B 5000",
    ],
)
def test_postcode_valid(value):
    assert v.is_valid_be_postcode(value)


@pytest.mark.parametrize(
    "value",
    [
        "0999",
        "999",
        "10000",
        "50OO",
        "F-75001",
        "NL-1234",
        "BB-5000",
        "-5000",
        "5000-B",
        "\u0665\u0660\u0660\u0660",
        "B-",
        "5.000",
    ],
)
def test_postcode_invalid(value):
    assert not v.is_valid_be_postcode(value)


@pytest.mark.parametrize("value", JUNK)
def test_postcode_junk_never_raises(value):
    assert v.is_valid_be_postcode(value) is False


@given(code=st.integers(0, 99_999))
def test_postcode_property(code):
    assert v.is_valid_be_postcode(str(code)) == (1000 <= code <= 9999)
    assert v.is_valid_be_postcode(f"B-{code}") == (1000 <= code <= 9999)
