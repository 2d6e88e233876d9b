"""zope.schema constraints of the eID settings, with translated messages.

As in :mod:`communesplone.core.constraints`: a constraint raises a
:class:`zope.schema.ValidationError` subclass whose docstring is the message
z3c.form and plone.restapi show, instead of the generic "Constraint not
satisfied". Empty values pass (``required`` decides).
"""

from communesplone.eid import _
from communesplone.eid.certificates import load_pem_bundle
from zope.schema import ValidationError

import ipaddress
import posixpath
import re

_HEADER_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]{0,63}$")


class InvalidPEMBundle(ValidationError):
    __doc__ = _(
        "error_eid_invalid_pem_bundle",
        default="This is not a bundle of PEM certificates: paste one or more blocks "
        "starting with -----BEGIN CERTIFICATE-----.",
    )


class InvalidProxyAddress(ValidationError):
    __doc__ = _(
        "error_eid_invalid_proxy_address",
        default="This is not an IP address or network (e.g. 127.0.0.1, ::1 or 10.0.0.0/24).",
    )


class InvalidFilePath(ValidationError):
    __doc__ = _(
        "error_eid_invalid_file_path",
        default="Give the absolute path of a file on the server, "
        "e.g. /var/lib/eid/crl/citizenca.crl.",
    )


class InvalidHeaderName(ValidationError):
    __doc__ = _(
        "error_eid_invalid_header_name",
        default="This is not a request header name: letters, digits and dashes, "
        "e.g. X-Client-Cert.",
    )


def header_name_constraint(value) -> bool:
    """Accept an empty value or an HTTP header name (letters, digits, dashes)."""
    if value is None or value == "":
        return True
    if not isinstance(value, str) or not _HEADER_NAME.match(value):
        raise InvalidHeaderName(value)
    return True


def pem_bundle_constraint(value) -> bool:
    """Accept an empty value or text holding one or more parsable PEM certificates."""
    if value is None or not value.strip():
        return True
    try:
        load_pem_bundle(value)
    except (ValueError, TypeError, UnicodeEncodeError):
        raise InvalidPEMBundle(value) from None
    return True


def parse_network(value):
    """``ipaddress`` network of an address or CIDR network; ValueError otherwise."""
    if not isinstance(value, str) or value != value.strip() or not value:
        raise ValueError("not an address")
    return ipaddress.ip_network(value, strict=False)


def proxy_address_constraint(value) -> bool:
    """Accept an empty value or an IPv4/IPv6 address or network."""
    if value is None or value == "":
        return True
    try:
        parse_network(value)
    except ValueError:
        raise InvalidProxyAddress(value) from None
    return True


def file_path_constraint(value) -> bool:
    """Accept an empty value or an absolute, normalised path (never a URL)."""
    if value is None or value == "":
        return True
    if (
        not isinstance(value, str)
        or not value.startswith("/")
        or "\x00" in value
        or "\n" in value
        or posixpath.normpath(value) != value
    ):
        raise InvalidFilePath(value)
    return True
