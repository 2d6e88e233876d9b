"""Demo content (``communesplone.policy:demo``): what a newcomer should see.

Each add-on with demo content has a ``demo`` module with a ``populate``
function, listed in ``DEMO_ADDONS``; every one is idempotent, so the profile
can be applied again.
"""

from communesplone.core.notifications import notifications_suppressed
from communesplone.policy import _
from communesplone.policy import demo_portal
from communesplone.policy import demo_languages
from plone import api
from plone.base.utils import get_installer
from zope.i18n import translate

import importlib

# Each of these add-ons has a ``demo`` module whose ``populate(portal, language)``
# fills its part of the demo commune when the add-on is installed.
DEMO_ADDONS = (
    "communesplone.booking",
    "communesplone.directory",
    "communesplone.eguichet",
    "communesplone.deliberations",
)


def _t(message, language):
    return translate(message, target_language=language)


def welcome_page(portal, language):
    """A front page introducing the demo commune and its e-services."""
    if "bienvenue" in portal.objectIds():
        return portal["bienvenue"]
    page = api.content.create(
        container=portal,
        type="Document",
        id="bienvenue",
        title=_t(_("demo_welcome_title", default="Welcome to the demo commune"), language),
        description=_t(
            _(
                "demo_welcome_description",
                default="This site shows what CommunesPlone gives a commune: "
                "online services for citizens and tools for its staff.",
            ),
            language,
        ),
    )
    api.content.transition(obj=page, transition="publish")
    return page


def post_install(context):
    """Fill the demo commune."""
    portal = api.portal.get()
    language = api.portal.get_default_language() or "fr"
    # Whoever applies the profile (a site administrator, the start command),
    # the demo content is made the same way.
    installer = get_installer(portal)
    # Demo bookings and orders notify nobody: their addresses are made up.
    with api.env.adopt_roles(["Manager"]), notifications_suppressed():
        # Visitors may create an account: a password account whose e-mail
        # address was confirmed orders the documents at level "low".
        api.portal.set_registry_record("plone.enable_self_reg", True)
        welcome_page(portal, language)
        for addon in DEMO_ADDONS:
            if installer.is_product_installed(addon):
                importlib.import_module(f"{addon}.demo").populate(portal, language)
        demo_portal.populate(portal)
        demo_languages.translate_demo(portal)
