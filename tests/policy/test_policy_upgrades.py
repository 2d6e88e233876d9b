"""Upgrade steps of communesplone.policy."""

from plone import api
from plone.registry.interfaces import IRegistry
from zope.component import getUtility

BUNDLE = "plone.bundles/communesplone-accessibility"


def test_upgrade_to_1001_adds_the_accessibility_bundle(integration):
    portal = integration["portal"]
    registry = getUtility(IRegistry)
    names = registry.records.keys()
    for name in [name for name in names if name.startswith(BUNDLE)]:
        del registry.records[name]
    setup_tool = portal.portal_setup
    setup_tool.setLastVersionForProfile("communesplone.policy:default", "1000")
    setup_tool.upgradeProfile("communesplone.policy:default")
    assert api.portal.get_registry_record(f"{BUNDLE}.csscompilation").endswith(
        "accessibility.css")
    last = setup_tool.getVersionForProfile("communesplone.policy:default")
    assert setup_tool.getLastVersionForProfile("communesplone.policy:default") == (last,)


def test_upgrade_to_1003_titles_the_news_and_events_folders_in_dutch(integration):
    """A bilingual commune's "Actualités" and "Agenda" read "Nieuws" and
    "Activiteiten" in Dutch after the upgrade; their content stays."""
    from communesplone.core.languages import translated_title
    from communesplone.policy.structure import folder_of

    portal = integration["portal"]
    api.portal.set_registry_record("communesplone.core.languages", ["fr", "nl"])
    types = portal.portal_types
    # a site as 1002 left it: Folder without the translations behavior
    types["Folder"].manage_changeProperties(behaviors=tuple(
        b for b in types["Folder"].behaviors if b != "communesplone.translations"))
    news = folder_of("news_folder")
    for name in ("title_nl", "title_de"):
        if name in news.__dict__:
            delattr(news, name)
    items = list(news.objectIds())
    setup_tool = portal.portal_setup
    setup_tool.setLastVersionForProfile("communesplone.policy:default", "1002")
    setup_tool.upgradeProfile("communesplone.policy:default")
    assert "communesplone.translations" in types["Folder"].behaviors
    assert translated_title(folder_of("news_folder"), "nl") == "Nieuws"
    assert translated_title(folder_of("events_folder"), "nl") == "Activiteiten"
    brain = api.content.find(UID=news.UID())[0]
    assert translated_title(brain, "nl") == "Nieuws"  # the navigation reads brains
    assert list(news.objectIds()) == items
