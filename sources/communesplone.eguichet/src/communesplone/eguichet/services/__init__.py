"""REST services of communesplone.eguichet."""
