"""The council's names in the reader's language: its meetings, categories and items.

A meeting has no title of its own: it is called by its assembly and its date
("Gemeenteraad, dinsdag 22 december 2026"), written for each reader. The
categories are rows of the assembly's settings, written once; those still
named as :func:`~communesplone.deliberations.content.assembly.default_categories`
names them are shown in the reader's language (their message ids below), a
commune's own category as it was written. Item titles have their translations
(the ``communesplone.translations`` behavior, :func:`translated_title`).
"""

from communesplone.core.dates import day_text
from communesplone.core.languages import request_language
from communesplone.core.languages import translated_title
from communesplone.deliberations import _
from zope.i18n import translate

#: The default categories' names, by id (their French text is the stored default).
CATEGORY_TITLES = {
    "general": _("delib_category_general", default="General administration"),
    "minutes": _("delib_category_minutes", default="Minutes"),
    "finances": _("delib_category_finances", default="Finances"),
    "public-works": _("delib_category_public_works", default="Public works"),
    "education": _("delib_category_education", default="Education"),
    "staff": _("delib_category_staff", default="Staff"),
    "nominations": _("delib_category_nominations", default="Appointments"),
    "discipline": _("delib_category_discipline", default="Disciplinary matters"),
    "candidates": _("delib_category_candidates", default="Presentation of candidates"),
}
LANGUAGES = ("fr", "nl", "de", "en")


def category_title(entry, language=None):
    """The title of a category row (``{"id", "title"}``) in ``language``: a default
    category still under its default name (in any language) is translated."""
    title = (entry or {}).get("title") or ""
    message = CATEGORY_TITLES.get((entry or {}).get("id"))
    if message is None:
        return title
    names = {translate(message, target_language=code) for code in LANGUAGES}
    if title and title not in names | {message.default}:
        return title  # the commune renamed it: its own name
    return translate(message, target_language=language or request_language())


def meeting_title(meeting, language=None):
    """ "Gemeenteraad, dinsdag 22 december 2026": the meeting's own title if it has
    one, else its assembly's name and its day, in ``language``."""
    if meeting.title:
        return meeting.title
    language = language or request_language()
    assembly = meeting.get_assembly()
    name = translated_title(assembly, language) if assembly is not None else ""
    day = day_text(meeting.date, language, year=True) if meeting.date else ""
    return ", ".join(part for part in (name, day) if part)
