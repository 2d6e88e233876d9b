"""How forms show and read an entry's coordinates.

z3c.form's float converter formats with the locale's decimal pattern, which
keeps three decimals: an edit form would show 50.467 for 50.4669 and save it
back, moving the entry by up to 50 metres each time; it also refuses
"50,4669" typed on a French page (more decimals than the pattern). Here: up
to six decimals (10 cm) in the locale's notation, and either separator read.
"""

from communesplone.directory import _
from communesplone.directory.constraints import HoursTextError
from communesplone.directory.constraints import InvalidJSON
from communesplone.directory.constraints import read_hours_text
from communesplone.directory.content.business import ICoordinate
from communesplone.directory.content.business import IHoursField
from communesplone.directory.hours import HoursError
from communesplone.directory.hours import parse_hours
from communesplone.directory.hours import to_text
from plone import api
from z3c.form.converter import BaseDataConverter
from z3c.form.converter import FormatterValidationError
from z3c.form.interfaces import IWidget
from zope.component import adapter

import json

PATTERN = "0.######"


@adapter(ICoordinate, IWidget)
class CoordinateConverter(BaseDataConverter):
    errorMessage = _("directory_error_coordinate",
                     default="Type a number of degrees, e.g. 50.4669 (or 50,4669).")

    def toWidgetValue(self, value):
        if value is None or value == self.field.missing_value:
            return ""
        formatter = self.widget.request.locale.numbers.getFormatter("decimal")
        return formatter.format(value, PATTERN)

    def toFieldValue(self, value):
        text = (value or "").strip().replace("\u00a0", "").replace(" ", "")
        if not text:
            return self.field.missing_value
        try:
            return float(text.replace(",", "."))
        except ValueError:
            raise FormatterValidationError(self.errorMessage, value) from None


@adapter(IHoursField, IWidget)
class HoursConverter(BaseDataConverter):
    """Opening hours in an edit form as people write them: shown as
    "lundi-vendredi 9h-18h; samedi 9h-12h; fermé le 01/01/2027" in the page's
    language, read by :func:`~communesplone.directory.hours.parse_text`. JSON
    typed in the box is read as before, and stored data that cannot be read is
    shown as it is (not lost)."""

    def toWidgetValue(self, value):
        if not value:
            return ""
        try:
            hours = parse_hours(value)
        except HoursError:
            hours = None  # old or imported data: shown as it is, not lost
        if hours is None:
            return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        return to_text(hours, api.portal.get_current_language() or "fr")

    def toFieldValue(self, value):
        text = (value or "").strip()
        if not text:
            return self.field.missing_value
        if text.startswith("{"):
            try:
                return json.loads(text)
            except ValueError:
                raise FormatterValidationError(InvalidJSON.__doc__, value) from None
        try:
            return read_hours_text(text)
        except HoursTextError as error:
            raise FormatterValidationError(error.doc(), value) from None
