"""Tests for communesplone.eid.certificates (plain pytest, no Plone).

Run: .venv/bin/python -m pytest tests/eid/test_certificates.py -q -p no:cacheprovider --noconftest
"""

import ast
import base64
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import quote


import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.x509.oid import NameOID
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from communesplone.eid import certificates as certificates_module
from communesplone.eid.certificates import (
    AUTHENTICATION_POLICY_OIDS,
    MAX_HEADER_LENGTH,
    REASONS,
    TRUST_DIR,
    CertificateRejected,
    EidIdentity,
    fingerprint_sha256,
    is_authentication_policy,
    load_pem_bundle,
    load_trust_anchors,
    load_trust_directory,
    parse_client_certificate,
    verify_authentication_certificate,
)
from communesplone.eid.testing_pki import (
    Issued,
    TestPKI,
    der_b64,
    nginx_escaped,
    nginx_legacy,
    pem,
    space_joined,
)

RRN = "85073003328"
GIVEN = "Jan Pieter"
SURNAME = "Specimen"
DAY = timedelta(days=1)
YEAR = timedelta(days=365)


# ----------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def pki():
    return TestPKI()


@pytest.fixture(scope="module")
def rogue(pki):
    return pki.rogue()


@pytest.fixture(scope="module")
def leaf(pki):
    return pki.issue_leaf(GIVEN, SURNAME, RRN)


@pytest.fixture(scope="module")
def empty_crl(pki):
    return pki.make_crl([])


def verify(pki, leaf, **kwargs):
    kwargs.setdefault("now", pki.now)
    kwargs.setdefault("crls", [pki.make_crl([])])
    kwargs.setdefault("intermediates", pki.intermediates)
    kwargs.setdefault("roots", pki.roots)
    intermediates = kwargs.pop("intermediates")
    roots = kwargs.pop("roots")
    return verify_authentication_certificate(leaf, intermediates, roots, **kwargs)


def rejected(reason, pki, leaf, **kwargs):
    with pytest.raises(CertificateRejected) as info:
        verify(pki, leaf, **kwargs)
    assert info.value.reason == reason, info.value.message
    assert info.value.message
    return info.value


# ------------------------------------------------------------ valid cards


def assert_identity(identity, pki, leaf):
    assert isinstance(identity, EidIdentity)
    assert identity.national_number == RRN
    assert identity.given_names == GIVEN
    assert identity.surname == SURNAME
    assert identity.fingerprint == fingerprint_sha256(leaf)
    assert identity.issuer_cn == "Citizen CA"
    assert identity.serial_number == leaf.serial_number
    assert identity.not_after == leaf.not_valid_after_utc
    assert identity.not_after.tzinfo is not None
    assert identity.level == "high"
    assert identity.provider == "eid"


def test_valid_ec_authentication_certificate(pki, leaf, empty_crl):
    identity = verify(pki, leaf, crls=[empty_crl])
    assert_identity(identity, pki, leaf)


@pytest.mark.parametrize("key_type", ["rsa", "rsa-pss"])
def test_valid_rsa_authentication_certificate(key_type):
    rsa_pki = TestPKI(key_type=key_type)
    rsa_leaf = rsa_pki.issue_leaf(GIVEN, SURNAME, RRN)
    assert rsa_leaf.signature_algorithm_oid.dotted_string.startswith("1.2.840.113549.1.1.")
    assert_identity(verify(rsa_pki, rsa_leaf), rsa_pki, rsa_leaf)
    # the CRL signature (PKCS#1 v1.5 or PSS) is verified too
    rejected("revoked", rsa_pki, rsa_leaf, crls=[rsa_pki.make_crl([rsa_leaf])])
    # and a same-named RSA impostor is refused
    impostor = rsa_pki.rogue()
    rejected("untrusted", rsa_pki, impostor.issue_leaf(GIVEN, SURNAME, RRN))


def test_identity_is_frozen_and_repr_hides_national_number(pki, leaf):
    identity = verify(pki, leaf)
    with pytest.raises(AttributeError):
        identity.surname = "Other"
    assert RRN not in repr(identity)


def test_default_now_is_current_time(pki, leaf):
    # the test PKI is anchored at the real current time
    identity = verify_authentication_certificate(
        leaf, pki.intermediates, pki.roots, crls=[pki.make_crl([])]
    )
    assert identity.national_number == RRN


def test_validity_bounds_are_inclusive(pki, leaf):
    verify(pki, leaf, now=leaf.not_valid_after_utc, check_revocation=False)
    verify(pki, leaf, now=leaf.not_valid_before_utc, check_revocation=False)
    rejected(
        "expired",
        pki,
        leaf,
        now=leaf.not_valid_after_utc + timedelta(seconds=1),
        check_revocation=False,
    )
    rejected(
        "not_yet_valid",
        pki,
        leaf,
        now=leaf.not_valid_before_utc - timedelta(seconds=1),
        check_revocation=False,
    )


def test_naive_now_is_a_programming_error(pki, leaf):
    with pytest.raises(ValueError):
        verify(pki, leaf, now=datetime(2030, 1, 1))


def test_now_in_other_timezone_is_converted(pki, leaf):
    from datetime import timezone

    brussels_summer = timezone(timedelta(hours=2))
    verify(pki, leaf, now=pki.now.astimezone(brussels_summer))


# ------------------------------------------------------------ header forms


HEADER_FORMS = {
    "pem": pem,
    "pem-crlf": lambda c: pem(c).replace("\n", "\r\n"),
    "pem-bytes": lambda c: pem(c).encode("ascii"),
    "nginx-escaped": nginx_escaped,
    "urlquote-default-safe": lambda c: quote(pem(c)),
    "space-joined": space_joined,
    "tab-joined": lambda c: space_joined(c, "\t"),
    "nginx-legacy-tab-prefixed": nginx_legacy,
    "pem-surrounding-whitespace": lambda c: "  \n" + pem(c) + "\n\n ",
    "base64-der": der_b64,
    "base64-der-wrapped": lambda c: "\n".join(re.findall(".{1,64}", der_b64(c))),
    "base64-der-spaces": lambda c: " " + " ".join(re.findall(".{1,76}", der_b64(c))) + " ",
}


@pytest.mark.parametrize("form", sorted(HEADER_FORMS))
def test_header_forms_parse(form, leaf):
    header = HEADER_FORMS[form](leaf)
    assert parse_client_certificate(header) == leaf


def test_nginx_escaped_form_has_no_raw_reserved_characters(leaf):
    header = nginx_escaped(leaf)
    assert "\n" not in header and " " not in header and "/" not in header
    assert "%0A" in header and "BEGIN%20CERTIFICATE" in header


def _two_certificates(pki):
    return pem(pki.root.certificate) + pem(pki.citizen_ca.certificate)


MALFORMED_HEADERS = {
    "empty": lambda pki, leaf: "",
    "blank": lambda pki, leaf: " \t\n",
    "nginx-null": lambda pki, leaf: "(null)",
    "dash": lambda pki, leaf: "-",
    "prose": lambda pki, leaf: "not a certificate",
    "bad-base64-in-pem": lambda pki, leaf: (
        "-----BEGIN CERTIFICATE-----\nnot*base64\n-----END CERTIFICATE-----\n"
    ),
    "empty-pem": lambda pki, leaf: "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----",
    "truncated-der": lambda pki, leaf: base64.b64encode(
        leaf.public_bytes(serialization.Encoding.DER)[:-20]
    ).decode(),
    "der-trailing-garbage": lambda pki, leaf: base64.b64encode(
        leaf.public_bytes(serialization.Encoding.DER) + b"\x00\x00"
    ).decode(),
    "truncated-pem": lambda pki, leaf: pem(leaf)[:-40],
    "two-certificates": lambda pki, leaf: _two_certificates(pki),
    "crl-pem": lambda pki, leaf: pem(pki.make_crl([])),
    "private-key-label": lambda pki, leaf: pem(leaf).replace("CERTIFICATE", "PRIVATE KEY"),
    "text-before-pem": lambda pki, leaf: "Subject: x\n" + pem(leaf),
    "bad-url-escape": lambda pki, leaf: "%ZZ" + pem(leaf),
    "double-escaped": lambda pki, leaf: quote(nginx_escaped(leaf), safe=""),
    "escaped-non-utf8": lambda pki, leaf: "%FF%FE",
    "non-ascii": lambda pki, leaf: pem(leaf).replace("MII", "MIÏ", 1),
    "non-ascii-bytes": lambda pki, leaf: b"\xff" + pem(leaf).encode(),
    "not-text": lambda pki, leaf: 12345,
    "none": lambda pki, leaf: None,
    "base64-of-garbage": lambda pki, leaf: base64.b64encode(b"hello world").decode(),
}


@pytest.mark.parametrize("case", sorted(MALFORMED_HEADERS))
def test_malformed_header_is_refused(case, pki, leaf):
    with pytest.raises(CertificateRejected) as info:
        parse_client_certificate(MALFORMED_HEADERS[case](pki, leaf))
    assert info.value.reason == "malformed"


@pytest.mark.parametrize(
    "make",
    [
        lambda leaf: "A" * (MAX_HEADER_LENGTH + 1),
        lambda leaf: pem(leaf) + " " * MAX_HEADER_LENGTH,  # valid certificate, too large
        lambda leaf: (pem(leaf) + " " * MAX_HEADER_LENGTH).encode("ascii"),
    ],
    ids=["garbage", "padded-pem", "padded-pem-bytes"],
)
def test_oversize_header_is_refused(make, leaf):
    with pytest.raises(CertificateRejected) as info:
        parse_client_certificate(make(leaf))
    assert info.value.reason == "malformed"
    assert "too large" in info.value.message


def test_header_at_size_limit_is_accepted(leaf):
    header = pem(leaf)
    header += " " * (MAX_HEADER_LENGTH - len(header))
    assert len(header) == MAX_HEADER_LENGTH
    assert parse_client_certificate(header) == leaf


@settings(
    max_examples=300, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(st.one_of(st.text(max_size=400), st.binary(max_size=400)))
def test_parser_only_ever_raises_certificate_rejected(value):
    try:
        parse_client_certificate(value)
    except CertificateRejected as exc:
        assert exc.reason == "malformed"


# ---------------------------------------------------- not an authentication cert


def test_signature_certificate_is_not_authentication(pki):
    signature = pki.issue_leaf(GIVEN, SURNAME, RRN, kind="signature")
    assert signature.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value.endswith(
        "(Signature)"
    )
    rejected("not_authentication", pki, signature)


@pytest.mark.parametrize(
    "overrides",
    [
        {"digital_signature": False},
        {"non_repudiation": True},
        {"policy_oids": []},
        {"policy_oids": ["2.16.56.12.1.1.2.1"]},  # signature policy
        {"policy_oids": ["2.16.56.12.1.1.7.1"]},  # foreigner signature policy
        {"policy_oids": ["2.16.56.1.1.1.2.2"]},  # first-generation root, not accepted
        {"policy_oids": ["1.2.3.4"]},
        {"policy_oids": ["2.5.29.32.0"]},
    ],
    ids=[
        "no-digitalSignature",
        "nonRepudiation",
        "no-policy",
        "signature-policy",
        "foreigner-signature-policy",
        "generation-1",
        "unrelated-policy",
        "anyPolicy",
    ],
)
def test_authentication_profile_violations(pki, overrides):
    defective = pki.issue_leaf(GIVEN, SURNAME, RRN, **overrides)
    rejected("not_authentication", pki, defective)


@pytest.mark.parametrize(
    "policy",
    [
        "2.16.56.2.1.1.2.2",
        "2.16.56.9.1.1.2.2",
        "2.16.56.10.1.1.2.2",
        "2.16.56.12.1.1.2.2",
        "2.16.56.12.1.1.7.2",  # Foreigner CA authentication
    ],
)
def test_accepted_authentication_policies(pki, policy):
    assert is_authentication_policy(policy)
    good = pki.issue_leaf(GIVEN, SURNAME, RRN, policy_oids=["1.2.3.4", policy])
    assert verify(pki, good).national_number == RRN


def test_accepted_policies_can_be_narrowed(pki, leaf):
    rejected("not_authentication", pki, leaf, accepted_policies={"2.16.56.10.1.1.2.2"})


def test_policy_oid_set():
    assert len(AUTHENTICATION_POLICY_OIDS) == 8
    assert all(
        re.fullmatch(r"2\.16\.56\.(2|9|10|12)\.1\.1\.[27]\.2", o)
        for o in AUTHENTICATION_POLICY_OIDS
    )


def test_ca_certificate_as_leaf_is_refused(pki):
    # the Citizen CA itself presented as a client certificate: its issuer (the root)
    # is not an intermediate, so no path exists
    rejected("untrusted", pki, pki.citizen_ca.certificate)


# ------------------------------------------------------------------ validity


def test_expired_leaf(pki):
    old = pki.issue_leaf(
        GIVEN, SURNAME, RRN, not_before=pki.now - 10 * YEAR, not_after=pki.now - DAY
    )
    rejected("expired", pki, old)


def test_not_yet_valid_leaf(pki):
    future = pki.issue_leaf(
        GIVEN, SURNAME, RRN, not_before=pki.now + DAY, not_after=pki.now + 10 * YEAR
    )
    rejected("not_yet_valid", pki, future)


def test_expired_intermediate(pki):
    old_ca = pki.make_intermediate(not_before=pki.now - 12 * YEAR, not_after=pki.now - DAY)
    card = pki.issue_leaf(GIVEN, SURNAME, RRN, issuer=old_ca)
    rejected(
        "expired",
        pki,
        card,
        intermediates=[old_ca.certificate],
        crls=[pki.make_crl([], issuer=old_ca)],
    )


def test_not_yet_valid_intermediate(pki):
    new_ca = pki.make_intermediate(not_before=pki.now + DAY)
    card = pki.issue_leaf(GIVEN, SURNAME, RRN, issuer=new_ca)
    rejected(
        "not_yet_valid",
        pki,
        card,
        intermediates=[new_ca.certificate],
        crls=[pki.make_crl([], issuer=new_ca)],
    )


def _reissue(cert, key, *, not_before, not_after):
    """The same CA (subject, key, extensions) with another validity period."""
    builder = (
        x509.CertificateBuilder()
        .subject_name(cert.subject)
        .issuer_name(cert.issuer)
        .public_key(cert.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
    )
    for extension in cert.extensions:
        builder = builder.add_extension(extension.value, extension.critical)
    return builder.sign(key, hashes.SHA256())


def test_root_reissued_with_same_key_like_ca4_and_ca4b(pki, leaf):
    root = pki.root
    expired_issue = _reissue(
        root.certificate, root.private_key, not_before=pki.now - 20 * YEAR, not_after=pki.now - DAY
    )
    # only the expired issue configured: refused
    rejected("expired", pki, leaf, roots=[expired_issue])
    # both issues configured (in either order): the current one is used
    verify(pki, leaf, roots=[expired_issue, root.certificate])
    verify(pki, leaf, roots=[root.certificate, expired_issue])


# --------------------------------------------------------------- revocation


def test_revoked_leaf(pki, leaf):
    rejected("revoked", pki, leaf, crls=[pki.make_crl([12345, leaf.serial_number])])


def test_other_serials_revoked_is_fine(pki, leaf):
    other = pki.issue_leaf("Other", "Person", "90010100123")
    assert verify(pki, leaf, crls=[pki.make_crl([other])]).national_number == RRN


@pytest.mark.parametrize("crls", [None, []], ids=["none", "empty-list"])
def test_missing_crl_is_revocation_unknown(pki, leaf, crls):
    exc = rejected("revocation_unknown", pki, leaf, crls=crls)
    assert "none was supplied" in exc.message


def test_revocation_check_can_be_disabled(pki, leaf):
    assert verify(pki, leaf, crls=None, check_revocation=False).surname == SURNAME


def test_stale_crl(pki, leaf):
    stale = pki.make_crl([], last_update=pki.now - 10 * DAY, next_update=pki.now - DAY)
    exc = rejected("revocation_unknown", pki, leaf, crls=[stale])
    assert "stale" in exc.message


def test_crl_exactly_at_next_update_is_stale(pki, leaf):
    crl = pki.make_crl([], next_update=pki.now)
    rejected("revocation_unknown", pki, leaf, crls=[crl])


def test_crl_from_the_future(pki, leaf):
    early = pki.make_crl(
        [], last_update=pki.now + timedelta(hours=1), next_update=pki.now + 8 * DAY
    )
    rejected("revocation_unknown", pki, leaf, crls=[early])


def test_crl_signed_by_rogue_ca(pki, rogue, leaf):
    forged = rogue.make_crl([])
    assert forged.issuer == pki.citizen_ca.certificate.subject  # same name, other key
    exc = rejected("revocation_unknown", pki, leaf, crls=[forged])
    assert "not signed by the issuing CA" in exc.message


def test_forged_crl_does_not_hide_genuine_revocation(pki, rogue, leaf):
    rejected("revoked", pki, leaf, crls=[rogue.make_crl([]), pki.make_crl([leaf])])


def test_crl_of_another_ca_is_not_used(pki, leaf):
    root_crl = pki.make_crl([], issuer=pki.root)
    rejected("revocation_unknown", pki, leaf, crls=[root_crl])


def test_unparsable_crl(pki, leaf):
    exc = rejected("revocation_unknown", pki, leaf, crls=[b"garbage", "not a crl", 42])
    assert "unparsable" in exc.message


def test_delta_crl_alone_is_not_enough(pki, leaf):
    ca = pki.citizen_ca
    delta = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(ca.certificate.subject)
        .last_update(pki.now - timedelta(hours=1))
        .next_update(pki.now + DAY)
        .add_extension(x509.CRLNumber(2), critical=False)
        .add_extension(x509.DeltaCRLIndicator(1), critical=True)
        .sign(ca.private_key, hashes.SHA256())
    )
    rejected("revocation_unknown", pki, leaf, crls=[delta])


@pytest.mark.parametrize("encoding", ["object", "pem-bytes", "pem-str", "der-bytes"])
def test_crl_encodings(pki, leaf, encoding):
    crl = pki.make_crl([leaf])
    value = {
        "object": crl,
        "pem-bytes": crl.public_bytes(serialization.Encoding.PEM),
        "pem-str": pem(crl),
        "der-bytes": crl.public_bytes(serialization.Encoding.DER),
    }[encoding]
    rejected("revoked", pki, leaf, crls=[value])


# ------------------------------------------------------------------- trust


def test_leaf_from_rogue_root_with_same_names(pki, rogue):
    impostor = rogue.issue_leaf(GIVEN, SURNAME, RRN)
    assert impostor.issuer == pki.citizen_ca.certificate.subject
    assert rogue.root.certificate.subject == pki.root.certificate.subject
    rejected("untrusted", pki, impostor, crls=[rogue.make_crl([])])


def test_rogue_intermediate_in_configuration_does_not_help(pki, rogue, leaf):
    both = [rogue.citizen_ca.certificate, pki.citizen_ca.certificate]
    # the genuine card still verifies: every same-named candidate is tried
    assert verify(pki, leaf, intermediates=both).national_number == RRN
    # the impostor's intermediate verifies its leaf but does not chain to the root
    impostor = rogue.issue_leaf(GIVEN, SURNAME, RRN)
    exc = rejected("untrusted", pki, impostor, intermediates=both)
    assert "root" in exc.message


def test_unknown_issuer(pki):
    other_ca = pki.make_intermediate(cn="Some Other CA", serial="999999")
    card = pki.issue_leaf(GIVEN, SURNAME, RRN, issuer=other_ca)
    rejected("untrusted", pki, card)


def test_no_intermediates_configured(pki, leaf):
    rejected("untrusted", pki, leaf, intermediates=[])


def test_leaf_issued_directly_by_root_is_refused(pki):
    card = pki.issue_leaf(GIVEN, SURNAME, RRN, issuer=pki.root)
    rejected("untrusted", pki, card)
    # even if the root is (mis)configured as an intermediate too
    rejected("untrusted", pki, card, intermediates=pki.intermediates + pki.roots)


def test_other_pki_root_is_not_trusted(pki, rogue, leaf):
    rejected("untrusted", pki, leaf, roots=rogue.roots)


def test_system_trust_store_is_never_consulted(pki, leaf):
    rejected("untrusted", pki, leaf, roots=[])


# ------------------------------------------------------------------- chain


@pytest.mark.parametrize(
    "options",
    [{"ca": False}, {"basic_constraints": False}, {"key_cert_sign": False}],
    ids=["ca-false", "no-basicConstraints", "no-keyCertSign"],
)
def test_intermediate_that_is_not_a_ca(pki, options):
    bad_ca = pki.make_intermediate(**options)
    card = pki.issue_leaf(GIVEN, SURNAME, RRN, issuer=bad_ca)
    rejected(
        "bad_chain",
        pki,
        card,
        intermediates=[bad_ca.certificate],
        crls=[pki.make_crl([], issuer=bad_ca)],
    )


def test_root_path_length_violated():
    short = TestPKI(root_path_length=0)
    card = short.issue_leaf(GIVEN, SURNAME, RRN)
    exc = rejected("bad_chain", short, card)
    assert "path length" in exc.message


def test_intermediate_without_crl_sign_cannot_vouch_for_revocation(pki):
    no_crl_ca = pki.make_intermediate(crl_sign=False)
    card = pki.issue_leaf(GIVEN, SURNAME, RRN, issuer=no_crl_ca)
    rejected(
        "revocation_unknown",
        pki,
        card,
        intermediates=[no_crl_ca.certificate],
        crls=[pki.make_crl([], issuer=no_crl_ca)],
    )


# ------------------------------------------------------------------ subject


@pytest.mark.parametrize(
    ("given_names", "surname", "rrn"),
    [
        (GIVEN, SURNAME, None),
        (GIVEN, SURNAME, "8507300332"),
        (GIVEN, SURNAME, "850730033280"),
        (GIVEN, SURNAME, "85.07.30-033.28"),
        (GIVEN, SURNAME, "   "),
        (None, SURNAME, RRN),
        (GIVEN, None, RRN),
        (GIVEN, "Specimen\n", RRN),
    ],
    ids=[
        "no-serialnumber",
        "10-digits",
        "12-digits",
        "formatted",
        "blank",
        "no-givenname",
        "no-surname",
        "control-character",
    ],
)
def test_bad_subject(pki, given_names, surname, rrn):
    card = pki.issue_leaf(given_names, surname, rrn)
    rejected("bad_subject", pki, card)


def test_non_ascii_digits_are_not_a_national_number(pki):
    from cryptography.x509.name import _ASN1Type

    fullwidth = "８５０７３００３３２８"
    assert fullwidth.isdigit()  # the str.isdigit() pitfall the check avoids
    card = pki.issue_leaf(
        GIVEN,
        SURNAME,
        None,
        extra_name_attributes=[
            x509.NameAttribute(NameOID.SERIAL_NUMBER, fullwidth, _type=_ASN1Type.UTF8String)
        ],
    )
    rejected("bad_subject", pki, card)


def test_two_serialnumber_attributes(pki):
    card = pki.issue_leaf(
        GIVEN,
        SURNAME,
        RRN,
        extra_name_attributes=[x509.NameAttribute(NameOID.SERIAL_NUMBER, "90010100123")],
    )
    rejected("bad_subject", pki, card)


@pytest.mark.parametrize(
    "validator",
    [lambda nn: False, lambda nn: None, lambda nn: "yes", lambda nn: 1 / 0],
    ids=["false", "none", "truthy-not-true", "raises"],
)
def test_serialnumber_failing_validator(pki, leaf, validator):
    exc = rejected("bad_subject", pki, leaf, rrn_validator=validator)
    assert RRN not in exc.message and RRN not in str(exc)


def test_serialnumber_passing_validator(pki, leaf):
    seen = []

    def validator(national_number):
        seen.append(national_number)
        return True

    assert verify(pki, leaf, rrn_validator=validator).national_number == RRN
    assert seen == [RRN]


# ------------------------------------------------------------- exception type


def test_certificate_rejected_attributes():
    exc = CertificateRejected("revoked", "the certificate was revoked")
    assert exc.reason == "revoked"
    assert exc.message == "the certificate was revoked"
    assert str(exc) == "revoked: the certificate was revoked"
    with pytest.raises(ValueError):
        CertificateRejected("nope", "unknown reason")
    expected = {
        "malformed",
        "untrusted",
        "expired",
        "not_yet_valid",
        "not_authentication",
        "revoked",
        "revocation_unknown",
        "bad_subject",
        "bad_chain",
    }
    assert expected == REASONS


# ------------------------------------------------------------------ loading


def test_load_trust_anchors_forms_and_dedup(pki):
    root, ca = pki.root.certificate, pki.citizen_ca.certificate
    bundle = pem(root) + "some comment\n" + pem(ca)
    loaded = load_trust_anchors(
        [
            bundle,
            pem(root).encode(),
            ca.public_bytes(serialization.Encoding.DER),
            root,
        ]
    )
    assert loaded == [root, ca]
    assert load_pem_bundle(bundle) == [root, ca]
    with pytest.raises(ValueError):
        load_trust_anchors(["no certificate here"])
    with pytest.raises(ValueError):
        load_pem_bundle(b"")


def test_fingerprint_format(leaf):
    fingerprint = fingerprint_sha256(leaf)
    assert re.fullmatch(r"([0-9A-F]{2}:){31}[0-9A-F]{2}", fingerprint)
    assert fingerprint.replace(":", "").lower() == leaf.fingerprint(hashes.SHA256()).hex()


def test_write_files_roundtrip(tmp_path):
    files_pki = TestPKI()
    card = files_pki.issue_leaf(GIVEN, SURNAME, RRN)
    paths = files_pki.write_files(tmp_path / "pki", revoked_serials=[card.serial_number])
    assert sorted(paths) == ["citizenca.pem", "crl.pem", "root.pem"]
    roots = load_trust_anchors([paths["root.pem"].read_bytes()])
    intermediates = load_trust_anchors([paths["citizenca.pem"].read_text()])
    crl = paths["crl.pem"].read_bytes()
    with pytest.raises(CertificateRejected) as info:
        verify_authentication_certificate(
            parse_client_certificate(nginx_escaped(card)),
            intermediates,
            roots,
            crls=[crl],
            now=files_pki.now,
        )
    assert info.value.reason == "revoked"
    fresh = files_pki.issue_leaf("Marie", "Dupont", "90010100123")
    identity = verify_authentication_certificate(
        fresh, intermediates, roots, crls=[crl], now=files_pki.now
    )
    assert (identity.given_names, identity.surname) == ("Marie", "Dupont")


def test_end_to_end_from_header(pki, leaf):
    certificate = parse_client_certificate(nginx_escaped(leaf))
    identity = verify(pki, certificate)
    assert identity.fingerprint == fingerprint_sha256(leaf)


# ------------------------------------------------------- shipped Belgian trust


def _readme_table():
    rows = {}
    for line in (TRUST_DIR / "README.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 4 and cells[0].endswith(".pem"):
            rows[cells[0]] = {"cn": cells[1], "valid": cells[2], "sha256": cells[3]}
    return rows


def test_shipped_trust_matches_readme_fingerprints():
    table = _readme_table()
    files = sorted(p.name for p in TRUST_DIR.glob("*.pem"))
    assert files == sorted(table) and len(files) == 6
    for name in files:
        certificates = load_pem_bundle((TRUST_DIR / name).read_bytes())
        assert len(certificates) == 1, name
        certificate = certificates[0]
        assert fingerprint_sha256(certificate) == table[name]["sha256"], name
        cn = certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value
        assert cn == table[name]["cn"], name
        first, last = table[name]["valid"].split("-")
        assert certificate.not_valid_before_utc.year == int(first), name
        assert certificate.not_valid_after_utc.year == int(last), name


def test_shipped_trust_matches_reference_copy():
    reference = Path("/work/shared/reference/belgian-eid-pki")
    if not reference.is_dir():
        pytest.skip("reference directory not available")
    for path in TRUST_DIR.glob("*.pem"):
        assert path.read_bytes() == (reference / path.name).read_bytes(), path.name


def _shipped(name):
    return load_pem_bundle((TRUST_DIR / name).read_bytes())[0]


def test_citizen_and_foreigner_ca_are_issued_by_belgium_root_ca6():
    ca6 = _shipped("belgiumrca6.pem")
    for name in ("CitizenCA202002.pem", "ForeignerCA202001.pem"):
        intermediate = _shipped(name)
        intermediate.verify_directly_issued_by(ca6)  # raises if not
        assert intermediate.issuer == ca6.subject
    # and not by another root
    with pytest.raises(Exception):  # noqa: B017 - InvalidSignature/ValueError/TypeError
        _shipped("CitizenCA202002.pem").verify_directly_issued_by(_shipped("belgiumrca4b.pem"))


def test_load_trust_directory_splits_roots_and_intermediates():
    roots, intermediates = load_trust_directory()
    root_cns = sorted(r.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value for r in roots)
    assert root_cns == [
        "Belgium Root CA3",
        "Belgium Root CA4",
        "Belgium Root CA4",
        "Belgium Root CA6",
    ]
    assert sorted(
        i.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value for i in intermediates
    ) == ["Citizen CA", "Foreigner CA"]


def test_shipped_ca_certificates_satisfy_the_chain_checks():
    ca6 = _shipped("belgiumrca6.pem")
    now = datetime(2026, 1, 1, tzinfo=UTC)
    for name in ("CitizenCA202002.pem", "ForeignerCA202001.pem"):
        intermediate = _shipped(name)
        assert certificates_module._select_path([(intermediate, ca6)], now) == (intermediate, ca6)


def test_card_claiming_real_citizen_ca_name_is_untrusted():
    """A forged "Citizen CA 202002" (exact real name, attacker key) gains nothing."""
    roots, intermediates = load_trust_directory()
    real = _shipped("CitizenCA202002.pem")
    forger = TestPKI(key_type="ec")
    fake_key = forger.new_key()
    fake_ca = _reissue_with_key(real, fake_key)
    card = forger.issue_leaf(GIVEN, SURNAME, RRN, issuer=Issued(fake_ca, fake_key))
    assert card.issuer == real.subject
    for configured in (intermediates, [*intermediates, fake_ca]):
        with pytest.raises(CertificateRejected) as info:
            verify_authentication_certificate(card, configured, roots, check_revocation=False)
        assert info.value.reason == "untrusted"


def _reissue_with_key(template, key):
    now = datetime.now(UTC)
    return (
        x509.CertificateBuilder()
        .subject_name(template.subject)
        .issuer_name(template.issuer)
        .public_key(key.public_key())
        .serial_number(template.serial_number)
        .not_valid_before(now - YEAR)
        .not_valid_after(now + YEAR)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False),
            critical=True,
        )
        .sign(key, hashes.SHA384())
    )


# ------------------------------------------------------------- no network


FORBIDDEN_TOKENS = (
    "urlopen",
    "requests",
    "http.client",
    "socket",
    "urllib.request",
    "urllib3",
    "httpx",
    "aiohttp",
    "ftplib",
    "certifi",
    "load_default_certs",
    "set_default_verify_paths",
    "get_default_verify_paths",
    "subprocess",
)
ALLOWED_IMPORTS = {
    "__future__",
    "base64",
    "binascii",
    "re",
    "collections.abc",
    "dataclasses",
    "datetime",
    "pathlib",
    "urllib.parse",
    "cryptography",
    "cryptography.exceptions",
    "cryptography.hazmat.primitives",
    "cryptography.hazmat.primitives.asymmetric",
    "cryptography.x509.oid",
    "typing",
}


@pytest.mark.parametrize("module_name", ["certificates.py", "testing_pki.py"])
def test_module_has_no_network_client(module_name):
    source = (Path(certificates_module.__file__).parent / module_name).read_text("utf-8")
    for token in FORBIDDEN_TOKENS:
        assert not re.search(rf"\b{re.escape(token)}\b", source), token
    imported = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            imported.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            imported.add(node.module)
    assert imported <= ALLOWED_IMPORTS, imported - ALLOWED_IMPORTS
    assert not any(name.split(".")[0] in {"plone", "Products", "zope"} for name in imported)


# ------------------------------------------------------ further leaf extensions


def _leaf_with_extension(pki, extension, critical):
    """A regular authentication leaf plus one more extension, signed by the Citizen CA."""
    template = pki.issue_leaf(GIVEN, SURNAME, RRN)
    builder = (
        x509.CertificateBuilder()
        .subject_name(template.subject)
        .issuer_name(template.issuer)
        .public_key(template.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(template.not_valid_before_utc)
        .not_valid_after(template.not_valid_after_utc)
    )
    for existing in template.extensions:
        builder = builder.add_extension(existing.value, existing.critical)
    builder = builder.add_extension(extension, critical)
    return builder.sign(pki.citizen_ca.private_key, hashes.SHA256())


@pytest.mark.parametrize(
    ("usages", "reason"),
    [
        ([x509.oid.ExtendedKeyUsageOID.CLIENT_AUTH], None),
        (
            [
                x509.oid.ExtendedKeyUsageOID.EMAIL_PROTECTION,
                x509.oid.ExtendedKeyUsageOID.CLIENT_AUTH,
            ],
            None,
        ),
        ([x509.oid.ExtendedKeyUsageOID.EMAIL_PROTECTION], "not_authentication"),
        ([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH], "not_authentication"),
    ],
    ids=["clientAuth", "email-and-clientAuth", "email-only", "serverAuth-only"],
)
def test_extended_key_usage(pki, usages, reason):
    card = _leaf_with_extension(pki, x509.ExtendedKeyUsage(usages), critical=False)
    if reason is None:
        assert verify(pki, card).national_number == RRN
    else:
        rejected(reason, pki, card)


def test_unknown_critical_extension_on_leaf(pki):
    unknown = x509.UnrecognizedExtension(x509.ObjectIdentifier("1.3.6.1.4.1.99999.1"), b"\x05\x00")
    assert verify(pki, _leaf_with_extension(pki, unknown, critical=False)).surname == SURNAME
    rejected("not_authentication", pki, _leaf_with_extension(pki, unknown, critical=True))


def test_leaf_marked_as_ca(pki):
    card = _leaf_with_extension(pki, x509.BasicConstraints(ca=True, path_length=None), True)
    rejected("not_authentication", pki, card)
