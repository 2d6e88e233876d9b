"""Vocabularies shared by every CommunesPlone add-on."""

from communesplone.core import _
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary

#: The languages a Belgian commune may serve its citizens in, in the order
#: they are offered. French first: it is the platform's default.
LANGUAGES = (
    ("fr", _("language_fr", default="French")),
    ("nl", _("language_nl", default="Dutch")),
    ("en", _("language_en", default="English")),
    ("de", _("language_de", default="German")),
)


@provider(IVocabularyFactory)
def languages_vocabulary(context):
    """The languages a commune can enable (`communesplone.core.Languages`)."""
    return SimpleVocabulary(
        [SimpleTerm(value=code, token=code, title=title) for code, title in LANGUAGES]
    )


#: Licences a commune can publish its open data under, as ``(token, URL, title)``: the
#: URL is what OParl 1.1's ``license`` field and docs/opendata.md give a reuser.
#: CC BY 4.0 comes first and is the default: open to any reuse, only asking that the
#: commune be named.
OPEN_DATA_LICENSES = (
    ("cc-by-4.0", "https://creativecommons.org/licenses/by/4.0/",
     _("license_cc_by_4", default="Creative Commons Attribution 4.0 (CC BY 4.0)")),
    ("cc0-1.0", "https://creativecommons.org/publicdomain/zero/1.0/",
     _("license_cc0_1", default="Public domain dedication (CC0 1.0)")),
    ("cc-by-sa-4.0", "https://creativecommons.org/licenses/by-sa/4.0/",
     _("license_cc_by_sa_4",
       default="Creative Commons Attribution-ShareAlike 4.0 (CC BY-SA 4.0)")),
    ("odbl-1.0", "https://opendatacommons.org/licenses/odbl/1-0/",
     _("license_odbl_1", default="Open Database License 1.0 (ODbL)")),
)
DEFAULT_OPEN_DATA_LICENSE = OPEN_DATA_LICENSES[0][1]


@provider(IVocabularyFactory)
def open_data_licenses_vocabulary(context):
    """The licences a commune can choose (`communesplone.core.OpenDataLicenses`)."""
    return SimpleVocabulary(
        [SimpleTerm(value=url, token=token, title=title)
         for token, url, title in OPEN_DATA_LICENSES]
    )
