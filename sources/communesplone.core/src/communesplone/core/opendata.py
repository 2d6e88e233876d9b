"""What every open data publication of the commune says about its licence.

One setting, ``open_data_license`` in the Commune control panel (a URL from
:data:`~communesplone.core.vocabularies.OPEN_DATA_LICENSES`, CC BY 4.0 unless the
commune chose otherwise), read here by the add-ons that publish data: OParl
gives it as ``license`` on its system, body and objects. Empty: no licence is
stated, and nothing claims one.
"""

from communesplone.core.vocabularies import OPEN_DATA_LICENSES
from plone import api

RECORD = "communesplone.core.open_data_license"


def open_data_license():
    """The URL of the commune's open data licence, or ``None`` when none is stated
    (or the site has not been upgraded to the record yet)."""
    value = api.portal.get_registry_record(RECORD, default=None)
    return value or None


def license_title(url):
    """The licence's name (a message to translate) for its URL; ``None`` if unknown."""
    return next((title for _token, known, title in OPEN_DATA_LICENSES if known == url), None)
