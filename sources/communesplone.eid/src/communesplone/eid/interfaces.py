"""Interfaces of communesplone.eid: its browser layer and the eID settings."""

from communesplone.eid import _
from communesplone.eid.constraints import file_path_constraint
from communesplone.eid.constraints import header_name_constraint
from communesplone.eid.constraints import pem_bundle_constraint
from communesplone.eid.constraints import proxy_address_constraint
from plone.supermodel import model
from zope import schema
from zope.publisher.interfaces.browser import IDefaultBrowserLayer
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary

#: The registry prefix of the eID settings.
PREFIX = "communesplone.eid"

MEMBER_POLICIES = SimpleVocabulary(
    [
        SimpleTerm(
            "create", title=_("eid_policy_create", default="Create a member account at first login")
        ),
        SimpleTerm(
            "link",
            title=_(
                "eid_policy_link",
                default="Link to an existing account: the person logs in with their password first",
            ),
        ),
    ]
)


class ICommunesploneEidLayer(IDefaultBrowserLayer):
    """Marker for the browser layer of communesplone.eid."""


class IEidSettings(model.Schema):
    """How the site receives and checks the eID card's certificate.

    Registry records under the prefix ``communesplone.eid``.
    """

    certificate_header = schema.TextLine(
        title=_("label_eid_certificate_header", default="Certificate header"),
        description=_(
            "help_eid_certificate_header",
            default="The request header in which the reverse proxy forwards the client "
            "certificate (nginx: $ssl_client_escaped_cert).",
        ),
        required=True,
        default="X-Client-Cert",
        constraint=header_name_constraint,
    )

    trusted_proxies = schema.List(
        title=_("label_eid_trusted_proxies", default="Addresses of the reverse proxy"),
        description=_(
            "help_eid_trusted_proxies",
            default="The certificate header is honoured only on connections from these "
            "addresses or networks, one per line (e.g. 127.0.0.1, ::1, 10.0.0.0/24).",
        ),
        value_type=schema.TextLine(constraint=proxy_address_constraint),
        required=False,
        default=["127.0.0.1", "::1"],
        missing_value=[],
    )

    proxy_secret_header = schema.TextLine(
        title=_("label_eid_proxy_secret_header", default="Proxy secret header"),
        description=_(
            "help_eid_proxy_secret_header",
            default="The request header in which the reverse proxy sends the shared secret below.",
        ),
        required=True,
        default="X-Eid-Proxy-Secret",
        constraint=header_name_constraint,
    )

    proxy_secret = schema.TextLine(
        title=_("label_eid_proxy_secret", default="Proxy secret"),
        description=_(
            "help_eid_proxy_secret",
            default="Generated at installation. Copy it into the reverse proxy's configuration "
            "(proxy_set_header X-Eid-Proxy-Secret ...;); without it the certificate header is "
            "ignored.",
        ),
        required=False,
        default="",
    )

    trust_anchors = schema.Text(
        title=_("label_eid_trust_anchors", default="Root certificates"),
        description=_(
            "help_eid_trust_anchors",
            default="PEM certificates of the Belgian eID roots. Only cards chaining to one of "
            "them are accepted; the server's own trust store is never used.",
        ),
        required=False,
        default="",
        constraint=pem_bundle_constraint,
    )

    intermediate_certificates = schema.Text(
        title=_("label_eid_intermediate_certificates", default="Intermediate certificates"),
        description=_(
            "help_eid_intermediate_certificates",
            default="PEM certificates of the issuing CAs (Citizen CA, Foreigner CA).",
        ),
        required=False,
        default="",
        constraint=pem_bundle_constraint,
    )

    check_revocation = schema.Bool(
        title=_("label_eid_check_revocation", default="Check revocation"),
        description=_(
            "help_eid_check_revocation",
            default="Refuse a card whose certificate is revoked, and any card when no current "
            "revocation list of its issuer is available.",
        ),
        required=False,
        default=True,
    )

    crl_files = schema.List(
        title=_("label_eid_crl_files", default="Revocation list files"),
        description=_(
            "help_eid_crl_files",
            default="Absolute paths of the CRL files (PEM or DER) of the issuing CAs, one per "
            "line. The site reads them from disk and never downloads them: refresh them with "
            "a scheduled job.",
        ),
        value_type=schema.TextLine(constraint=file_path_constraint),
        required=False,
        default=[],
        missing_value=[],
    )

    member_policy = schema.Choice(
        title=_("label_eid_member_policy", default="First login with the eID card"),
        vocabulary=MEMBER_POLICIES,
        required=True,
        default="create",
    )

    eid_only_login = schema.Bool(
        title=_("label_eid_only_login", default="Log in with the eID card only"),
        description=_(
            "help_eid_only_login",
            default="Send every person who must log in to the eID login instead of the "
            "password form.",
        ),
        required=False,
        default=False,
    )
