"""The language switch in every page's header, and the page heading in the
visitor's language for content with the ``communesplone.translations`` behavior.

The switch is Plone's language selector viewlet (same name, so it keeps its
place in the header) with accessible markup: a ``nav`` named for screen
readers, each language in its own name with ``lang`` and ``hreflang``, the
current one marked ``aria-current``. Plone shows it only when the site serves
more than one language and cookie negotiation is on
(:mod:`communesplone.core.languages` sets both from the Commune settings).
"""

from Acquisition import aq_base
from Acquisition import aq_inner
from Acquisition import aq_parent
from communesplone.core import identity
from communesplone.core.languages import commune_languages
from communesplone.core.languages import default_language
from communesplone.core.languages import translated_description
from communesplone.core.languages import translated_title
from html import escape
from plone import api
from plone.app.i18n.locales.browser.selector import LanguageSelector
from communesplone.core.translations import CODES
from communesplone.core.translations import ITranslatedTexts
from plone.app.layout.viewlets.common import GlobalSectionsViewlet
from Products.CMFPlone.browser.navigation import PhysicalNavigationBreadcrumbs
from plone.app.layout.viewlets.common import TitleViewlet
from plone.base.interfaces import IPloneSiteRoot
from plone.z3cform.fieldsets.extensible import FormExtender
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from urllib.parse import parse_qsl
from urllib.parse import urlencode


#: Plone's pages written in one language (a news item, an event, a page): each
#: language has its own item, not a translation of the same object.
SINGLE_LANGUAGE_TYPES = ("News Item", "Event", "Document")


def written_in_other_language(context, code):
    """The address of the folder holding ``context`` when ``context`` is a page written
    in another language than ``code`` (a French news item read by someone switching to
    Dutch reaches the Dutch news, not the French text in a Dutch frame); else None."""
    if getattr(context, "portal_type", None) not in SINGLE_LANGUAGE_TYPES:
        return None
    language = getattr(aq_base(context), "language", "") or ""
    if not language or language.split("-")[0] == code:
        return None
    parent = aq_parent(aq_inner(context))
    return parent.absolute_url() if parent is not None else None


class LanguageSwitchViewlet(LanguageSelector):
    """``plone.app.i18n.locales.languageselector`` for the CommunesPlone layer."""

    index = ViewPageTemplateFile("templates/languageswitch.pt")

    def render(self):
        return self.index()

    def switch_url(self, code):
        """This page again, in ``code``: the same address and query, ``set_language``
        replaced (Plone remembers the choice in the ``I18N_LANGUAGE`` cookie)."""
        url = self.request.get("ACTUAL_URL") or self.context.absolute_url()
        other = written_in_other_language(self.context, code)
        if other is not None:
            return f"{other}?{urlencode([('set_language', code)])}"
        query = [(key, value) for key, value in parse_qsl(self.request.get("QUERY_STRING", ""))
                 if key not in ("set_language", "_authenticator")]
        query.append(("set_language", code))
        return f"{url}?{urlencode(query)}"

    def links(self):
        """One entry per language the site serves: code, own name, URL, current."""
        return [
            {
                "code": language["code"],
                "name": language.get("native") or language.get("name") or language["code"],
                "url": self.switch_url(language["code"]),
                "current": "true" if language["selected"] else None,
            }
            for language in self.languages()
        ]


class TranslatedTitleView(BrowserView):
    """``@@title``, Plone's page heading, in the request's language."""

    index = ViewPageTemplateFile("templates/translated_title.pt")

    def __call__(self):
        self.title = translated_title(self.context)
        return self.index()


class TranslatedDescriptionView(BrowserView):
    """``@@description``, Plone's lead paragraph, in the request's language."""

    index = ViewPageTemplateFile("templates/translated_description.pt")

    def __call__(self):
        self.description = translated_description(self.context)
        return self.index()


class TranslatedPageTitleViewlet(TitleViewlet):
    """``plone.htmlhead.title``: the browser tab and what a screen reader announces
    first, in the request's language."""

    @property
    def page_title(self):
        if IPloneSiteRoot.providedBy(self.context):
            return self.site_title_setting
        return escape(translated_title(self.context))

    @property
    def site_title_setting(self):
        """The commune's name in the reader's language ("Gemeente Demo"), else Plone's."""
        return escape(identity.commune_name()) or super().site_title_setting


class TranslationFieldsExtender(FormExtender):
    """The "Translations" tab of an add or edit form shows only the commune's other
    languages: the main title is already in the default language, and a language
    the commune does not serve would never be read. No tab for a monolingual
    commune. (REST still reads and writes every field.)"""

    def update(self):
        others = [code for code in commune_languages() if code != default_language()]
        prefix = ITranslatedTexts.__name__
        for code in CODES:
            if code not in others:
                for kind in ("title", "description"):
                    self.remove(f"{kind}_{code}", prefix=prefix)
        self.form.groups = [group for group in self.form.groups
                            if len(group.fields) or group.__name__ != "translations"]


class TranslatedGlobalSectionsViewlet(GlobalSectionsViewlet):
    """``plone.global_sections``: the services in the main navigation under their
    name in the visitor's language ("Een zaal of materiaal reserveren"), read from
    the brains' ``language_texts`` column."""

    def customize_entry(self, entry, brain):
        entry["title"] = escape(translated_title(brain))

    def customize_tab(self, entry, tab):
        """The first level comes from Plone's tabs (no brain): their titles are read
        from one catalog query of the site's top level."""
        titles = self._top_level_titles()
        if tab.get("id") in titles:
            entry["title"] = titles[tab["id"]]

    def _top_level_titles(self):
        if not hasattr(self, "_titles"):
            portal = api.portal.get()
            self._titles = {brain.getId: translated_title(brain)
                            for brain in api.content.find(context=portal, depth=1)}
        return self._titles


class TranslatedBreadcrumbs(PhysicalNavigationBreadcrumbs):
    """``breadcrumbs_view`` of the content that has its title per language: the
    path reads "Home / E-loket" on a Dutch page, as its heading does."""

    def customize_entry(self, entry, context=None):
        if context is not None:
            entry["Title"] = translated_title(context)
