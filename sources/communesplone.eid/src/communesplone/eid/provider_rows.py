"""The OpenID Connect providers as rows of the control panel, stored as before.

The registry record ``communesplone.eid.oidc.providers`` stays the JSON list
that :func:`~communesplone.eid.oidc_settings.parse_providers`, the login and
``@controlpanels/identity-providers`` read. An administrator used to type that
JSON; the "Identity providers" control panel now shows one row a provider,
its maps (acr value to level, claim to attribute) as one ``name = value`` a
line, each mistake said beside its cell in the site's language. A row keeps
the provider as it was: keys a provider never had come back with their
defaults, which mean the same.
"""

from communesplone.core.levels import LEVELS
from communesplone.core.rows import BlockRowsWidgetFactory
from communesplone.core.rows import RowsList
from communesplone.core.rows import ShapedRow
from communesplone.eid import _
from communesplone.eid.oidc import DEFAULT_ATTRIBUTE_MAP
from communesplone.eid.oidc import IDENTITY_ATTRIBUTES
from communesplone.eid.oidc import _check_issuer_url
from communesplone.eid.oidc_settings import _PROVIDER_ID
from communesplone.eid.oidc_settings import parse_providers
from plone.autoform import directives
from plone.supermodel import model
from zope import schema
from zope.interface import Interface

import json

DEFAULT_SCOPES = ("openid", "profile")
DEFAULT_TIMEOUT = 10

MSG_ID = _("error_oidc_provider_id",
           default="Lower-case letters, digits, - and _ (at most 32), starting with a letter.")
MSG_ID_TWICE = _("error_oidc_provider_id_twice",
                 default="Another provider above already has this identifier.")
MSG_ISSUER = _("error_oidc_provider_issuer",
               default="The issuer is an https address (http only for this machine).")
MSG_ACR = _("error_oidc_provider_acr",
            default="One line an acr value: value = level (low, substantial or high).")
MSG_REQUESTED = _("error_oidc_provider_requested_acr",
                  default="One line a level: level = the acr value to ask for it.")
MSG_ATTRIBUTES = _("error_oidc_provider_attributes",
                   default="One line a claim: claim = given_names, surname, "
                   "national_number or email.")
MSG_TIMEOUT = _("error_oidc_provider_timeout",
                default="A number of seconds, from 1 to 120.")
MSG_PROVIDER = _("error_oidc_provider_refused",
                 default="This provider cannot be used as it is written.")


class IProviderRow(Interface):
    """One OpenID Connect provider."""

    enabled = schema.Bool(title=_("label_oidc_provider_enabled", default="Offered to citizens"),
                          required=False, default=True)
    id = schema.TextLine(
        title=_("label_oidc_provider_id", default="Identifier"),
        description=_("help_oidc_provider_id", default="E.g. fas; part of the login address."),
        required=True, max_length=32)
    title = schema.TextLine(title=_("label_oidc_provider_title", default="Name shown to citizens"),
                            required=True, max_length=200)
    issuer = schema.TextLine(
        title=_("label_oidc_provider_issuer", default="Issuer"),
        description=_("help_oidc_provider_issuer",
                      default="Its https address, as its documentation gives it."),
        required=True, max_length=500)
    client_id = schema.TextLine(title=_("label_oidc_provider_client_id", default="Client ID"),
                                required=True, max_length=500)
    client_secret = schema.TextLine(
        title=_("label_oidc_provider_client_secret", default="Client secret"),
        required=False, default="", max_length=500)
    scopes = schema.TextLine(
        title=_("label_oidc_provider_scopes", default="Scopes"),
        description=_("help_oidc_provider_scopes",
                      default="Separated by spaces, e.g. openid profile egovnrn"),
        required=False, default=" ".join(DEFAULT_SCOPES), max_length=500)
    acr_levels = schema.Text(
        title=_("label_oidc_provider_acr_levels", default="Levels of the answers (acr)"),
        description=_("help_oidc_provider_acr_levels",
                      default="One line each: acr value = low, substantial or high."),
        required=False, default="", max_length=5000)
    requested_acr = schema.Text(
        title=_("label_oidc_provider_requested_acr", default="acr value asked per level"),
        description=_("help_oidc_provider_requested_acr",
                      default="Optional; one line each: level = acr value."),
        required=False, default="", max_length=5000)
    attribute_map = schema.Text(
        title=_("label_oidc_provider_attribute_map", default="Claims read"),
        description=_("help_oidc_provider_attribute_map",
                      default="One line each: claim = given_names, surname, "
                      "national_number or email."),
        required=False, default="", max_length=5000)
    timeout = schema.TextLine(
        title=_("label_oidc_provider_timeout", default="Waiting time (seconds)"),
        required=False, default=str(DEFAULT_TIMEOUT), max_length=10)
    verify_tls = schema.Bool(
        title=_("label_oidc_provider_verify_tls", default="Check the provider's certificate"),
        required=False, default=True)
    fetch_userinfo = schema.Bool(
        title=_("label_oidc_provider_fetch_userinfo",
                default="Ask the provider for the person's details (userinfo)"),
        required=False, default=True)


MAPS = ("acr_levels", "requested_acr", "attribute_map")


def map_lines(mapping):
    """``{"a": "b"}`` -> ``"a = b"`` a line."""
    return "\n".join(f"{key} = {value}" for key, value in (mapping or {}).items())


def read_lines(text):
    """``"a = b"`` a line -> ``{"a": "b"}``; the text itself when a line cannot be read
    (the row's check names it: nothing typed is lost)."""
    mapping = {}
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        key, sep, value = line.partition("=")
        if not sep or not key.strip() or not value.strip():
            return text
        mapping[key.strip()] = value.strip()
    return mapping


def to_row(provider):
    """A provider of the JSON list -> the row's columns (defaults where it has none)."""
    provider = provider if isinstance(provider, dict) else {}
    timeout = provider.get("timeout", DEFAULT_TIMEOUT)
    return {
        "enabled": bool(provider.get("enabled", True)),
        "id": provider.get("id") or None,
        "title": provider.get("title") or None,
        "issuer": provider.get("issuer") or None,
        "client_id": provider.get("client_id") or None,
        "client_secret": provider.get("client_secret") or "",
        "scopes": " ".join(provider.get("scopes") or DEFAULT_SCOPES),
        "acr_levels": map_lines(provider.get("acr_levels")),
        "requested_acr": map_lines(provider.get("requested_acr")),
        "attribute_map": map_lines(provider.get("attribute_map", DEFAULT_ATTRIBUTE_MAP)),
        "timeout": str(timeout),
        "verify_tls": bool(provider.get("verify_tls", True)),
        "fetch_userinfo": bool(provider.get("fetch_userinfo", True)),
    }


def _number(text):
    try:
        number = float(str(text).strip().replace(",", "."))
    except ValueError:
        return text
    return int(number) if number.is_integer() else number


def to_stored(row):
    """The row's columns -> the provider as the JSON list holds it."""
    return {
        "id": (row.get("id") or "").strip(),
        "title": (row.get("title") or "").strip(),
        "issuer": (row.get("issuer") or "").strip(),
        "client_id": (row.get("client_id") or "").strip(),
        "client_secret": (row.get("client_secret") or "").strip(),
        "scopes": (row.get("scopes") or "").split() or list(DEFAULT_SCOPES),
        "acr_levels": read_lines(row.get("acr_levels")),
        "requested_acr": read_lines(row.get("requested_acr")),
        "attribute_map": read_lines(row.get("attribute_map")),
        "timeout": _number(row.get("timeout") or DEFAULT_TIMEOUT),
        "verify_tls": bool(row.get("verify_tls")),
        "fetch_userinfo": bool(row.get("fetch_userinfo")),
        "enabled": bool(row.get("enabled")),
    }


def _row_problems(provider):
    """``[(column, message)]`` of one provider."""
    problems = []
    if not _PROVIDER_ID.match(str(provider.get("id", ""))):
        problems.append(("id", MSG_ID))
    try:
        _check_issuer_url(str(provider.get("issuer", "")))
    except ValueError:
        problems.append(("issuer", MSG_ISSUER))
    levels = provider.get("acr_levels")
    if not isinstance(levels, dict) or any(level not in LEVELS for level in levels.values()):
        problems.append(("acr_levels", MSG_ACR))
    requested = provider.get("requested_acr")
    if not isinstance(requested, dict) or any(level not in LEVELS for level in requested):
        problems.append(("requested_acr", MSG_REQUESTED))
    attributes = provider.get("attribute_map")
    if not isinstance(attributes, dict) or any(
            name not in IDENTITY_ATTRIBUTES for name in attributes.values()):
        problems.append(("attribute_map", MSG_ATTRIBUTES))
    timeout = provider.get("timeout")
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) \
            or not 1 <= timeout <= 120:
        problems.append(("timeout", MSG_TIMEOUT))
    if not problems:
        try:
            parse_providers(json.dumps([provider]))
        except (ValueError, TypeError):
            problems.append(("id", MSG_PROVIDER))
    return problems


def provider_problems(providers):
    """``[(index, column, message)]`` of the list: each row's, and an identifier twice."""
    problems, seen = [], set()
    for index, provider in enumerate(providers or ()):
        for column, message in _row_problems(provider):
            problems.append((index, column, message))
        if provider.get("id") in seen:
            problems.append((index, "id", MSG_ID_TWICE))
        seen.add(provider.get("id"))
    return problems


def providers_rows(**kw):
    """The control panel's ``providers`` field: one row a provider, each a dict of the list."""
    return RowsList(value_type=ShapedRow(schema=IProviderRow, to_row=to_row,
                                         to_stored=to_stored, stored_type=dict),
                    problems=provider_problems, **kw)


class IOidcProvidersForm(model.Schema):
    """What the "Identity providers" control panel shows (the record holds it as JSON)."""

    directives.widget("providers", BlockRowsWidgetFactory)
    providers = providers_rows(
        title=_("label_oidc_providers_rows", default="OpenID Connect providers"),
        description=_(
            "help_oidc_providers_rows",
            default="One row a provider. The redirect URI to register at the provider is "
            "the site's address followed by /@@oidc-callback.",
        ),
        required=False, default=[], missing_value=[],
    )
