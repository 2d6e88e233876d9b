"""The commune's header, colours and footer on every page (``communesplone.core`` layer).

They replace Plone's logo, footer portlets and colophon (hidden in ``viewlets.xml``);
what they show comes from :mod:`communesplone.core.identity`.
"""

from communesplone.core import identity
from plone import api
from plone.app.layout.viewlets.common import ViewletBase
from Products.CMFPlone.utils import getSiteLogo
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile


class ThemeColorsViewlet(ViewletBase):
    """The commune's colours as CSS custom properties, read by ``theme.css``."""

    def render(self):
        return f'<style id="communesplone-colors">{identity.theme_css()}</style>'


class BrandViewlet(ViewletBase):
    """The commune's logo and name, linking to the front page (no Plone logo)."""

    index = ViewPageTemplateFile("templates/brand.pt")

    def update(self):
        super().update()
        self.name = identity.contact()["name"] or self.portal_state.navigation_root_title()
        self.logo_url = getSiteLogo() if identity.has_own_logo() else None


class FooterViewlet(ViewletBase):
    """Address, phone, mail, opening hours and legal pages of the commune."""

    index = ViewPageTemplateFile("templates/footer.pt")

    def update(self):
        super().update()
        self.contact = identity.contact()
        language = api.portal.get_current_language()
        self.accessibility_url = identity.legal_page_url("accessibility_pages", language)
        self.privacy_url = identity.legal_page_url("privacy_pages", language)
