"""The "Identity providers" control panel (OpenID Connect), in Site Setup and REST."""

from communesplone.eid import _
from communesplone.eid.interfaces import ICommunesploneEidLayer
from communesplone.eid.oidc_settings import IOidcSettings
from plone.app.registry.browser.controlpanel import ControlPanelFormWrapper
from plone.app.registry.browser.controlpanel import RegistryEditForm
from plone.restapi.controlpanels import RegistryConfigletPanel
from plone.z3cform import layout
from zope.component import adapter
from zope.interface import Interface

PREFIX = "communesplone.eid.oidc"


class OidcSettingsForm(RegistryEditForm):
    schema = IOidcSettings
    schema_prefix = PREFIX
    label = _("title_oidc_controlpanel", default="Identity providers")
    description = _(
        "description_oidc_controlpanel",
        default="The OpenID Connect providers (CSAM/FAS, itsme, FranceConnect, the commune's "
        "Keycloak...) citizens may identify themselves with, and the level each "
        "answer (acr) is worth.",
    )


OidcSettingsView = layout.wrap_form(OidcSettingsForm, ControlPanelFormWrapper)


@adapter(Interface, ICommunesploneEidLayer)
class OidcControlpanel(RegistryConfigletPanel):
    schema = IOidcSettings
    schema_prefix = PREFIX
    configlet_id = "communesplone-identity-providers"
    configlet_category_id = "plone-users"
