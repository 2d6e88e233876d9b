"""The commune's identity on its pages: colours, contact, opening hours, legal pages.

Plain functions over the "Commune" settings (registry prefix ``communesplone.core``)
so the header and footer viewlets stay thin and the checks are unit-tested.
"""

from communesplone.core.languages import request_language
from plone import api

import re

#: The colour a commune gets until it chooses its own (7.1:1 with white text).
DEFAULT_PRIMARY_COLOR = "#1d4f91"
#: WCAG 2.1 AA for normal text (success criterion 1.4.3).
MINIMUM_CONTRAST = 4.5
_HEX = re.compile(r"^#?([0-9a-fA-F]{6}|[0-9a-fA-F]{3})$")


def parse_color(value):
    """``(r, g, b)`` from ``#1d4f91``, ``1d4f91`` or ``#14a``; None if it is not a colour."""
    match = _HEX.match((value or "").strip())
    if not match:
        return None
    digits = match.group(1)
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return tuple(int(digits[i:i + 2], 16) for i in (0, 2, 4))


def normalize_color(value):
    """``#rrggbb`` (lower case), or None if ``value`` is not a colour."""
    rgb = parse_color(value)
    return None if rgb is None else "#{:02x}{:02x}{:02x}".format(*rgb)


def _luminance(rgb):
    """Relative luminance as WCAG 2.1 defines it (sRGB, linearised)."""
    def channel(c):
        c = c / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(foreground, background):
    """WCAG contrast ratio between two colours (1 to 21)."""
    lighter, darker = sorted(
        (_luminance(parse_color(foreground)), _luminance(parse_color(background))), reverse=True
    )
    return (lighter + 0.05) / (darker + 0.05)


def contrast_with_white(color):
    """The ratio of white text on ``color``, rounded down to one decimal (as people read it)."""
    return int(contrast_ratio("#ffffff", color) * 10) / 10


def darker(color, factor=0.75):
    """The same hue, darker: for hover and focus states of buttons in the primary colour."""
    rgb = parse_color(color)
    return "#{:02x}{:02x}{:02x}".format(*(int(c * factor) for c in rgb))


def _setting(name, default=None):
    return api.portal.get_registry_record(f"communesplone.core.{name}", default=default)


def primary_color():
    """The commune's primary colour, ``#rrggbb``; the default one if unset or unreadable."""
    return normalize_color(_setting("primary_color")) or DEFAULT_PRIMARY_COLOR


def theme_css():
    """The CSS custom properties of the commune's colours, for the ``<head>``."""
    color = primary_color()
    dark = darker(color)
    return (
        f"html:root{{--cp-primary:{color};--cp-primary-dark:{dark};--cp-on-primary:#ffffff;"
        f"--bs-link-color:{color};--bs-link-hover-color:{dark}}}"
    )


def has_own_logo():
    """True when the commune uploaded its logo (Plone's ``plone.site_logo`` record)."""
    return bool(api.portal.get_registry_record("plone.site_logo", default=None))


def opening_hours(language=None):
    """The administration's opening hours in ``language`` (the request's by default):
    the lines given for that language in the Commune settings, else the main ones."""
    language = language or request_language()
    for name in (f"opening_hours_{language}", "opening_hours"):
        lines = [line.strip() for line in _setting(name) or () if line and line.strip()]
        if lines:
            return lines
    return []


def _in_language(name, language=None):
    """The setting ``<name>_<language>`` when filled in, else ``<name>``."""
    language = language or request_language()
    for key in (f"{name}_{language}", name):
        value = _setting(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""


def commune_name(language=None):
    """The commune's name in ``language`` (the request's by default): "Gemeente Demo"
    for a Dutch reader when the settings give it, else the main name; "" if unset."""
    return _in_language("commune_name", language)


def postal_address(language=None):
    """The administration's address lines in ``language`` (else the main ones)."""
    text = _in_language("postal_address", language)
    return [line.strip() for line in text.splitlines() if line.strip()]


def contact(language=None):
    """Name, address lines, phone, mail and opening hours in ``language`` (the
    request's by default), as the header, footer and front page show them."""
    address = postal_address(language)
    phone = (_setting("phone") or "").strip()
    return {
        "name": commune_name(language),
        "address": address,
        "phone": phone,
        "phone_href": "tel:" + re.sub(r"[^0-9+]", "", phone) if phone else "",
        "email": (_setting("email") or "").strip(),
        "opening_hours": opening_hours(language),
    }


def legal_page_url(field, language):
    """The address of a legal page (``accessibility_pages`` or ``privacy_pages``).

    The setting lists one page per language, as paths in the site
    (``/declaration-accessibilite``) or full addresses. The page in ``language``
    wins, then a page without language, then the first one that exists.
    """
    portal = api.portal.get()
    found = []
    for line in _setting(field) or ():
        line = line.strip()
        if not line:
            continue
        if line.startswith(("http://", "https://")):
            found.append(("", line))
            continue
        page = portal.unrestrictedTraverse(line.strip("/"), None)
        if page is None or not hasattr(page, "absolute_url"):
            continue
        page_language = getattr(page, "language", "") or ""
        found.append((page_language, page.absolute_url()))
    for wanted in (language, ""):
        for page_language, url in found:
            if page_language == wanted:
                return url
    return found[0][1] if found else None
