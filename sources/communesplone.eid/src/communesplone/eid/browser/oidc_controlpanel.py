"""The "Identity providers" control panel (OpenID Connect), in Site Setup and REST."""

from communesplone.eid import _
from communesplone.eid.interfaces import ICommunesploneEidLayer
from communesplone.eid.oidc_settings import IOidcSettings
from communesplone.eid.provider_rows import IOidcProvidersForm
from plone import api
from plone.app.registry.browser.controlpanel import ControlPanelFormWrapper
from plone.app.registry.browser.controlpanel import RegistryEditForm
from plone.restapi.controlpanels import RegistryConfigletPanel
from plone.z3cform import layout
from zope.component import adapter
from zope.interface import Interface
from zope.interface import implementer

import json

PREFIX = "communesplone.eid.oidc"
RECORD = f"{PREFIX}.providers"


@implementer(IOidcProvidersForm)
class ProvidersRecord:
    """The registry record seen as the form's rows: read from and written to its JSON."""

    @property
    def providers(self):
        text = api.portal.get_registry_record(RECORD, default="[]")
        try:
            data = json.loads(text or "[]")
        except ValueError:
            return []
        return [item for item in data if isinstance(item, dict)] \
            if isinstance(data, list) else []

    @providers.setter
    def providers(self, value):
        api.portal.set_registry_record(
            RECORD, json.dumps(list(value or []), ensure_ascii=False, indent=1))


class OidcSettingsForm(RegistryEditForm):
    """One row a provider (:mod:`communesplone.eid.provider_rows`); REST keeps the JSON."""

    schema = IOidcProvidersForm
    schema_prefix = PREFIX
    label = _("title_oidc_controlpanel", default="Identity providers")
    description = _(
        "description_oidc_controlpanel",
        default="The OpenID Connect providers (CSAM/FAS, itsme, FranceConnect, the commune's "
        "Keycloak...) citizens may identify themselves with, and the level each "
        "answer (acr) is worth.",
    )


    def getContent(self):
        return ProvidersRecord()


OidcSettingsView = layout.wrap_form(OidcSettingsForm, ControlPanelFormWrapper)


@adapter(Interface, ICommunesploneEidLayer)
class OidcControlpanel(RegistryConfigletPanel):
    schema = IOidcSettings
    schema_prefix = PREFIX
    configlet_id = "communesplone-identity-providers"
    configlet_category_id = "plone-users"
