"""Content types of communesplone.eguichet."""
