"""REST field deserializers that take a value only of the kind the field holds.

plone.restapi validates a number with ``isinstance(value, int)``, and in
Python ``True`` is an int: ``"quantity": true`` was stored as 1. A boolean
field turned any string into False. JSON also reads ``1e309`` as infinity.
These adapters (for sites with core installed: its browser layer) refuse
such values with a ``ValueError``; :mod:`communesplone.core.fielderrors` then
says what the field expects ("Quantité : un nombre entier est attendu").
Strings of digits stay accepted, as a form sends them.
"""

from communesplone.core.interfaces import ICommunesploneCoreLayer
from decimal import Decimal
from plone.dexterity.interfaces import IDexterityContent
from plone.restapi.deserializer.dxfields import ChoiceFieldDeserializer
from plone.restapi.deserializer.dxfields import DatetimeFieldDeserializer
from plone.restapi.deserializer.dxfields import DecimalFieldDeserializer
from plone.restapi.deserializer.dxfields import DefaultFieldDeserializer
from plone.restapi.interfaces import IFieldDeserializer
from zope.component import adapter
from zope.interface import implementer
from zope.schema.interfaces import IBool
from zope.schema.interfaces import IChoice
from zope.schema.interfaces import IDate
from zope.schema.interfaces import IDatetime
from zope.schema.interfaces import IDecimal
from zope.schema.interfaces import IFloat
from zope.schema.interfaces import IInt

import datetime
import math
import re

#: Larger than any count a commune keeps; beyond, a number is an attack or a typo.
MAX_NUMBER = 10**9


def _number(value, kind):
    if isinstance(value, bool) or not isinstance(value, (int, float, str, Decimal)):
        raise ValueError(f"not {kind}")
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError("not a finite number")
    if isinstance(value, str) and len(value.strip()) > 30:
        raise ValueError("number too long")
    return value


def _bounded(number):
    if number is not None and abs(number) > MAX_NUMBER:
        raise ValueError("number too large")
    return number


@implementer(IFieldDeserializer)
@adapter(IInt, IDexterityContent, ICommunesploneCoreLayer)
class IntFieldDeserializer(DefaultFieldDeserializer):
    def __call__(self, value):
        if value is not None:
            _number(value, "an integer")
            if isinstance(value, float):
                raise ValueError("not an integer")
        return _bounded(super().__call__(value))


@implementer(IFieldDeserializer)
@adapter(IFloat, IDexterityContent, ICommunesploneCoreLayer)
class FloatFieldDeserializer(DefaultFieldDeserializer):
    def __call__(self, value):
        if value is not None:
            _number(value, "a number")
            if isinstance(value, int):
                value = float(value)
        number = super().__call__(value)
        if isinstance(number, float) and not math.isfinite(number):
            raise ValueError("not a finite number")
        return _bounded(number)


@implementer(IFieldDeserializer)
@adapter(IDecimal, IDexterityContent, ICommunesploneCoreLayer)
class DecimalDeserializer(DecimalFieldDeserializer):
    def __call__(self, value):
        if value is not None:
            _number(value, "a number")
        number = super().__call__(value)
        if isinstance(number, Decimal) and not number.is_finite():
            raise ValueError("not a finite number")
        return _bounded(number)


@implementer(IFieldDeserializer)
@adapter(IBool, IDexterityContent, ICommunesploneCoreLayer)
class BoolFieldDeserializer(DefaultFieldDeserializer):
    def __call__(self, value):
        if value is not None and not isinstance(value, bool):
            raise ValueError("not a boolean")
        return super().__call__(value)


@implementer(IFieldDeserializer)
@adapter(IChoice, IDexterityContent, ICommunesploneCoreLayer)
class ChoiceDeserializer(ChoiceFieldDeserializer):
    """A choice is one value: a list or an object (but ``{"token": ...}``) is not.

    plone.restapi looked a list up in the vocabulary's dict: ``TypeError:
    unhashable type``, a 500 (found by tests/core/test_fuzz_bodies.py).
    """

    def __call__(self, value):
        if isinstance(value, dict) and "token" in value:
            value = value["token"]
        if value is not None and not isinstance(value, (str, int, float, bool)):
            raise ValueError("not one of the choices")
        return super().__call__(value)


#: The years a commune's dates fall in; beyond, a date is an attack or a typo
#: (``9999-12-31`` overflowed once converted to another time zone).
YEARS = range(1900, 2200)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _moment_text(value):
    """``value`` must be an ISO 8601 text of a sane year, without control characters.

    plone.restapi's date parser took a number or a list to a 500 ("Parser must
    be a string"), and read ``2026\x00``, the year 1 and the year 9999 as dates.
    """
    if not isinstance(value, str) or len(value) > 40 or not _ISO_DATE.match(value.strip()):
        raise ValueError("not a date")
    if not value.isprintable():
        raise ValueError("not a date")
    if int(value.strip()[:4]) not in YEARS:
        raise ValueError("date out of range")
    return value.strip()


@implementer(IFieldDeserializer)
@adapter(IDatetime, IDexterityContent, ICommunesploneCoreLayer)
class DatetimeDeserializer(DatetimeFieldDeserializer):
    def __call__(self, value):
        if value is not None:
            value = _moment_text(value)
        return super().__call__(value)


@implementer(IFieldDeserializer)
@adapter(IDate, IDexterityContent, ICommunesploneCoreLayer)
class DateDeserializer(DefaultFieldDeserializer):
    def __call__(self, value):
        if value is None:
            return super().__call__(value)
        text = _moment_text(value)
        try:
            day = datetime.date.fromisoformat(text[:10])
        except ValueError:
            raise ValueError("not a date") from None
        self.field.validate(day)
        return day
