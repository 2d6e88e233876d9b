"""Interfaces of communesplone.deliberations: browser layer and registry settings."""

from communesplone.deliberations import _
from zope import schema
from zope.interface import Interface
from zope.publisher.interfaces.browser import IDefaultBrowserLayer


class IDeliberationsLayer(IDefaultBrowserLayer):
    """Marker for the browser layer of communesplone.deliberations."""


class IDeliberationsSettings(Interface):
    """Document templates a commune may replace (empty: the shipped template)."""

    template_convocation = schema.Text(
        title=_("label_template_convocation", default="Template of the convocation (HTML)"),
        required=False, default="", missing_value="",
    )
    template_agenda = schema.Text(
        title=_("label_template_agenda", default="Template of the public agenda (HTML)"),
        required=False, default="", missing_value="",
    )
    template_extract = schema.Text(
        title=_("label_template_extract", default="Template of the decision extract (HTML)"),
        required=False, default="", missing_value="",
    )
    template_minutes = schema.Text(
        title=_("label_template_minutes", default="Template of the minutes (HTML)"),
        required=False, default="", missing_value="",
    )
