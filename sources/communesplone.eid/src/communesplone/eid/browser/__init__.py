"""Browser views of communesplone.eid: the eID login and the identity demo page."""
