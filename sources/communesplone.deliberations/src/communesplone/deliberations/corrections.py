"""Corrections of a decided item: the only change once an item is decided, always with a reason.

The workflow gives nobody ``Modify portal content`` on a decided item; the
secretariat may still correct its text here, and every correction is kept
(who, when, which field, the old value, the reason).
"""

from communesplone.deliberations.states import DECIDED_STATES
from communesplone.deliberations import _
from datetime import datetime
from datetime import UTC
from plone import api
from plone.app.textfield.value import RichTextValue
from zope.globalrequest import getRequest
from zope.i18n import translate

import html
import re

CORRECTABLE = ("title", "legal_basis", "motivation", "decision")
RICH = ("motivation", "decision")
DECIDED = DECIDED_STATES


def html_to_paragraphs(text):
    """A rich text as a person reads it in a text box: one paragraph a block, no tags."""
    if "<" not in (text or ""):
        return text or ""
    blocks = re.split(r"(?i)</p>|<br\s*/?>|</li>|</h\d>", text)
    plain = [html.unescape(re.sub(r"<[^>]+>", "", block)).strip() for block in blocks]
    return "\n\n".join(block for block in plain if block)


def paragraphs_to_html(text):
    """What the text box sent -> the rich text stored (a paragraph a block); markup that
    a person typed or pasted is kept as it is."""
    text = (text or "").strip()
    if "<" in text:
        return text
    blocks = [block.strip() for block in re.split(r"\n\s*\n", text) if block.strip()]
    return "".join(f"<p>{html.escape(block).replace(chr(10), '<br />')}</p>"
                   for block in blocks)


class CorrectionError(ValueError):
    def __init__(self, message, field):
        super().__init__(translate(message, context=getRequest()))
        self.message = message
        self.field = field


def correct(item, field, value, reason):
    """Apply a correction to a decided item; return the history entry."""
    if api.content.get_state(item) not in DECIDED:
        raise CorrectionError(_("error_correction_not_decided",
                                default="Only a decided item is corrected; edit this one."),
                              "field")
    if field not in CORRECTABLE:
        raise CorrectionError(_("error_correction_field",
                                default="This field cannot be corrected."),
                              "field")
    if not (reason or "").strip():
        raise CorrectionError(_("error_correction_reason", default="A correction needs a reason."),
                              "reason")
    if not isinstance(value, str) or (field == "title" and not value.strip()):
        raise CorrectionError(_("error_correction_value", default="Give the corrected text."),
                              "value")
    old = getattr(item, field, None)
    old_text = old.raw if isinstance(old, RichTextValue) else old
    new = RichTextValue(value, "text/html", "text/x-html-safe") if field in RICH else value
    setattr(item, field, new)
    entry = {"field": field, "old": old_text, "reason": reason.strip(),
             "by": api.user.get_current().getId(), "at": datetime.now(UTC).isoformat()}
    item.corrections = tuple(getattr(item, "corrections", ())) + (entry,)
    item.reindexObject()
    return entry
