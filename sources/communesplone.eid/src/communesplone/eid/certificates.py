"""Verification of Belgian eID *authentication* certificates.

A TLS-terminating reverse proxy (nginx ``ssl_verify_client optional_no_ca`` plus
``proxy_set_header X-Client-Cert $ssl_client_escaped_cert``) has checked that the
client holds the private key of the certificate it presented, but it has **not**
checked the certificate itself. This module does that, against trust anchors the
operator configures (never the operating system's trust store):

* :func:`parse_client_certificate` turns the header value into a certificate;
* :func:`verify_authentication_certificate` builds and checks the path
  leaf -> intermediate (Citizen CA / Foreigner CA) -> root, the eID authentication
  profile, the subject attributes and (by default) revocation against a CRL that the
  caller supplies, and returns an :class:`EidIdentity`;
* every refusal raises :class:`CertificateRejected` with a short machine ``reason``
  (one of :data:`REASONS`) and an English ``message``. Messages never contain the
  national register number or the holder's names, so they can be logged.

Pure Python on top of ``cryptography``; no Plone import and no network code: URLs
found in certificates (CRL distribution points, AIA) are never followed.

Security note for integrators: the header is only meaningful if the proxy always sets
it itself (overwriting any value a client sent) and the application is reachable only
through that proxy.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import unquote

from cryptography import x509
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, ExtensionOID, NameOID

__all__ = [
    "AUTHENTICATION_POLICY_OIDS",
    "MAX_HEADER_LENGTH",
    "REASONS",
    "TRUST_DIR",
    "CertificateRejected",
    "EidIdentity",
    "fingerprint_sha256",
    "is_authentication_policy",
    "load_pem_bundle",
    "load_trust_anchors",
    "load_trust_directory",
    "parse_client_certificate",
    "verify_authentication_certificate",
]

# --------------------------------------------------------------------------
# Reason codes
# --------------------------------------------------------------------------

MALFORMED = "malformed"
UNTRUSTED = "untrusted"
EXPIRED = "expired"
NOT_YET_VALID = "not_yet_valid"
NOT_AUTHENTICATION = "not_authentication"
REVOKED = "revoked"
REVOCATION_UNKNOWN = "revocation_unknown"
BAD_SUBJECT = "bad_subject"
BAD_CHAIN = "bad_chain"

REASONS = frozenset(
    {
        MALFORMED,
        UNTRUSTED,
        EXPIRED,
        NOT_YET_VALID,
        NOT_AUTHENTICATION,
        REVOKED,
        REVOCATION_UNKNOWN,
        BAD_SUBJECT,
        BAD_CHAIN,
    }
)

#: Upper bound for the header value (characters). A real eID authentication
#: certificate is below 2 KiB of DER, i.e. about 4 KiB once PEM + URL-escaped.
MAX_HEADER_LENGTH = 16 * 1024

#: Directory holding the shipped Belgian roots and intermediates (PEM files).
TRUST_DIR = Path(__file__).resolve().parent / "trust"

# --------------------------------------------------------------------------
# eID authentication policy
# --------------------------------------------------------------------------

#: Values of N in 2.16.56.N.1.1.x.2 that are accepted (hierarchy generation:
#: 9 = Belgium Root CA2, 10 = CA3, 12 = CA4; 2 is accepted as specified for this
#: project). N = 1 (the first Belgium Root CA, expired in 2014) is not accepted.
AUTHENTICATION_POLICY_GENERATIONS = frozenset({2, 9, 10, 12})

#: Card families: 2 = Citizen CA (Belgians), 7 = Foreigner CA (foreign residents).
#: The authentication policy is ...<family>.2; ...<family>.1 is the signature policy.
AUTHENTICATION_POLICY_FAMILIES = frozenset({2, 7})

#: Every accepted authentication policy OID (2.16.56.N.1.1.F.2).
AUTHENTICATION_POLICY_OIDS = frozenset(
    f"2.16.56.{n}.1.1.{family}.2"
    for n in AUTHENTICATION_POLICY_GENERATIONS
    for family in AUTHENTICATION_POLICY_FAMILIES
)

_SIGNATURE_POLICY_RE = re.compile(r"2\.16\.56\.[0-9]+\.1\.1\.[27]\.1")


def is_authentication_policy(oid: str) -> bool:
    """True if ``oid`` (dotted string) is an accepted eID authentication policy."""
    return oid in AUTHENTICATION_POLICY_OIDS


# --------------------------------------------------------------------------
# Algorithms
# --------------------------------------------------------------------------

_ALLOWED_HASHES = (hashes.SHA256, hashes.SHA384, hashes.SHA512)
_ALLOWED_CURVES = (ec.SECP256R1, ec.SECP384R1, ec.SECP521R1)
_MIN_RSA_BITS = 2048

# Extensions whose presence, even marked critical, this module can accept:
# it either enforces them or they carry no constraint (identifiers, pointers).
_KNOWN_EXTENSIONS = frozenset(
    {
        ExtensionOID.BASIC_CONSTRAINTS,
        ExtensionOID.KEY_USAGE,
        ExtensionOID.EXTENDED_KEY_USAGE,
        ExtensionOID.CERTIFICATE_POLICIES,
        ExtensionOID.SUBJECT_KEY_IDENTIFIER,
        ExtensionOID.AUTHORITY_KEY_IDENTIFIER,
        ExtensionOID.CRL_DISTRIBUTION_POINTS,
        ExtensionOID.AUTHORITY_INFORMATION_ACCESS,
        ExtensionOID.SUBJECT_ALTERNATIVE_NAME,
        ExtensionOID.ISSUER_ALTERNATIVE_NAME,
    }
)

_KNOWN_CRL_EXTENSIONS = frozenset(
    {
        ExtensionOID.AUTHORITY_KEY_IDENTIFIER,
        ExtensionOID.CRL_NUMBER,
        ExtensionOID.ISSUING_DISTRIBUTION_POINT,
        ExtensionOID.ISSUER_ALTERNATIVE_NAME,
        ExtensionOID.AUTHORITY_INFORMATION_ACCESS,
        ExtensionOID.FRESHEST_CRL,
    }
)

# --------------------------------------------------------------------------
# Public types
# --------------------------------------------------------------------------


class CertificateRejected(Exception):
    """The presented certificate cannot be used to authenticate a citizen.

    ``reason`` is one of :data:`REASONS`; ``message`` is English prose without
    personal data.
    """

    def __init__(self, reason: str, message: str) -> None:
        if reason not in REASONS:
            raise ValueError(f"unknown rejection reason {reason!r}")
        super().__init__(reason, message)
        self.reason = reason
        self.message = message

    def __str__(self) -> str:
        return f"{self.reason}: {self.message}"


@dataclass(frozen=True)
class EidIdentity:
    """Identity certified by a verified eID authentication certificate.

    ``national_number`` is kept out of ``repr()`` so that logging the object does
    not leak the national register number.
    """

    national_number: str = field(repr=False)
    given_names: str
    surname: str
    fingerprint: str
    issuer_cn: str
    serial_number: int
    not_after: datetime
    level: str = "high"
    provider: str = "eid"


# --------------------------------------------------------------------------
# Parsing and loading
# --------------------------------------------------------------------------

_WS = "[ \t\r\n]"
_WHITESPACE_RE = re.compile(f"{_WS}+")
_PEM_RE = re.compile(
    f"{_WS}*-----BEGIN CERTIFICATE-----([A-Za-z0-9+/= \t\r\n]*)-----END CERTIFICATE-----{_WS}*"
)
_BASE64_RE = re.compile(r"[A-Za-z0-9+/= \t\r\n]+")


def _malformed(message: str) -> CertificateRejected:
    return CertificateRejected(MALFORMED, message)


def parse_client_certificate(header_value: str) -> x509.Certificate:
    """Parse the client certificate forwarded by the proxy in a request header.

    Accepted forms: PEM; URL-encoded PEM (nginx ``$ssl_client_escaped_cert``); PEM
    whose line breaks were replaced by spaces or tabs or are followed by a tab
    (nginx ``$ssl_client_cert``); base64 DER, with or without whitespace. Exactly one
    certificate is accepted. Anything else, or a value longer than
    :data:`MAX_HEADER_LENGTH`, raises :class:`CertificateRejected` (``malformed``).
    """
    if isinstance(header_value, (bytes, bytearray)):
        if len(header_value) > MAX_HEADER_LENGTH:
            raise _malformed("client certificate header is too large")
        try:
            header_value = bytes(header_value).decode("ascii")
        except UnicodeDecodeError:
            raise _malformed("client certificate header is not ASCII") from None
    if not isinstance(header_value, str):
        raise _malformed("client certificate header is not text")
    if len(header_value) > MAX_HEADER_LENGTH:
        raise _malformed("client certificate header is too large")

    text = header_value
    if "%" in text:
        # Neither PEM nor base64 contains "%": this is the URL-escaped form.
        # unquote(), not unquote_plus(): "+" is a base64 character.
        try:
            text = unquote(text, errors="strict")
        except UnicodeDecodeError:
            raise _malformed("client certificate header has invalid URL escapes") from None
        if "%" in text:
            raise _malformed("client certificate header is URL-escaped more than once")

    if not text.strip(" \t\r\n"):
        raise _malformed("no client certificate was presented")

    match = _PEM_RE.fullmatch(text)
    if match is not None:
        body = match.group(1)
    elif "-----" in text:
        raise _malformed("client certificate header is not a single PEM certificate")
    elif _BASE64_RE.fullmatch(text):
        body = text
    else:
        raise _malformed("client certificate header is neither PEM nor base64 DER")

    try:
        der = base64.b64decode(_WHITESPACE_RE.sub("", body), validate=True)
    except (binascii.Error, ValueError):
        raise _malformed("client certificate is not valid base64") from None
    if not der:
        raise _malformed("no client certificate was presented")
    try:
        certificate = x509.load_der_x509_certificate(der)
        certificate.extensions  # noqa: B018 - parse extensions now, not later
    except ValueError:
        raise _malformed("client certificate is not a valid X.509 certificate") from None
    return certificate


def load_pem_bundle(text: str | bytes) -> list[x509.Certificate]:
    """All certificates of a PEM bundle (text outside the PEM blocks is ignored).

    Raises ``ValueError`` if the bundle holds no certificate.
    """
    data = text.encode("ascii") if isinstance(text, str) else bytes(text)
    if b"-----BEGIN CERTIFICATE-----" not in data:
        raise ValueError("no PEM certificate found")
    return x509.load_pem_x509_certificates(data)


def load_trust_anchors(pem_blobs: Iterable[bytes | str]) -> list[x509.Certificate]:
    """Certificates from PEM blobs (each may hold several) or DER ``bytes``.

    Duplicates are dropped; order is preserved. Raises ``ValueError`` for a blob that
    holds no certificate: a configuration error should not pass silently.
    """
    result: list[x509.Certificate] = []
    seen: set[bytes] = set()
    for blob in pem_blobs:
        if isinstance(blob, x509.Certificate):
            certificates = [blob]
        elif isinstance(blob, (bytes, bytearray)) and b"-----BEGIN" not in blob:
            certificates = [x509.load_der_x509_certificate(bytes(blob))]
        else:
            certificates = load_pem_bundle(blob)
        for certificate in certificates:
            key = certificate.fingerprint(hashes.SHA256())
            if key not in seen:
                seen.add(key)
                result.append(certificate)
    return result


def load_trust_directory(
    directory: str | Path = TRUST_DIR,
) -> tuple[list[x509.Certificate], list[x509.Certificate]]:
    """``(roots, intermediates)`` from the ``*.pem`` files of ``directory``.

    A self-issued certificate (subject == issuer) is a root, every other one an
    intermediate. A root's self-signature is not checked: a trust anchor is trusted
    because it is configured (Belgium Root CA3 is self-signed with SHA-1, which is
    irrelevant for the signatures it makes). Defaults to the shipped Belgian eID
    certificates.
    """
    paths = sorted(Path(directory).glob("*.pem"))
    certificates = load_trust_anchors(path.read_bytes() for path in paths)
    roots = [c for c in certificates if c.subject == c.issuer]
    intermediates = [c for c in certificates if c.subject != c.issuer]
    return roots, intermediates


def fingerprint_sha256(cert: x509.Certificate) -> str:
    """SHA-256 fingerprint as upper-case hex pairs joined by colons."""
    return ":".join(f"{b:02X}" for b in cert.fingerprint(hashes.SHA256()))


# --------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------


def _utc_now(now: datetime | None) -> datetime:
    if now is None:
        return datetime.now(UTC)
    if not isinstance(now, datetime) or now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be a timezone-aware datetime")
    return now.astimezone(UTC)


def _describe(name: x509.Name) -> str:
    try:
        return name.rfc4514_string()
    except ValueError:  # pragma: no cover - defensive
        return "<unprintable name>"


def _common_name(name: x509.Name) -> str:
    values = [a.value for a in name.get_attributes_for_oid(NameOID.COMMON_NAME)]
    return values[0] if values and isinstance(values[0], str) else ""


def _extensions(cert: x509.Certificate) -> x509.Extensions:
    try:
        return cert.extensions
    except ValueError:
        raise _malformed(
            f"certificate {_describe(cert.subject)!r} has unparsable extensions"
        ) from None


def _extension(cert: x509.Certificate, ext_type):
    try:
        return _extensions(cert).get_extension_for_class(ext_type).value
    except x509.ExtensionNotFound:
        return None


def _unknown_critical(extensions: x509.Extensions, known: Collection) -> list[str]:
    return [e.oid.dotted_string for e in extensions if e.critical and e.oid not in known]


def _acceptable_key(key) -> bool:
    if isinstance(key, rsa.RSAPublicKey):
        return key.key_size >= _MIN_RSA_BITS
    if isinstance(key, ec.EllipticCurvePublicKey):
        return isinstance(key.curve, _ALLOWED_CURVES)
    return False


def _signed_by(child: x509.Certificate, issuer: x509.Certificate) -> bool:
    """True if ``child`` names ``issuer`` as issuer and its signature verifies with
    the issuer's key, using an accepted algorithm (RSA PKCS#1 v1.5 / PSS, ECDSA;
    SHA-256/384/512; RSA >= 2048 bits, NIST P-256/384/521)."""
    if child.issuer != issuer.subject:
        return False
    try:
        if not isinstance(child.signature_hash_algorithm, _ALLOWED_HASHES):
            return False
        if not _acceptable_key(issuer.public_key()):
            return False
        child.verify_directly_issued_by(issuer)
    except (InvalidSignature, UnsupportedAlgorithm, ValueError, TypeError):
        return False
    return True


def _check_validity(cert: x509.Certificate, now: datetime, label: str) -> None:
    if now < cert.not_valid_before_utc:
        raise CertificateRejected(
            NOT_YET_VALID,
            f"the {label} is not valid before {cert.not_valid_before_utc.isoformat()}",
        )
    if now > cert.not_valid_after_utc:
        raise CertificateRejected(
            EXPIRED, f"the {label} expired on {cert.not_valid_after_utc.isoformat()}"
        )


def _check_ca(cert: x509.Certificate, label: str, intermediates_below: int) -> None:
    """A CA certificate in the path: basicConstraints CA=true with a path length
    allowing ``intermediates_below`` CA certificates under it, keyCertSign."""
    constraints = _extension(cert, x509.BasicConstraints)
    if constraints is None or not constraints.ca:
        raise CertificateRejected(
            BAD_CHAIN, f"the {label} {_describe(cert.subject)!r} is not a CA (basicConstraints)"
        )
    if constraints.path_length is not None and constraints.path_length < intermediates_below:
        raise CertificateRejected(
            BAD_CHAIN, f"the path length constraint of the {label} is violated"
        )
    usage = _extension(cert, x509.KeyUsage)
    if usage is None or not usage.key_cert_sign:
        raise CertificateRejected(
            BAD_CHAIN,
            f"the {label} {_describe(cert.subject)!r} may not sign certificates (keyUsage)",
        )
    unknown = _unknown_critical(_extensions(cert), _KNOWN_EXTENSIONS)
    if unknown:
        raise CertificateRejected(
            BAD_CHAIN, f"the {label} has unsupported critical extensions {unknown}"
        )


def _build_paths(
    leaf: x509.Certificate,
    intermediates: list[x509.Certificate],
    roots: list[x509.Certificate],
) -> list[tuple[x509.Certificate, x509.Certificate]]:
    """Every (intermediate, root) whose signatures verify: leaf <- intermediate <- root.

    Issuers are picked by name and then *every* candidate is verified by signature,
    so a certificate that merely copies the names of a configured CA is useless.
    """
    named = [c for c in intermediates if c.subject == leaf.issuer and c.subject != c.issuer]
    if not named:
        raise CertificateRejected(
            UNTRUSTED,
            f"the issuer {_describe(leaf.issuer)!r} is not a configured intermediate CA",
        )
    signing = [c for c in named if _signed_by(leaf, c)]
    if not signing:
        raise CertificateRejected(
            UNTRUSTED,
            "the certificate signature does not verify with any configured intermediate CA "
            f"named {_describe(leaf.issuer)!r}",
        )
    paths = [
        (intermediate, root)
        for intermediate in signing
        for root in roots
        if _signed_by(intermediate, root)
    ]
    if not paths:
        raise CertificateRejected(
            UNTRUSTED, "the issuing CA does not chain to a configured root certificate"
        )
    return paths


def _select_path(
    paths: list[tuple[x509.Certificate, x509.Certificate]], now: datetime
) -> tuple[x509.Certificate, x509.Certificate]:
    """The first path whose CA certificates are acceptable at ``now``; otherwise the
    refusal of the first path (e.g. two issues of one root with the same key)."""
    errors: list[CertificateRejected] = []
    for intermediate, root in paths:
        try:
            _check_ca(root, "root certificate", 1)
            _check_ca(intermediate, "intermediate CA certificate", 0)
            _check_validity(root, now, "root certificate")
            _check_validity(intermediate, now, "intermediate CA certificate")
        except CertificateRejected as exc:
            errors.append(exc)
            continue
        return intermediate, root
    raise errors[0]


def _check_leaf_profile(leaf: x509.Certificate, accepted_policies: Collection[str]) -> None:
    def refuse(message: str) -> CertificateRejected:
        return CertificateRejected(NOT_AUTHENTICATION, message)

    extensions = _extensions(leaf)
    constraints = _extension(leaf, x509.BasicConstraints)
    if constraints is not None and constraints.ca:
        raise refuse("a CA certificate cannot be used to authenticate a person")
    if _common_name(leaf.subject).rstrip().endswith("(Signature)"):
        raise refuse("this is the eID signature certificate, not the authentication certificate")

    usage = _extension(leaf, x509.KeyUsage)
    if usage is None:
        raise refuse("the certificate has no keyUsage extension")
    if usage.content_commitment:
        raise refuse("the certificate has nonRepudiation: it is a signature certificate")
    if not usage.digital_signature:
        raise refuse("the certificate keyUsage lacks digitalSignature")
    if usage.key_cert_sign or usage.crl_sign:
        raise refuse("the certificate keyUsage allows signing certificates or CRLs")

    ext_usage = _extension(leaf, x509.ExtendedKeyUsage)
    if ext_usage is not None and not (
        ExtendedKeyUsageOID.CLIENT_AUTH in ext_usage
        or ExtendedKeyUsageOID.ANY_EXTENDED_KEY_USAGE in ext_usage
    ):
        raise refuse("the certificate extendedKeyUsage excludes client authentication")

    policies = _extension(leaf, x509.CertificatePolicies)
    oids = {p.policy_identifier.dotted_string for p in policies} if policies else set()
    if not oids & set(accepted_policies):
        if any(_SIGNATURE_POLICY_RE.fullmatch(oid) for oid in oids):
            raise refuse("the certificate carries the eID signature policy")
        raise refuse("the certificate lacks an eID authentication certificate policy")

    unknown = _unknown_critical(extensions, _KNOWN_EXTENSIONS)
    if unknown:
        raise refuse(f"the certificate has unsupported critical extensions {unknown}")


_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_NATIONAL_NUMBER_RE = re.compile(r"[0-9]{11}")


def _single_attribute(name: x509.Name, oid: x509.ObjectIdentifier, label: str) -> str:
    attributes = name.get_attributes_for_oid(oid)
    if len(attributes) != 1:
        raise CertificateRejected(
            BAD_SUBJECT,
            f"the subject must contain exactly one {label} attribute, found {len(attributes)}",
        )
    value = attributes[0].value
    if not isinstance(value, str) or not value.strip() or _CONTROL_RE.search(value):
        raise CertificateRejected(BAD_SUBJECT, f"the subject {label} attribute is not usable")
    return value.strip()


def _extract_subject(
    leaf: x509.Certificate, rrn_validator: Callable[[str], bool] | None
) -> tuple[str, str, str]:
    subject = leaf.subject
    national_number = _single_attribute(subject, NameOID.SERIAL_NUMBER, "SERIALNUMBER")
    if not _NATIONAL_NUMBER_RE.fullmatch(national_number):
        raise CertificateRejected(
            BAD_SUBJECT, "the SERIALNUMBER attribute is not an 11-digit national register number"
        )
    if rrn_validator is not None:
        try:
            valid = rrn_validator(national_number)
        except Exception:  # a failing validator must not let the certificate through
            valid = False
        if valid is not True:
            raise CertificateRejected(
                BAD_SUBJECT, "the SERIALNUMBER attribute is not a valid national register number"
            )
    given_names = _single_attribute(subject, NameOID.GIVEN_NAME, "GIVENNAME")
    surname = _single_attribute(subject, NameOID.SURNAME, "SURNAME")
    return national_number, given_names, surname


def _load_crl(item) -> x509.CertificateRevocationList | None:
    if isinstance(item, x509.CertificateRevocationList):
        return item
    try:
        data = item.encode("ascii") if isinstance(item, str) else bytes(item)
        if b"-----BEGIN" in data:
            return x509.load_pem_x509_crl(data)
        return x509.load_der_x509_crl(data)
    except (TypeError, ValueError):
        return None


def _crl_covers(crl: x509.CertificateRevocationList, leaf: x509.Certificate) -> bool:
    """False for CRLs that are not a complete list for end-entity certificates
    (delta CRLs, CA-only / attribute / reason-partitioned CRLs, other partitions)."""
    extensions = crl.extensions
    if _unknown_critical(extensions, _KNOWN_CRL_EXTENSIONS):
        return False
    try:
        extensions.get_extension_for_oid(ExtensionOID.DELTA_CRL_INDICATOR)
        return False
    except x509.ExtensionNotFound:
        pass
    try:
        idp = extensions.get_extension_for_class(x509.IssuingDistributionPoint).value
    except x509.ExtensionNotFound:
        return True
    if (
        idp.only_contains_ca_certs
        or idp.only_contains_attribute_certs
        or idp.only_some_reasons
        or idp.indirect_crl
        or idp.relative_name is not None
    ):
        return False
    if idp.full_name:
        points = _extension(leaf, x509.CRLDistributionPoints) or []
        names = {n for point in points for n in (point.full_name or [])}
        return bool(names & set(idp.full_name))
    return True


def _check_revocation(
    leaf: x509.Certificate,
    issuer: x509.Certificate,
    crls: Iterable | None,
    now: datetime,
) -> None:
    """Fail closed: revoked if any usable CRL lists the serial, unknown if no CRL
    from the issuer is usable (present, parsable, signed by it, complete, current)."""
    issuer_name = _describe(issuer.subject)
    usage = _extension(issuer, x509.KeyUsage)
    if usage is None or not usage.crl_sign:
        raise CertificateRejected(
            REVOCATION_UNKNOWN, f"the issuing CA {issuer_name!r} may not sign CRLs"
        )
    problems: list[str] = []
    usable: list[x509.CertificateRevocationList] = []
    for item in crls or ():
        crl = _load_crl(item)
        if crl is None:
            problems.append("an unparsable CRL was ignored")
            continue
        try:
            if crl.issuer != issuer.subject:
                continue
            if not _crl_signature_ok(crl, issuer):
                problems.append("a CRL not signed by the issuing CA was ignored")
                continue
            if not _crl_covers(crl, leaf):
                problems.append("a partial or delta CRL was ignored")
                continue
            next_update = crl.next_update_utc
            if next_update is None or not crl.last_update_utc <= now < next_update:
                problems.append("a CRL outside its validity period (stale) was ignored")
                continue
        except ValueError:
            problems.append("an unparsable CRL was ignored")
            continue
        usable.append(crl)
    if not usable:
        detail = "; ".join(dict.fromkeys(problems)) or "none was supplied"
        raise CertificateRejected(
            REVOCATION_UNKNOWN,
            f"no usable CRL from the issuing CA {issuer_name!r} ({detail})",
        )
    for crl in usable:
        try:
            entry = crl.get_revoked_certificate_by_serial_number(leaf.serial_number)
        except ValueError:
            raise CertificateRejected(
                REVOCATION_UNKNOWN, f"the CRL of {issuer_name!r} cannot be read"
            ) from None
        if entry is not None:
            raise CertificateRejected(
                REVOKED,
                f"the certificate was revoked on {entry.revocation_date_utc.isoformat()}",
            )


def _crl_signature_ok(crl: x509.CertificateRevocationList, issuer: x509.Certificate) -> bool:
    try:
        if not isinstance(crl.signature_hash_algorithm, _ALLOWED_HASHES):
            return False
        return crl.is_signature_valid(issuer.public_key())
    except (InvalidSignature, UnsupportedAlgorithm, ValueError, TypeError):
        return False


# --------------------------------------------------------------------------
# Verification
# --------------------------------------------------------------------------


def _certificates(items: Iterable[x509.Certificate], label: str) -> list[x509.Certificate]:
    result = list(items or ())
    for item in result:
        if not isinstance(item, x509.Certificate):
            raise TypeError(f"{label} must be cryptography x509.Certificate objects")
    return result


def verify_authentication_certificate(
    leaf: x509.Certificate,
    intermediates: Iterable[x509.Certificate],
    roots: Iterable[x509.Certificate],
    *,
    now: datetime | None = None,
    crls: Iterable[x509.CertificateRevocationList | bytes | str] | None = None,
    check_revocation: bool = True,
    rrn_validator: Callable[[str], bool] | None = None,
    accepted_policies: Collection[str] = AUTHENTICATION_POLICY_OIDS,
) -> EidIdentity:
    """Verify a Belgian eID authentication certificate; return the certified identity.

    Path: ``leaf`` <- one certificate of ``intermediates`` <- one of ``roots``; only
    these configured certificates are trusted. Checks, in this order (the first
    failure raises :class:`CertificateRejected`):

    1. path building by name, then signature, trying every same-named candidate
       (``untrusted``);
    2. CA certificates: basicConstraints CA, path length, keyCertSign, no unknown
       critical extension (``bad_chain``); their validity at ``now``
       (``expired`` / ``not_yet_valid``);
    3. leaf validity at ``now`` (``expired`` / ``not_yet_valid``);
    4. leaf profile: not a CA, not a "(Signature)" certificate, keyUsage
       digitalSignature without nonRepudiation, extendedKeyUsage (if any) allowing
       clientAuth, a policy in ``accepted_policies`` (``not_authentication``);
    5. subject: exactly one SERIALNUMBER of 11 digits accepted by ``rrn_validator``
       (if given), one GIVENNAME, one SURNAME (``bad_subject``);
    6. when ``check_revocation``: a current CRL signed by the issuing CA must be
       among ``crls`` (``revocation_unknown``) and must not list the leaf
       (``revoked``).

    ``now`` must be timezone-aware (default: the current time). Nothing is ever
    downloaded; CRLs must be supplied by the caller.
    """
    now = _utc_now(now)
    if not isinstance(leaf, x509.Certificate):
        raise TypeError("leaf must be a cryptography x509.Certificate")
    intermediates = _certificates(intermediates, "intermediates")
    roots = _certificates(roots, "roots")
    _extensions(leaf)

    paths = _build_paths(leaf, intermediates, roots)
    intermediate, _root = _select_path(paths, now)
    _check_validity(leaf, now, "authentication certificate")
    _check_leaf_profile(leaf, accepted_policies)
    national_number, given_names, surname = _extract_subject(leaf, rrn_validator)
    if check_revocation:
        _check_revocation(leaf, intermediate, crls, now)

    return EidIdentity(
        national_number=national_number,
        given_names=given_names,
        surname=surname,
        fingerprint=fingerprint_sha256(leaf),
        issuer_cn=_common_name(intermediate.subject),
        serial_number=leaf.serial_number,
        not_after=leaf.not_valid_after_utc,
    )
