"""Browser views of communesplone.eguichet."""
