"""The certificate the reverse proxy forwards, checked once per request.

:func:`verify_request` answers, for one request, one :class:`Outcome`:

* ``absent``: no certificate header (or an empty one: nginx sends an empty
  value when the person presented no certificate);
* ``ignored``: a header that does not come from the configured proxy: the
  direct peer (``REMOTE_ADDR`` of the WSGI environment, never
  ``X-Forwarded-For``) is not a trusted proxy address (``untrusted_source``),
  or the shared secret header is missing or wrong (``bad_proxy_secret``);
* ``refused``: the certificate failed verification
  (:class:`~communesplone.eid.certificates.CertificateRejected`, its reason);
* ``verified``: an :class:`~communesplone.eid.certificates.EidIdentity`.

The settings are read from the registry (:mod:`communesplone.eid.interfaces`);
parsed trust anchors and CRL files (read from disk, never downloaded, cached
by modification time) are kept per process, and so are verification results
for :data:`RESULT_TTL` seconds, keyed by the certificate's fingerprint and a
digest of the configuration (roots, intermediates, revocation setting, CRL
files' modification times): a page loading twenty resources verifies once.

Nothing logged or audited here contains the certificate, the national
register number or the holder's names: only reason codes, the client
address and the certificate's SHA-256 fingerprint.
"""

from collections import OrderedDict
from communesplone.core import audit
from communesplone.core.validation import is_valid_rrn
from communesplone.eid import logger
from communesplone.eid.certificates import CertificateRejected
from communesplone.eid.certificates import EidIdentity
from communesplone.eid.certificates import fingerprint_sha256
from communesplone.eid.certificates import load_pem_bundle
from communesplone.eid.certificates import parse_client_certificate
from communesplone.eid.certificates import verify_authentication_certificate
from communesplone.eid.constraints import parse_network
from communesplone.eid.interfaces import PREFIX
from contextlib import contextmanager
from cryptography import x509
from dataclasses import dataclass
from dataclasses import replace
from datetime import datetime
from datetime import UTC
from plone import api
from plone.protect.utils import safeWrite

import hashlib
import hmac
import ipaddress
import os
import threading
import time

#: Seconds a verification result is reused (a refused one too: the CRL files
#: are re-read when they change, which changes the configuration digest).
RESULT_TTL = 60
RESULT_CACHE_SIZE = 512
#: Seconds during which the same refusal/ignored header from the same client
#: is not audited again on ordinary requests (the login page always audits).
AUDIT_REPEAT_DELAY = 60

OUTCOME_KEY = "communesplone.eid.outcome"
AUDITED_KEY = "communesplone.eid.audited"

UNTRUSTED_SOURCE = "untrusted_source"
BAD_PROXY_SECRET = "bad_proxy_secret"


@dataclass(frozen=True)
class Outcome:
    """What the certificate header of one request amounts to."""

    status: str  # absent | ignored | refused | verified
    reason: str | None = None
    client: str | None = None
    fingerprint: str | None = None
    identity: EidIdentity | None = None
    cached: bool = False

    @property
    def verified(self):
        return self.status == "verified"


@dataclass(frozen=True)
class EidConfig:
    """The eID settings of the current site, as read from the registry."""

    certificate_header: str = "X-Client-Cert"
    trusted_proxies: tuple = ("127.0.0.1", "::1")
    proxy_secret_header: str = "X-Eid-Proxy-Secret"
    proxy_secret: str = ""
    trust_anchors: str = ""
    intermediate_certificates: str = ""
    check_revocation: bool = True
    crl_files: tuple = ()
    member_policy: str = "create"
    eid_only_login: bool = False


def _record(name, default):
    value = api.portal.get_registry_record(f"{PREFIX}.{name}", default=None)
    return default if value is None else value


def read_config():
    """The current site's :class:`EidConfig` (defaults where a record is missing)."""
    defaults = EidConfig()
    return EidConfig(
        certificate_header=_record("certificate_header", defaults.certificate_header),
        trusted_proxies=tuple(_record("trusted_proxies", defaults.trusted_proxies)),
        proxy_secret_header=_record("proxy_secret_header", defaults.proxy_secret_header),
        proxy_secret=_record("proxy_secret", ""),
        trust_anchors=_record("trust_anchors", ""),
        intermediate_certificates=_record("intermediate_certificates", ""),
        check_revocation=bool(_record("check_revocation", True)),
        crl_files=tuple(_record("crl_files", ())),
        member_policy=_record("member_policy", "create"),
        eid_only_login=bool(_record("eid_only_login", False)),
    )


def eid_only_login():
    """Whether the site logs in with the eID card only (one registry read)."""
    return bool(_record("eid_only_login", False))


# --- trusted source -------------------------------------------------------------


def _client_address(request):
    # The direct peer only: X-Forwarded-For is set by whoever sends the request.
    return (getattr(request, "environ", None) or {}).get("REMOTE_ADDR") or ""


def is_trusted_proxy(address, proxies):
    """Whether ``address`` (the direct peer) is one of ``proxies`` (addresses or networks)."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    for entry in proxies:
        try:
            network = parse_network(entry)
        except ValueError:
            logger.warning("Ignored an invalid trusted proxy address in the eID settings")
            continue
        if ip.version == network.version and ip in network:
            return True
    return False


def _secret_matches(given, expected):
    if not expected or not given:
        return False
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


# --- trust anchors and CRLs, cached per process ---------------------------------

_lock = threading.Lock()
_bundles = OrderedDict()  # sha256(text) -> [certificates]
_crl_files = {}  # path -> (stat key, CRL or None)
_results = OrderedDict()  # (fingerprint, config digest) -> (expires, Outcome)
_recent_audits = OrderedDict()  # (event, reason, client, fingerprint) -> time


def _bundle(text):
    """The certificates of a PEM bundle (parsed once per distinct text)."""
    if not text or not text.strip():
        return []
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    with _lock:
        found = _bundles.get(digest)
    if found is not None:
        return found
    try:
        certificates = load_pem_bundle(text)
    except ValueError:
        logger.warning("The eID settings hold a certificate bundle that cannot be read")
        certificates = []
    with _lock:
        _bundles[digest] = certificates
        while len(_bundles) > 16:
            _bundles.popitem(last=False)
    return certificates


def _stat_key(path):
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return (stat.st_mtime_ns, stat.st_size, stat.st_ino)


def _load_crl_file(path):
    with open(path, "rb") as handle:
        data = handle.read()
    if b"-----BEGIN" in data:
        return x509.load_pem_x509_crl(data)
    return x509.load_der_x509_crl(data)


def load_crls(paths):
    """The CRLs read from ``paths``; a missing or unreadable file is logged and skipped."""
    crls = []
    for path in paths:
        key = _stat_key(path)
        with _lock:
            cached = _crl_files.get(path)
        if cached is not None and cached[0] == key:
            crl = cached[1]
        else:
            crl = None
            if key is None:
                logger.warning("eID revocation list file %s is missing", path)
            else:
                try:
                    crl = _load_crl_file(path)
                except (OSError, ValueError):
                    logger.warning("eID revocation list file %s cannot be read", path)
            with _lock:
                _crl_files[path] = (key, crl)
        if crl is not None:
            crls.append(crl)
    return crls


def config_digest(config):
    """Changes whenever a setting or a CRL file that verification depends on changes."""
    parts = [
        config.trust_anchors,
        config.intermediate_certificates,
        repr(config.check_revocation),
    ]
    if config.check_revocation:
        for path in config.crl_files:
            parts.append(f"{path}\x00{_stat_key(path)!r}")
    return hashlib.sha256("\x01".join(parts).encode("utf-8")).hexdigest()


def clear_caches():
    """Forget every cached bundle, CRL and result (tests; a changed trust store)."""
    with _lock:
        _bundles.clear()
        _crl_files.clear()
        _results.clear()
        _recent_audits.clear()


def _cached_result(key):
    with _lock:
        entry = _results.get(key)
        if entry is None:
            return None
        if entry[0] <= time.monotonic():
            del _results[key]
            return None
        _results.move_to_end(key)
        return entry[1]


def _store_result(key, outcome, ttl):
    with _lock:
        _results[key] = (time.monotonic() + ttl, outcome)
        _results.move_to_end(key)
        while len(_results) > RESULT_CACHE_SIZE:
            _results.popitem(last=False)


def verify_header(value, config, now=None):
    """Verify the header value against ``config``; an :class:`Outcome` (never raises)."""
    try:
        certificate = parse_client_certificate(value)
    except CertificateRejected as error:
        return Outcome("refused", reason=error.reason)
    fingerprint = fingerprint_sha256(certificate)
    key = (fingerprint, config_digest(config))
    if now is None:
        cached = _cached_result(key)
        if cached is not None:
            return replace(cached, cached=True)
    try:
        identity = verify_authentication_certificate(
            certificate,
            _bundle(config.intermediate_certificates),
            _bundle(config.trust_anchors),
            now=now,
            crls=load_crls(config.crl_files) if config.check_revocation else (),
            check_revocation=config.check_revocation,
            rrn_validator=is_valid_rrn,
        )
    except CertificateRejected as error:
        outcome = Outcome("refused", reason=error.reason, fingerprint=fingerprint)
        ttl = RESULT_TTL
    else:
        outcome = Outcome("verified", fingerprint=fingerprint, identity=identity)
        remaining = (identity.not_after - datetime.now(UTC)).total_seconds()
        ttl = max(0, min(RESULT_TTL, remaining))
    if now is None and ttl > 0:
        _store_result(key, outcome, ttl)
    return outcome


def verify_request(request, config=None):
    """The :class:`Outcome` of ``request``'s certificate header (computed once per request)."""
    outcome = request.other.get(OUTCOME_KEY)
    if outcome is not None:
        return outcome
    header = config.certificate_header if config is not None else _record(
        "certificate_header", EidConfig.certificate_header
    )
    value = request.getHeader(header) if header else None
    client = _client_address(request)
    if not value or not value.strip():
        # The common case: one registry read per request, nothing else.
        outcome = Outcome("absent", client=client)
        request.other[OUTCOME_KEY] = outcome
        return outcome
    config = config or read_config()
    if not is_trusted_proxy(client, config.trusted_proxies):
        outcome = Outcome("ignored", reason=UNTRUSTED_SOURCE, client=client)
    elif not _secret_matches(request.getHeader(config.proxy_secret_header), config.proxy_secret):
        outcome = Outcome("ignored", reason=BAD_PROXY_SECRET, client=client)
    else:
        outcome = replace(verify_header(value, config), client=client)
    request.other[OUTCOME_KEY] = outcome
    return outcome


# --- audit and log ---------------------------------------------------------------


@contextmanager
def writes_marked_safe(request):
    """Mark what the block writes as intended for plone.protect's automatic CSRF check.

    The audit log is written during authentication on any request, GET
    included; without this a refusal on an ordinary page would turn it into
    plone.protect's "confirm action" page.
    """
    jar = getattr(api.portal.get(), "_p_jar", None)
    before = {id(obj) for obj in getattr(jar, "_registered_objects", ())}
    try:
        yield
    finally:
        for obj in list(getattr(jar, "_registered_objects", ())):
            if id(obj) not in before and getattr(obj, "_p_oid", None) is not None:
                safeWrite(obj, request)


def _repeated(entry_key):
    """Whether the same entry was recorded less than AUDIT_REPEAT_DELAY seconds ago."""
    now = time.monotonic()
    with _lock:
        last = _recent_audits.get(entry_key)
        if last is not None and now - last < AUDIT_REPEAT_DELAY:
            return True
        _recent_audits[entry_key] = now
        _recent_audits.move_to_end(entry_key)
        while len(_recent_audits) > RESULT_CACHE_SIZE:
            _recent_audits.popitem(last=False)
    return False


def record_outcome(request, outcome, always=False):
    """Audit and log a refused or ignored certificate, at most once per request.

    On ordinary requests (``always`` false) the same refusal from the same
    client is recorded once per :data:`AUDIT_REPEAT_DELAY`; the login page
    records every attempt.
    """
    if outcome.status not in ("refused", "ignored") or request.other.get(AUDITED_KEY):
        return False
    entry_key = (outcome.status, outcome.reason, outcome.client, outcome.fingerprint)
    if _repeated(entry_key) and not always:
        return False
    request.other[AUDITED_KEY] = True
    if outcome.status == "ignored":
        logger.warning(
            "Ignored an eID certificate header from %s (%s)", outcome.client, outcome.reason
        )
    else:
        logger.warning(
            "Refused an eID certificate: %s (fingerprint %s)", outcome.reason, outcome.fingerprint
        )
    details = {"reason": outcome.reason, "client": outcome.client, "provider": "eid"}
    if outcome.fingerprint:
        details["fingerprint"] = outcome.fingerprint
    with writes_marked_safe(request):
        audit.append(outcome.status, **details)
    return True
