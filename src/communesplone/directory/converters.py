"""How forms show and read an entry's coordinates.

z3c.form's float converter formats with the locale's decimal pattern, which
keeps three decimals: an edit form would show 50.467 for 50.4669 and save it
back, moving the entry by up to 50 metres each time; it also refuses
"50,4669" typed on a French page (more decimals than the pattern). Here: up
to six decimals (10 cm) in the locale's notation, and either separator read.
"""

from communesplone.directory import _
from communesplone.directory.content.business import ICoordinate
from z3c.form.converter import BaseDataConverter
from z3c.form.converter import FormatterValidationError
from z3c.form.interfaces import IWidget
from zope.component import adapter

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
