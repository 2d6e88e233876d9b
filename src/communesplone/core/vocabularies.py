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
