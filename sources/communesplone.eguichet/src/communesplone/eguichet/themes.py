"""The themes of the e-guichet ("Population", "État civil") in the reader's language.

A document type's theme is free text, written once in the site's language. The
usual themes of a Belgian population office are message ids of the catalogue
(:data:`KNOWN_THEMES`): a theme written as one of them, in any language the
catalogue knows, is shown in the reader's language ("Bevolking" on a Dutch
page); a theme of the commune's own is shown as it was written.
"""

from communesplone.core.vocabularies import LANGUAGES
from communesplone.eguichet import _
from zope.i18n import translate

#: The themes that every commune's e-guichet has (those of the demo among them).
KNOWN_THEMES = (
    _("eguichet_demo_theme_population", default="Population"),
    _("eguichet_demo_theme_civil_status", default="Civil status"),
    _("eguichet_demo_theme_council", default="Council"),
)
CODES = tuple(code for code, _title in LANGUAGES)


def _known():
    """``{text as written (lower case): message}`` over every language."""
    known = {}
    for message in KNOWN_THEMES:
        known[message.default.lower()] = message
        for code in CODES:
            known.setdefault(translate(message, target_language=code).lower(), message)
    return known


def theme_in(theme, language):
    """``theme`` (free text) in ``language`` when it is a known theme, else as it is."""
    text = (theme or "").strip()
    message = _known().get(text.lower())
    return translate(message, target_language=language) if message is not None else text
