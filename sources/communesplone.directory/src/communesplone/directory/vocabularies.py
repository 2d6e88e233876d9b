"""Vocabularies of the directory: the directory's categories, and the fixed lists."""

from communesplone.core.languages import request_language
from communesplone.directory import _
from communesplone.directory.categories import parse_names
from communesplone.directory.categories import translated
from communesplone.directory.interfaces import IBusinessDirectoryMarker
from communesplone.directory.interfaces import IBusinessMarker
from communesplone.directory.permissions import MODERATE
from plone import api
from zope.interface import provider
from zope.schema.interfaces import IContextSourceBinder
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


def _vocabulary(items):
    return SimpleVocabulary([SimpleTerm(value, value, title) for value, title in items])


LANGUAGES = _vocabulary((
    ("fr", _("directory_language_fr", default="French")),
    ("nl", _("directory_language_nl", default="Dutch")),
    ("de", _("directory_language_de", default="German")),
    ("en", _("directory_language_en", default="English")),
    ("es", _("directory_language_es", default="Spanish")),
    ("it", _("directory_language_it", default="Italian")),
    ("ar", _("directory_language_ar", default="Arabic")),
    ("tr", _("directory_language_tr", default="Turkish")),
    ("sgn", _("directory_language_sgn", default="Sign language")),
))

ACCESSIBILITY = _vocabulary((
    ("wheelchair", _("directory_access_wheelchair", default="Wheelchair access")),
    ("toilets", _("directory_access_toilets", default="Accessible toilets")),
    ("parking", _("directory_access_parking", default="Reserved parking space")),
    ("hearing_loop", _("directory_access_hearing_loop", default="Hearing loop")),
    ("guide_dogs", _("directory_access_guide_dogs", default="Guide dogs welcome")),
    ("baby_changing", _("directory_access_baby", default="Baby changing table")),
))

PAYMENTS = _vocabulary((
    ("cash", _("directory_payment_cash", default="Cash")),
    ("bancontact", _("directory_payment_bancontact", default="Bancontact")),
    ("credit_card", _("directory_payment_credit_card", default="Credit card")),
    ("payconiq", _("directory_payment_payconiq", default="Payconiq")),
    ("meal_vouchers", _("directory_payment_meal", default="Meal vouchers")),
    ("eco_vouchers", _("directory_payment_eco", default="Eco vouchers")),
    ("local_voucher", _("directory_payment_local", default="Local shopping voucher")),
    ("transfer", _("directory_payment_transfer", default="Bank transfer")),
))

ASSURANCE_CHOICES = _vocabulary((
    ("none", _("directory_assurance_none", default="A login is enough")),
    ("substantial", _("directory_assurance_substantial",
                      default="A certified identity (eID, itsme) is required")),
))


def directory_of(context):
    """The BusinessDirectory holding ``context`` (or ``context`` itself), or None."""
    obj = context
    while obj is not None:
        if IBusinessDirectoryMarker.providedBy(obj):
            return obj
        obj = getattr(obj, "__parent__", None) or getattr(obj, "aq_parent", None)
    return None


def category_names(context, language=None):
    """``{level name: its name in language}`` of ``context``'s directory (its
    ``category_names_<language>`` lines), for the page's language by default."""
    directory = directory_of(context)
    if directory is None:
        return {}
    language = language or request_language()
    return parse_names(getattr(directory, f"category_names_{language}", None) or ())


def allowed_categories(context, current=()):
    """The categories that the current person may give to an entry of ``context``'s directory.

    Moderators may give every category; others every category except the
    reserved ones, unless the entry already has it (an editor gave it).
    """
    directory = directory_of(context)
    if directory is None:
        return list(current or ())
    categories = list(directory.categories or ())
    if api.user.has_permission(MODERATE, obj=directory):
        return categories
    reserved = set(directory.reserved_categories or ())
    keep = set(current or ())
    return [category for category in categories if category not in reserved or category in keep]


@provider(IContextSourceBinder)
def categories_source(context):
    """The categories of the directory, as the person at hand may use them."""
    current = ()
    if IBusinessMarker.providedBy(context):
        current = getattr(context, "categories", None) or ()
    names = category_names(context)
    return SimpleVocabulary([
        SimpleTerm(category, category.encode("utf-8").hex(), translated(category, names))
        for category in allowed_categories(context, current)
    ])
