"""The "Commune" control panel, in Site Setup and at ``@controlpanels/commune``."""

from communesplone.core import _
from communesplone.core.interfaces import ICommuneSettings
from communesplone.core.languages import LANGUAGE_CODES
from communesplone.core.languages import commune_languages
from communesplone.core.languages import default_language
from communesplone.core.interfaces import ICommunesploneCoreLayer
from plone.app.registry.browser.controlpanel import ControlPanelFormWrapper
from plone.app.registry.browser.controlpanel import RegistryEditForm
from plone.restapi.controlpanels import RegistryConfigletPanel
from plone.z3cform import layout
from zope.component import adapter
from zope.interface import Interface

#: The registry prefix of the commune settings; add-ons read records under it.
PREFIX = "communesplone.core"


class CommuneSettingsEditForm(RegistryEditForm):
    schema = ICommuneSettings
    schema_prefix = PREFIX
    label = _("title_commune_controlpanel", default="Commune")
    description = _(
        "description_commune_controlpanel",
        default="The identity of the commune: name, codes, address, account "
        "and the languages it serves its citizens in.",
    )

    def updateFields(self):
        """The name, address and opening hours "in Dutch", "in German"... only for the
        languages the commune serves besides its own (REST still reads and writes them all)."""
        super().updateFields()
        hidden = unserved_hours_fields()
        self.fields = self.fields.omit(*hidden)
        for group in self.groups:
            group.fields = group.fields.omit(*hidden)


#: The settings written once per language (``<name>_<language>``).
PER_LANGUAGE = ("commune_name", "postal_address", "opening_hours")


def unserved_hours_fields():
    """The ``<setting>_<language>`` fields (name, address, opening hours) of the
    languages nobody reads here."""
    others = [code for code in commune_languages() if code != default_language()]
    return [f"{name}_{code}" for name in PER_LANGUAGE
            for code in LANGUAGE_CODES if code not in others]


CommuneSettingsView = layout.wrap_form(CommuneSettingsEditForm, ControlPanelFormWrapper)


@adapter(Interface, ICommunesploneCoreLayer)
class CommuneControlpanel(RegistryConfigletPanel):
    """The same settings through plone.restapi's ``@controlpanels``."""

    schema = ICommuneSettings
    schema_prefix = PREFIX
    configlet_id = "communesplone-commune"
    configlet_category_id = "plone-general"
