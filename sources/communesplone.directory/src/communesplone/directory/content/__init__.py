"""Content types of communesplone.directory: BusinessDirectory and Business."""
