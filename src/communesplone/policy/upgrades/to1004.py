"""1004: the news and events folders on their own pages (the reader's language,
dates in words); the news folder's page was missing (a 404 from the menu)."""

from communesplone.policy.structure import use_listing_layouts


def upgrade(setup_tool):
    use_listing_layouts()
