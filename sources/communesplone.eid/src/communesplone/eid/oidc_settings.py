"""The OpenID Connect providers a site accepts (FAS/CSAM, itsme, FranceConnect, Keycloak...).

Stored as one JSON list in the registry (``communesplone.eid.oidc.providers``),
edited in the "Identity providers" control panel (one row a provider:
:mod:`communesplone.eid.provider_rows`) or ``@controlpanels/identity-providers``
(the JSON text itself):

    [{"id": "fas", "title": "CSAM (itsme, eID, TOTP)",
      "issuer": "https://idp.iamfas.belgium.be/fas/oauth2",
      "client_id": "...", "client_secret": "...",
      "scopes": ["openid", "profile", "egovnrn"],
      "acr_levels": {"urn:be:fedict:iam:fas:Level500": "high",
                     "urn:be:fedict:iam:fas:Level400": "substantial"},
      "attribute_map": {"givenName": "given_names", "surname": "surname",
                        "egovNRN": "national_number"},
      "enabled": true}]
"""

from communesplone.eid import _
from communesplone.eid.oidc import ProviderConfig
from communesplone.core.assurance import level_rank
from plone import api
from plone.supermodel import model
from zope import schema
from zope.schema import ValidationError

import json
import re

_PROVIDER_ID = re.compile(r"^[a-z][a-z0-9_-]{0,31}$")
_KEYS = {
    "id", "title", "issuer", "client_id", "client_secret", "scopes", "acr_levels",
    "requested_acr", "attribute_map", "timeout", "verify_tls", "fetch_userinfo", "enabled",
}


class InvalidProviders(ValidationError):
    __doc__ = _(
        "error_invalid_oidc_providers",
        default="The identity providers must be a JSON list of providers, each with id, "
        "title, issuer (https), client_id, client_secret and acr_levels.",
    )


def parse_providers(text):
    """``[(ProviderConfig, enabled)]`` from the JSON text; ValueError naming the problem."""
    data = json.loads(text or "[]")
    if not isinstance(data, list):
        raise ValueError("a JSON list is expected")
    providers, seen = [], set()
    for item in data:
        if not isinstance(item, dict):
            raise ValueError("each provider is a JSON object")
        unknown = set(item) - _KEYS
        if unknown:
            raise ValueError(f"unknown keys {sorted(unknown)}")
        item = dict(item)
        enabled = bool(item.pop("enabled", True))
        if not _PROVIDER_ID.match(str(item.get("id", ""))) or item["id"] in seen:
            raise ValueError(f"invalid or repeated provider id {item.get('id')!r}")
        seen.add(item["id"])
        providers.append((ProviderConfig(**item), enabled))
    return providers


def providers_constraint(value):
    try:
        parse_providers(value)
    except (ValueError, TypeError) as error:
        raise InvalidProviders(str(error)) from error
    return True


class IOidcSettings(model.Schema):
    """OpenID Connect identity providers (prefix ``communesplone.eid.oidc``)."""

    providers = schema.Text(
        title=_("label_oidc_providers", default="OpenID Connect providers (JSON)"),
        description=_(
            "help_oidc_providers",
            default="One entry per provider: id, title, issuer, client_id, client_secret, "
            "scopes, acr_levels (acr value to level: low, substantial, high), attribute_map "
            "and enabled. The redirect URI to register at the provider is the site's "
            "address followed by /@@oidc-callback.",
        ),
        required=False,
        default="[]",
        missing_value="[]",
        constraint=providers_constraint,
    )


def enabled_providers():
    """``{id: ProviderConfig}`` of the enabled providers of the current site."""
    text = api.portal.get_registry_record("communesplone.eid.oidc.providers", default="[]")
    try:
        return {config.id: config for config, enabled in parse_providers(text) if enabled}
    except (ValueError, TypeError):
        return {}


def highest_level(config):
    """The strongest level a provider can certify (what the step-up page offers it for)."""

    levels = list(config.acr_levels.values()) or ["none"]
    return max(levels, key=level_rank)
