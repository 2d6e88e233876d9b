"""A throw-away PKI mirroring the Belgian eID certificate profile.

For tests and demos only: keys are generated in memory, names are fixed (so that
:meth:`TestPKI.rogue` can produce an impostor hierarchy with *identical* names and
different keys), and URLs point to ``.invalid`` hosts. Nothing here is trusted by
:mod:`communesplone.eid.certificates` unless a caller passes it in explicitly.

Example::

    pki = TestPKI()
    leaf = pki.issue_leaf("Jan Pieter", "Specimen", "85031512369")
    identity = verify_authentication_certificate(
        leaf, [pki.citizen_ca.certificate], [pki.root.certificate], crls=[pki.make_crl([])]
    )
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.x509.oid import NameOID

__all__ = [
    "AUTHENTICATION_POLICY",
    "SIGNATURE_POLICY",
    "Issued",
    "TestPKI",
    "der_b64",
    "nginx_escaped",
    "nginx_legacy",
    "pem",
    "space_joined",
]

AUTHENTICATION_POLICY = "2.16.56.12.1.1.2.2"
SIGNATURE_POLICY = "2.16.56.12.1.1.2.1"
ANY_POLICY = "2.5.29.32.0"
CPS_URI = "http://repository.eid.test.invalid/cps"
CRL_URI = "http://crl.eid.test.invalid/citizenca.crl"
CA_ISSUERS_URI = "http://certs.eid.test.invalid/citizenca.crt"

KEY_TYPES = ("ec", "rsa", "rsa-pss")


@dataclass(frozen=True)
class Issued:
    """A certificate together with its private key."""

    certificate: x509.Certificate
    private_key: Any

    @property
    def cert(self) -> x509.Certificate:
        return self.certificate


def _key_usage(**flags: bool) -> x509.KeyUsage:
    names = (
        "digital_signature",
        "content_commitment",
        "key_encipherment",
        "data_encipherment",
        "key_agreement",
        "key_cert_sign",
        "crl_sign",
        "encipher_only",
        "decipher_only",
    )
    values = {name: bool(flags.get(name, False)) for name in names}
    return x509.KeyUsage(**values)


def _policies(*oids: str) -> x509.CertificatePolicies:
    return x509.CertificatePolicies(
        [x509.PolicyInformation(x509.ObjectIdentifier(oid), [CPS_URI]) for oid in oids]
    )


class TestPKI:
    """Root -> Citizen CA -> leaves, with the structure of the Belgian eID PKI.

    ``key_type``: ``"ec"`` (P-256, ECDSA-SHA256; fast, the default), ``"rsa"``
    (RSA-2048, PKCS#1 v1.5 SHA-256) or ``"rsa-pss"`` (RSA-2048, RSASSA-PSS SHA-256).
    ``now`` anchors every default validity period (default: current time).
    """

    __test__ = False  # not a pytest test class

    ROOT_NAME = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "BE"),
            x509.NameAttribute(NameOID.COMMON_NAME, "Test Belgium Root CA"),
        ]
    )

    def __init__(
        self,
        *,
        key_type: str = "ec",
        now: datetime | None = None,
        root_path_length: int | None = 1,
    ) -> None:
        if key_type not in KEY_TYPES:
            raise ValueError(f"key_type must be one of {KEY_TYPES}")
        self.key_type = key_type
        self.now = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
        self.root_path_length = root_path_length
        self.leaf_keys: dict[int, Any] = {}
        self.root = self._make_root()
        self.citizen_ca = self.make_intermediate()

    # ---------------------------------------------------------------- keys

    def new_key(self):
        if self.key_type == "ec":
            return ec.generate_private_key(ec.SECP256R1())
        return rsa.generate_private_key(public_exponent=65537, key_size=2048)

    def _sign(self, builder, issuer_key):
        if self.key_type == "rsa-pss" and isinstance(issuer_key, rsa.RSAPrivateKey):
            return builder.sign(
                issuer_key,
                hashes.SHA256(),
                rsa_padding=padding.PSS(
                    mgf=padding.MGF1(hashes.SHA256()), salt_length=padding.PSS.DIGEST_LENGTH
                ),
            )
        return builder.sign(issuer_key, hashes.SHA256())

    # --------------------------------------------------------- CA certificates

    def _make_root(self) -> Issued:
        key = self.new_key()
        public = key.public_key()
        builder = (
            x509.CertificateBuilder()
            .subject_name(self.ROOT_NAME)
            .issuer_name(self.ROOT_NAME)
            .public_key(public)
            .serial_number(x509.random_serial_number())
            .not_valid_before(self.now - timedelta(days=365))
            .not_valid_after(self.now + timedelta(days=20 * 365))
            .add_extension(
                x509.BasicConstraints(ca=True, path_length=self.root_path_length), critical=True
            )
            .add_extension(_key_usage(key_cert_sign=True, crl_sign=True), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
            .add_extension(_policies("2.16.56.12.1"), critical=False)
        )
        return Issued(self._sign(builder, key), key)

    def make_intermediate(
        self,
        cn: str = "Citizen CA",
        serial: str = "202002",
        *,
        ca: bool = True,
        basic_constraints: bool = True,
        path_length: int | None = 0,
        key_cert_sign: bool = True,
        crl_sign: bool = True,
        not_before: datetime | None = None,
        not_after: datetime | None = None,
        issuer: Issued | None = None,
    ) -> Issued:
        """An issuing CA below ``issuer`` (default: the root), like Citizen CA 202002."""
        issuer = issuer or self.root
        key = self.new_key()
        public = key.public_key()
        name = x509.Name(
            [
                x509.NameAttribute(NameOID.COUNTRY_NAME, "BE"),
                x509.NameAttribute(NameOID.SERIAL_NUMBER, serial),
                x509.NameAttribute(NameOID.COMMON_NAME, cn),
            ]
        )
        builder = (
            x509.CertificateBuilder()
            .subject_name(name)
            .issuer_name(issuer.certificate.subject)
            .public_key(public)
            .serial_number(x509.random_serial_number())
            .not_valid_before(not_before or self.now - timedelta(days=30))
            .not_valid_after(not_after or self.now + timedelta(days=12 * 365))
            .add_extension(
                _key_usage(key_cert_sign=key_cert_sign, crl_sign=crl_sign), critical=True
            )
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.certificate.public_key()),
                critical=False,
            )
            .add_extension(_policies(ANY_POLICY), critical=False)
        )
        if basic_constraints:
            builder = builder.add_extension(
                x509.BasicConstraints(ca=ca, path_length=path_length if ca else None),
                critical=True,
            )
        return Issued(self._sign(builder, issuer.private_key), key)

    # ------------------------------------------------------------------ leaves

    def issue_leaf(
        self,
        given_names: str | None,
        surname: str | None,
        rrn: str | None,
        *,
        kind: str = "authentication",
        not_before: datetime | None = None,
        not_after: datetime | None = None,
        issuer: Issued | None = None,
        policy_oids: list[str] | None = None,
        digital_signature: bool | None = None,
        non_repudiation: bool | None = None,
        extra_name_attributes: list[x509.NameAttribute] | None = None,
    ) -> x509.Certificate:
        """A card certificate following the eID profile.

        ``kind="authentication"``: CN "Given Surname (Authentication)", keyUsage
        digitalSignature, policy 2.16.56.12.1.1.2.2. ``kind="signature"``: CN
        "... (Signature)", keyUsage nonRepudiation, policy 2.16.56.12.1.1.2.1.
        Passing ``None`` for ``given_names``/``surname``/``rrn`` omits that attribute;
        ``policy_oids``, ``digital_signature`` and ``non_repudiation`` override the
        profile (to build defective certificates). The private key is kept in
        ``self.leaf_keys[cert.serial_number]``.
        """
        if kind not in ("authentication", "signature"):
            raise ValueError("kind must be 'authentication' or 'signature'")
        issuer = issuer or self.citizen_ca
        authentication = kind == "authentication"
        if digital_signature is None:
            digital_signature = authentication
        if non_repudiation is None:
            non_repudiation = not authentication
        if policy_oids is None:
            policy_oids = [AUTHENTICATION_POLICY if authentication else SIGNATURE_POLICY]

        label = "Authentication" if authentication else "Signature"
        display = " ".join(part for part in (given_names, surname) if part)
        attributes = [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "BE"),
            x509.NameAttribute(NameOID.COMMON_NAME, f"{display} ({label})".strip()),
        ]
        if surname is not None:
            attributes.append(x509.NameAttribute(NameOID.SURNAME, surname))
        if given_names is not None:
            attributes.append(x509.NameAttribute(NameOID.GIVEN_NAME, given_names))
        if rrn is not None:
            attributes.append(x509.NameAttribute(NameOID.SERIAL_NUMBER, rrn))
        attributes.extend(extra_name_attributes or [])

        key = self.new_key()
        builder = (
            x509.CertificateBuilder()
            .subject_name(x509.Name(attributes))
            .issuer_name(issuer.certificate.subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(not_before or self.now - timedelta(days=1))
            .not_valid_after(not_after or self.now + timedelta(days=10 * 365))
            .add_extension(
                _key_usage(digital_signature=digital_signature, content_commitment=non_repudiation),
                critical=True,
            )
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.certificate.public_key()),
                critical=False,
            )
            .add_extension(
                x509.CRLDistributionPoints(
                    [
                        x509.DistributionPoint(
                            [x509.UniformResourceIdentifier(CRL_URI)], None, None, None
                        )
                    ]
                ),
                critical=False,
            )
            .add_extension(
                x509.AuthorityInformationAccess(
                    [
                        x509.AccessDescription(
                            x509.oid.AuthorityInformationAccessOID.CA_ISSUERS,
                            x509.UniformResourceIdentifier(CA_ISSUERS_URI),
                        )
                    ]
                ),
                critical=False,
            )
        )
        if policy_oids:
            builder = builder.add_extension(_policies(*policy_oids), critical=False)
        certificate = self._sign(builder, issuer.private_key)
        self.leaf_keys[certificate.serial_number] = key
        return certificate

    # --------------------------------------------------------------------- CRL

    def make_crl(
        self,
        revoked_serials,
        *,
        last_update: datetime | None = None,
        next_update: datetime | None = None,
        issuer: Issued | None = None,
    ) -> x509.CertificateRevocationList:
        """A CRL of ``issuer`` (default: the Citizen CA) listing ``revoked_serials``
        (ints or certificates); current by default (last update 1 h ago, next in 7 days)."""
        issuer = issuer or self.citizen_ca
        last_update = last_update or self.now - timedelta(hours=1)
        builder = (
            x509.CertificateRevocationListBuilder()
            .issuer_name(issuer.certificate.subject)
            .last_update(last_update)
            .next_update(next_update or self.now + timedelta(days=7))
            .add_extension(x509.CRLNumber(1), critical=False)
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.certificate.public_key()),
                critical=False,
            )
        )
        for serial in revoked_serials:
            if isinstance(serial, x509.Certificate):
                serial = serial.serial_number
            builder = builder.add_revoked_certificate(
                x509.RevokedCertificateBuilder()
                .serial_number(serial)
                .revocation_date(last_update)
                .build()
            )
        return self._sign(builder, issuer.private_key)

    # ------------------------------------------------------------------ others

    def rogue(self) -> TestPKI:
        """An impostor hierarchy: identical subject names, different keys."""
        return TestPKI(key_type=self.key_type, now=self.now, root_path_length=self.root_path_length)

    @property
    def roots(self) -> list[x509.Certificate]:
        return [self.root.certificate]

    @property
    def intermediates(self) -> list[x509.Certificate]:
        return [self.citizen_ca.certificate]

    def write_files(self, directory: str | Path, revoked_serials=()) -> dict[str, Path]:
        """Write root.pem, citizenca.pem and crl.pem (a current CRL) into ``directory``."""
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        files = {
            "root.pem": pem(self.root.certificate),
            "citizenca.pem": pem(self.citizen_ca.certificate),
            "crl.pem": pem(self.make_crl(revoked_serials)),
        }
        paths = {}
        for name, text in files.items():
            path = directory / name
            path.write_text(text, encoding="ascii")
            paths[name] = path
        return paths


# ------------------------------------------------------------- serialisation


def pem(obj: x509.Certificate | x509.CertificateRevocationList) -> str:
    """PEM text of a certificate or CRL."""
    return obj.public_bytes(serialization.Encoding.PEM).decode("ascii")


def der_b64(cert: x509.Certificate) -> str:
    """Base64 of the DER encoding, on one line."""
    return base64.b64encode(cert.public_bytes(serialization.Encoding.DER)).decode("ascii")


def nginx_escaped(cert: x509.Certificate) -> str:
    """The PEM URL-escaped like nginx ``$ssl_client_escaped_cert`` (every reserved
    character, including "/", "+", "=", space and newline, is percent-encoded)."""
    return quote(pem(cert), safe="")


def nginx_legacy(cert: x509.Certificate) -> str:
    """nginx ``$ssl_client_cert``: PEM with every line but the first prefixed by a tab."""
    return pem(cert).rstrip("\n").replace("\n", "\n\t")


def space_joined(cert: x509.Certificate, separator: str = " ") -> str:
    """PEM with its line breaks replaced by ``separator`` (one-line header form)."""
    return pem(cert).rstrip("\n").replace("\n", separator)
