"""1007: an entry's translations are edited as one row a language instead of JSON.

The stored value keeps its shape (a dict by language); the step only makes every
entry's value one that the rows show as it is: no value becomes ``{}``, an empty
part (``"title": ""``) goes (it meant "the site's language", as a missing one
does). A value that a row could not show (another shape, written by hand
before the JSON was checked) is kept as it is and named in the log, for a
person to look at: never dropped.
"""

from communesplone.directory import logger
from communesplone.directory.translations import check_translations
from plone import api
from zope.schema import ValidationError


def rows_shape(value):
    """``value`` as the rows store it, or None when it is not a dict by language of dicts."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        return None
    shaped = {}
    for language, texts in value.items():
        if not isinstance(texts, dict):
            return None
        shaped[language] = {name: text for name, text in texts.items()
                            if text not in (None, "")}
    return shaped


def upgrade(setup_tool):
    for brain in api.content.find(portal_type="Business"):
        business = brain.getObject()
        value = getattr(business, "translations", None)
        shaped = rows_shape(value)
        if shaped is None:
            logger.warning("%s: translations kept as they are, not a dict by language",
                           brain.getPath())
            continue
        try:
            check_translations(shaped)
        except ValidationError:
            logger.warning("%s: translations kept; the form refuses some of them until "
                           "they are corrected", brain.getPath())
        if shaped != value or type(value) is not dict:
            business.translations = shaped
