"""The "Belgian eID" control panel, in Site Setup and at ``@controlpanels/eid``."""

from communesplone.eid import _
from communesplone.eid.interfaces import ICommunesploneEidLayer
from communesplone.eid.interfaces import IEidSettings
from communesplone.eid.interfaces import PREFIX
from plone.app.registry.browser.controlpanel import ControlPanelFormWrapper
from plone.app.registry.browser.controlpanel import RegistryEditForm
from plone.restapi.controlpanels import RegistryConfigletPanel
from plone.z3cform import layout
from zope.component import adapter
from zope.interface import Interface


class EidSettingsEditForm(RegistryEditForm):
    schema = IEidSettings
    schema_prefix = PREFIX
    label = _("title_eid_controlpanel", default="Belgian eID")
    description = _(
        "description_eid_controlpanel",
        default="Log in with the Belgian eID card: how the reverse proxy forwards the card's "
        "certificate, which certificates are trusted, how revocation is checked and what "
        "happens at a person's first login.",
    )


EidSettingsView = layout.wrap_form(EidSettingsEditForm, ControlPanelFormWrapper)


@adapter(Interface, ICommunesploneEidLayer)
class EidControlpanel(RegistryConfigletPanel):
    """The same settings through plone.restapi's ``@controlpanels``."""

    schema = IEidSettings
    schema_prefix = PREFIX
    configlet_id = "communesplone-eid"
    configlet_category_id = "plone-users"
