"""An entry's translations as rows of a form, stored as before.

``Business.translations`` stays the dict by language that REST, the JSON-LD,
the exports, the indexers and :meth:`Business.translated` read:
``{"nl": {"title": ..., "description": ..., "text": ...}, "de": {...}}``.
Staff and owners used to type that JSON into a text box; they now fill one
row a language (the language, the name, the short description, the long
text), each row checked with its message beside it, without JavaScript too.
A language named twice is refused in its second row (one of the two would
otherwise be lost); an unknown language or a text over its limit is refused
by REST with the same message as before.
"""

from communesplone.core.languages import default_language
from communesplone.core.rows import Row
from communesplone.core.rows import RowsDict
from communesplone.core.textlimits import NAME_MAX
from communesplone.core.textlimits import check_text
from communesplone.core.textlimits import limit_texts
from communesplone.directory import _
from communesplone.directory.constraints import translations_constraint
from zope import schema
from zope.interface import Interface
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary

#: The languages an entry may be translated into, with their names.
TRANSLATION_LANGUAGES = (
    ("fr", _("directory_language_fr", default="French")),
    ("nl", _("directory_language_nl", default="Dutch")),
    ("de", _("directory_language_de", default="German")),
    ("en", _("directory_language_en", default="English")),
)
#: The vocabulary of the row's language (registered in the directory's configure.zcml).
LANGUAGES_VOCABULARY = "communesplone.directory.TranslationLanguages"
#: The long text of a translation: what the JSON box accepted (the site-language
#: long description is a rich text without a limit of ours).
TEXT_MAX = 20000
#: A short description, as Plone's own (a Text of limit_texts' size).
DESCRIPTION_MAX = 5000

MSG_TWICE = _("directory_error_translation_twice",
              default="This language already has its row above: write its texts there.")


@provider(IVocabularyFactory)
def translation_languages(context):
    """The four languages, the site's own last.

    The site's own stays offered: REST always accepted it, and an entry that
    holds it (a shorter name on the site-language pages) must show that row as
    it is; the grid's rows are bound to no entry, so the choice cannot depend on
    what one entry holds.
    """
    site = default_language()
    ordered = sorted(TRANSLATION_LANGUAGES, key=lambda item: item[0] == site)
    return SimpleVocabulary([SimpleTerm(code, code, title) for code, title in ordered])


class ITranslationRow(Interface):
    """One language of an entry's translations."""

    language = schema.Choice(
        title=_("label_translation_language", default="Language"),
        vocabulary=LANGUAGES_VOCABULARY,
        required=True,
    )
    title = schema.TextLine(
        title=_("label_translation_title", default="Name"),
        required=False, max_length=NAME_MAX,
    )
    description = schema.Text(
        title=_("label_translation_description", default="Short description"),
        required=False, max_length=DESCRIPTION_MAX,
    )
    text = schema.Text(
        title=_("label_translation_text", default="Long description"),
        description=_("help_translation_text",
                      default="Plain text; an empty line starts a new paragraph."),
        required=False, max_length=TEXT_MAX,
    )


limit_texts(ITranslationRow)  # no control characters; the limits above


def check_translations(value):
    """The stored dict: the shape (languages, parts) and the rows' text limits, so REST
    refuses what the form refuses, with the same messages."""
    translations_constraint(value)
    for texts in (value or {}).values():
        for name, text in texts.items():
            field = ITranslationRow[name]
            check_text(text, field.max_length, name == "title")


def translations_field(**kw):
    """The ``translations`` field: one row a language, stored as the dict by language."""
    return RowsDict(key="language", check=check_translations, duplicate=MSG_TWICE,
                    value_type=Row(schema=ITranslationRow), **kw)
